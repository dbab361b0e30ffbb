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
import { summaryView } from '../view-models/summary-view';
import { comparisonRows } from '../view-models/table-rows';
import { scenarioFor } from './scenario-cache';
import { useShareState } from './use-share-state';
import { createAsyncModelStore } from './async-models';
import type { TableState } from '../url/table-state';
import type { TaskId } from '../url/task-state';
import { TaskSwitch } from '../features/task-switch/task-switch';
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

/** The tasks this page implements (DESIGN "Run · Serve · Fine-tune"), and the views each shows. */
const TASKS: readonly TaskId[] = ['run', 'train'];
const TRAIN_VIEWS: readonly ViewId[] = ['matrix', 'details', 'table', 'plan', 'canrun', 'accuracy'];

// The fine-tuning mode loads when first chosen: its estimator and views stay out of the first paint.
const TrainingBannerSlot = lazy(() => import('./training-mode').then((m) => ({ default: m.TrainingBannerSlot })));
const TrainingViewSlot = lazy(() => import('./training-mode').then((m) => ({ default: m.TrainingViewSlot })));

// Sources of models that load asynchronously; the catalogue, bare sizes and pasted configs
// resolve synchronously in the scenario.
const asyncModels = createAsyncModelStore([]);

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
  // A link may name a task this page does not implement yet: it opens as Run and says so.
  const task: TaskId = TASKS.includes(state.task) ? state.task : 'run';
  const viewTask: TaskId = TASKS.includes(viewState.task) ? viewState.task : 'run';
  const training = viewTask === 'train';
  const tabs = training ? TABS.filter(([id]) => TRAIN_VIEWS.includes(id)) : TABS;
  const shownView: ViewId = tabs.some(([id]) => id === viewState.view) ? viewState.view : 'matrix';
  const tabView: ViewId = tabs.some(([id]) => id === state.view) ? state.view : 'matrix';
  const allNotices = useMemo(
    () =>
      state.task === task
        ? notices
        : [...notices, `This page has no ${state.task} mode yet; it shows the Run (inference) estimates.`],
    [notices, state.task, task],
  );
  const selected = useMemo(() => ({ model: scenario.selectedModel.key, pool: scenario.selectedPool.key }), [scenario]);
  const summary = useMemo(() => summaryView(scenario), [scenario]);
  const select = useCallback((model: string, pool: string) => update({ selected: { model, pool } }), [update]);
  const setTable = useCallback((table: TableState) => update({ table }), [update]);
  const tableRows = useMemo(
    () => (viewState.view === 'table' && !training ? comparisonRows(scenario) : []),
    [viewState.view, scenario, training],
  );

  const viewElement = useMemo(() => {
    if (training) {
      return (
        <Suspense fallback={<ChartPlaceholder height={480} label="fine-tuning estimates" />}>
          <TrainingViewSlot
            view={shownView}
            scenario={scenario}
            state={viewState}
            selected={selected}
            onSelect={select}
            update={update}
          />
        </Suspense>
      );
    }
    switch (viewState.view) {
      case 'matrix':
        return <FitMatrix view={matrixView(scenario)} selected={selected} onSelect={select} />;
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
        return <TableView rows={tableRows} state={state.table} onState={setTable} />;
      case 'plan':
        return (
          <PlanView
            view={planView(scenario, viewState.plan)}
            needs={viewState.plan}
            onNeeds={(patch) => update((current) => ({ plan: { ...current.plan, ...patch } }))}
          />
        );
      case 'canrun':
        return <CanRunView view={canRunView(scenario)} />;
      case 'accuracy':
        return <AccuracyView />;
    }
  }, [viewState, scenario, update, select, selected, tableRows, state.table, setTable, training, shownView]);

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
      <LinkNotice notices={allNotices} />
      <div className="app-body">
        <aside className="panel config-panel">
          <details className="config-collapse" open={configOpen} onToggle={(e) => setConfigOpen(e.currentTarget.open)}>
            <summary>Configuration</summary>
            <ConfigPanel state={state} scenario={controlScenario} update={update} onRetryModel={asyncModels.retry} />
          </details>
        </aside>
        <main className={stale ? 'main is-stale' : 'main'} aria-busy={stale}>
          <TaskSwitch task={task} tasks={TASKS} onTask={(next) => update({ task: next })} />
          <ViewBoundary name="verdict">
            {training ? (
              <Suspense fallback={<ChartPlaceholder height={120} label="fine-tuning verdict" />}>
                <TrainingBannerSlot scenario={scenario} training={viewState.training} />
              </Suspense>
            ) : (
              <VerdictBanner view={summary} />
            )}
          </ViewBoundary>
          <div className="panel">
            <div className="tabs" role="tablist" aria-label="Views">
              {tabs.map(([id, label]) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={tabView === id}
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
              aria-labelledby={`tab-${tabView}`}
              data-view={shownView}
              data-task={viewTask}
              data-ready={!stale}
            >
              <ViewBoundary
                key={`${viewTask}-${shownView}`}
                name={tabs.find(([id]) => id === shownView)?.[1] ?? shownView}
              >
                {viewElement}
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
