import { useCallback, useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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
  const tableRows = useMemo(
    () => (viewState.view === 'table' ? comparisonRows(scenario) : []),
    [viewState.view, scenario],
  );

  // Built inside the view's error boundary (a function child), so a view model that throws
  // shows a message in that view instead of unmounting the page.
  const renderView = useCallback(() => {
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
  }, [viewState, scenario, update, select, selected, tableRows, state.table, setTable]);

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
          <ViewBoundary name="verdict" resetKey={summary}>
            <VerdictBanner view={summary} />
          </ViewBoundary>
          <div className="panel">
            <div className="tabs" role="tablist" aria-label="Views">
              {TABS.map(([id, label]) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={state.view === id}
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
              aria-labelledby={`tab-${state.view}`}
              data-view={viewState.view}
              data-ready={!stale}
            >
              <ViewBoundary
                key={viewState.view}
                name={TABS.find(([id]) => id === viewState.view)?.[1] ?? viewState.view}
                resetKey={renderView}
              >
                {renderView}
              </ViewBoundary>
            </div>
          </div>
          <p className="footnote estimates-note">
            These are estimates from published specifications and formulas, not measurements. They leave out speculative
            decoding, prompt caching, other programs sharing the GPU, driver and build differences, and thermal
            throttling. Decode speed assumes the context is full.
          </p>
        </main>
      </div>
      <pre hidden data-testid="app-state">
        {JSON.stringify({ state, selected, verdict: summary.verdict })}
      </pre>
    </div>
  );
}
