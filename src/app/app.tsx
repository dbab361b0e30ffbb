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
import { CopyLinkButton } from '../features/share/copy-link-button';
import { LinkNotice } from '../features/share/link-notice';
import { ThemeToggle } from '../features/share/theme-toggle';
import { VerdictBanner } from '../features/summary/verdict-banner';
import type { ViewId } from '../url/share-state';
import { matrixView } from '../view-models/matrix-view';
import { summaryOrError } from '../view-models/summary-view';
import { scenarioFor } from './scenario-cache';
import { useShareState } from './use-share-state';
import { createAsyncModelStore } from './async-models';
import { hubSource, localGgufSource } from './hub-sources';
import { useHubModels } from './use-hub-models';
import type { TableState } from '../url/table-state';
import { TaskSwitch } from '../features/task-switch/task-switch';
import type { TaskId } from '../url/task-state';
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
// The other Run and Serve views load after the first paint: when the link opens one, or as soon
// as a tab is pointed at or focused, so the click that follows finds the module ready.
const loadRunViews = () => import('./run-views');
const RunViewSlot = lazy(() => loadRunViews().then((m) => ({ default: m.RunViewSlot })));
// With them go the chart library and the table, which those views load lazily in turn, so a
// click finds them compiled (the Memory tab's first switch: 584 → 365 ms in npm run bench:ui with
// the pointer on the strip 0.8 s before). A failed prefetch is retried, and reported, by the lazy
// view when it is shown.
const prefetchRunViews = () =>
  void Promise.all([
    loadRunViews(),
    import('../features/details/memory-charts'),
    import('../features/comparison-table/comparison-table'),
  ]).catch(() => undefined);

// Sources of models that load asynchronously (the Hugging Face Hub, local GGUF files); the
// catalogue, bare sizes and pasted configs resolve synchronously in the scenario.
const asyncModels = createAsyncModelStore([hubSource, localGgufSource]);

/** Where the features meet: state comes from the URL, every result is derived during render. */
export function App() {
  const { state, notices, update } = useShareState();
  const asyncVersion = useSyncExternalStore(asyncModels.subscribe, asyncModels.version, asyncModels.version);
  useEffect(() => asyncModels.want(state.models), [state.models]);
  // From here the page answers input: npm run bench:ui measures this mark against the first paint.
  useEffect(() => {
    performance.mark('headroom:interactive');
  }, []);
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
    // The Serve task's matrix runs the serving estimator, which loads with the other views.
    if (view === 'matrix' && !serving)
      return <FitMatrix view={matrixView(scenario)} selected={selected} onSelect={select} />;
    return (
      <Suspense fallback={<ChartPlaceholder height={480} label="view" />}>
        <RunViewSlot
          view={view}
          scenario={scenario}
          state={viewState}
          liveTable={state.table}
          selected={selected}
          onSelect={select}
          onTable={setTable}
          update={update}
        />
      </Suspense>
    );
  }, [view, viewState, serving, scenario, update, select, selected, state.table, setTable, training]);

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
            <div
              className="tabs"
              role="tablist"
              aria-label="Views"
              onPointerEnter={prefetchRunViews}
              onFocus={prefetchRunViews}
            >
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
