import {
  lazy,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { ViewBoundary } from '../components/view-boundary';
import { FitMatrix } from '../features/fit-matrix/fit-matrix';
import { ConfigPanel } from '../features/config-panel/config-panel';
import { DetailsView } from '../features/details/details-view';
import { QuantView } from '../features/quantization/quant-view';
import { SpeedView } from '../features/speed/speed-view';
import { TableView } from '../features/comparison-table/table-view';
import { CopyLinkButton } from '../features/share/copy-link-button';
import { LinkNotice } from '../features/share/link-notice';
import { ThemeToggle } from '../features/share/theme-toggle';
import { VerdictBanner } from '../features/summary/verdict-banner';
import type { ViewId } from '../url/share-state';
import { matrixView } from '../view-models/matrix-view';
import { canRunView, planView } from '../view-models/plan-view';
import { PlanView } from '../features/plan/plan-view';
import { CanRunView } from '../features/can-run/can-run-view';
import { AccuracyView } from '../features/accuracy/accuracy-view';
import { memoryBreakdownView, memoryContextView } from '../view-models/memory-view';
import { quantView } from '../view-models/quant-view';
import { speedView } from '../view-models/speed-view';
import { summaryOrError } from '../view-models/summary-view';
import { comparisonRows } from '../view-models/table-rows';
import { scenarioFor } from './scenario-cache';
import { useShareState } from './use-share-state';
import { createAsyncModelStore } from './async-models';
import { hubSource, localGgufSource } from './hub-sources';
import { useHubModels } from './use-hub-models';
import type { TableState } from '../url/table-state';
import { ServingView } from '../features/serving/serving-view';
import { TaskSwitch } from '../features/task-switch/task-switch';
import type { TaskId } from '../url/task-state';
import { servingView } from '../view-models/serving-view';
import { formatContext } from '../view-models/format-units';
import { ChartPlaceholder } from '../components/chart-placeholder';

const TABS: readonly [ViewId, string][] = [
  ['matrix', 'Fit matrix'],
  ['details', 'Memory'],
  ['quant', 'Quantization'],
  ['speed', 'Speed'],
  ['table', 'Table'],
  ['plan', 'Buy'],
  ['canrun', 'Can I run'],
  ['accuracy', 'Accuracy'],
];

// The tasks this page answers (DESIGN "Run · Serve · Fine-tune") and each task's views.
const TASKS: readonly TaskId[] = ['run', 'serve', 'train'];
const SERVE_TABS: readonly [ViewId, string][] = [
  ['serve', 'Serving'],
  ['matrix', 'Fit matrix'],
  ['table', 'Table'],
  ['plan', 'Buy'],
];
const TRAIN_VIEWS: readonly ViewId[] = ['matrix', 'details', 'table', 'plan', 'canrun', 'accuracy'];
const TRAIN_TABS = TABS.filter(([id]) => TRAIN_VIEWS.includes(id));
const tabsFor = (task: TaskId) => (task === 'serve' ? SERVE_TABS : task === 'train' ? TRAIN_TABS : TABS);

/** The view shown: the link's, or the task's first when the link names one the task does not have. */
function shownView(task: TaskId, view: ViewId): ViewId {
  const tabs = tabsFor(task);
  return tabs.some(([id]) => id === view) ? view : (tabs[0]?.[0] ?? 'matrix');
}

// The fine-tuning mode loads when first chosen: its estimator and views stay out of the first paint.
const TrainingBannerSlot = lazy(() => import('./training-mode').then((m) => ({ default: m.TrainingBannerSlot })));
const TrainingViewSlot = lazy(() => import('./training-mode').then((m) => ({ default: m.TrainingViewSlot })));

// Sources of models that load asynchronously (the Hugging Face Hub, local GGUF files); the
// catalogue, bare sizes and pasted configs resolve synchronously in the scenario.
const asyncModels = createAsyncModelStore([hubSource, localGgufSource]);

/** Where the features meet: state comes from the URL, every result is derived during render. */
export function App() {
  const { state, notices, update } = useShareState();
  const asyncVersion = useSyncExternalStore(asyncModels.subscribe, asyncModels.version, asyncModels.version);
  useEffect(() => asyncModels.want(state.models), [state.models]);
  // On narrow screens the configuration starts folded so the answer is the first thing seen.
  const [configOpen, setConfigOpen] = useState(
    () => typeof window === 'undefined' || !window.matchMedia('(max-width: 900px)').matches,
  );
  // Controls answer at once; the views follow in a deferred render so typing and dragging never
  // wait for a full matrix or table to be recomputed.
  const viewState = useDeferredValue(state);
  const controlScenario = useMemo(() => scenarioFor(state, asyncModels.resolve, asyncVersion), [state, asyncVersion]);
  const scenario = useMemo(() => scenarioFor(viewState, asyncModels.resolve, asyncVersion), [viewState, asyncVersion]);
  const stale = viewState !== state;
  const hub = useHubModels(state, controlScenario, update, asyncModels, asyncVersion);
  const selected = useMemo(() => ({ model: scenario.selectedModel.key, pool: scenario.selectedPool.key }), [scenario]);
  const summary = useMemo(() => summaryOrError(scenario), [scenario]);
  const select = useCallback((model: string, pool: string) => update({ selected: { model, pool } }), [update]);
  const setTable = useCallback((table: TableState) => update({ table }), [update]);
  const view = shownView(viewState.task, viewState.view);
  const activeView = shownView(state.task, state.view);
  const serving = viewState.task === 'serve' ? viewState.serving : null;
  const training = viewState.task === 'train';
  const tableRows = useMemo(
    () => (view === 'table' && !training ? comparisonRows(scenario, false, serving) : []),
    [view, scenario, serving, training],
  );
  const tabs = tabsFor(state.task);
  const chooseTask = useCallback(
    // Choosing Serve opens its own view; going back keeps a view both tasks share.
    (task: TaskId) => update((current) => ({ task, view: task === 'serve' ? 'serve' : shownView(task, current.view) })),
    [update],
  );

  // Built inside the view's error boundary (a function child), so a view model that throws
  // shows a message in that view instead of unmounting the page.
  const renderView = useCallback(() => {
    if (training) {
      return (
        <Suspense fallback={<ChartPlaceholder height={480} label="fine-tuning estimates" />}>
          <TrainingViewSlot
            view={view}
            scenario={scenario}
            state={viewState}
            selected={selected}
            onSelect={select}
            update={update}
          />
        </Suspense>
      );
    }
    switch (view) {
      case 'serve':
        return (
          <ServingView
            view={servingView(scenario, viewState.serving)}
            serving={viewState.serving}
            onServing={(patch) => update((current) => ({ serving: { ...current.serving, ...patch } }))}
          />
        );
      case 'matrix':
        return <FitMatrix view={matrixView(scenario, serving)} selected={selected} onSelect={select} />;
      case 'details':
        return <DetailsView breakdown={memoryBreakdownView(scenario)} context={memoryContextView(scenario)} />;
      case 'quant':
        return (
          <QuantView
            view={quantView(scenario)}
            onToggle={(id) =>
              update({
                formats: viewState.formats.includes(id)
                  ? viewState.formats.length > 1
                    ? viewState.formats.filter((f) => f !== id)
                    : viewState.formats
                  : [...viewState.formats, id],
              })
            }
          />
        );
      case 'speed':
        return (
          <SpeedView
            view={speedView(scenario)}
            baselineOptions={scenario.pools.map((p) => ({ key: p.key, label: p.label }))}
            baseline={viewState.baseline}
            onBaseline={(baseline) => update({ baseline })}
          />
        );
      case 'table':
        // The table's own controls follow the live state so typing in its search never lags.
        return (
          <TableView
            rows={tableRows}
            state={state.table}
            onState={setTable}
            serving={
              serving && {
                floor: serving.minTps,
                note: `${formatContext(scenario.context)} per request, ${serving.output.toLocaleString('en-US')}-token answers`,
              }
            }
          />
        );
      case 'plan':
        return (
          <PlanView
            view={planView(
              scenario,
              viewState.plan,
              15,
              serving && { users: serving.users ?? 1, outputTokens: serving.output },
            )}
            needs={viewState.plan}
            onNeeds={(patch) => update((current) => ({ plan: { ...current.plan, ...patch } }))}
          />
        );
      case 'canrun':
        return <CanRunView view={canRunView(scenario)} />;
      case 'accuracy':
        return <AccuracyView />;
    }
  }, [view, viewState, serving, scenario, update, select, selected, tableRows, state.table, setTable, training]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Headroom</h1>
        <span className="tagline">Will this model fit on this GPU, at which precision, and how fast will it run?</span>
        <div className="header-actions">
          <ThemeToggle />
          <CopyLinkButton />
        </div>
      </header>
      <ViewBoundary name="link notice">
        <LinkNotice notices={notices} />
      </ViewBoundary>
      <div className="app-body">
        <aside className="panel config-panel">
          <details className="config-collapse" open={configOpen} onToggle={(e) => setConfigOpen(e.currentTarget.open)}>
            <summary>Configuration</summary>
            <ViewBoundary name="configuration" resetKey={state}>
              <ConfigPanel
                state={state}
                scenario={controlScenario}
                update={update}
                onRetryModel={asyncModels.retry}
                hub={hub}
              />
            </ViewBoundary>
          </details>
        </aside>
        <main className={stale ? 'main is-stale' : 'main'} aria-busy={stale}>
          {/* The verdict is the Run task's answer for one sequence; the Serving view gives the Serve task's. */}
          {state.task !== 'serve' && (
            <ViewBoundary name="verdict" resetKey={summary}>
              {training ? (
                <Suspense fallback={<ChartPlaceholder height={120} label="fine-tuning verdict" />}>
                  <TrainingBannerSlot scenario={scenario} training={viewState.training} />
                </Suspense>
              ) : (
                <VerdictBanner view={summary} onApply={update} />
              )}
            </ViewBoundary>
          )}
          <TaskSwitch task={state.task} tasks={TASKS} onTask={chooseTask} />
          <div className="panel">
            <div className="tabs" role="tablist" aria-label="Views">
              {tabs.map(([id, label]) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={activeView === id}
                  aria-controls="view-panel"
                  className="tab"
                  onClick={() => update({ view: id })}
                >
                  {label}
                </button>
              ))}
            </div>
            <div
              role="tabpanel"
              id="view-panel"
              aria-labelledby={`tab-${activeView}`}
              data-view={view}
              data-task={viewState.task}
              data-ready={!stale}
            >
              <ViewBoundary
                key={`${viewState.task}-${view}`}
                name={tabsFor(viewState.task).find(([id]) => id === view)?.[1] ?? view}
                resetKey={renderView}
              >
                {renderView}
              </ViewBoundary>
            </div>
          </div>
          {training ? (
            <p className="footnote estimates-note">
              Fine-tuning estimates come from published formulas (ZeRO, Korthikanti et al.) and the frameworks&apos;
              code, with the allocator reserve and the utilisation fitted to published runs on NVIDIA GPUs; see
              Accuracy. They leave out packing and padding differences, torch.compile, fused kernels beyond the
              framework presets, and other programs sharing the GPU.
            </p>
          ) : (
            <p className="footnote estimates-note">
              Run estimates inference only: running a trained model, not training it (choose Fine-tune above for that).
              These are estimates from published specifications and formulas, not measurements. They leave out
              speculative decoding, prompt caching, other programs sharing the GPU, driver and build differences, and
              thermal throttling. Decode speed assumes the context is full.
            </p>
          )}
        </main>
      </div>
      <pre hidden data-testid="app-state">
        {JSON.stringify({ state, selected, verdict: training ? null : summary.verdict })}
      </pre>
    </div>
  );
}
