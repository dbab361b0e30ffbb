import { useMemo } from 'react';
import { AccuracyView } from '../features/accuracy/accuracy-view';
import { CanRunView } from '../features/can-run/can-run-view';
import { TableView } from '../features/comparison-table/table-view';
import { DetailsView } from '../features/details/details-view';
import { FitMatrix } from '../features/fit-matrix/fit-matrix';
import { PlanView } from '../features/plan/plan-view';
import { QuantView } from '../features/quantization/quant-view';
import { ServingView } from '../features/serving/serving-view';
import { SpeedView } from '../features/speed/speed-view';
import type { ShareState, ViewId } from '../url/share-state';
import type { TableState } from '../url/table-state';
import { formatContext } from '../view-models/format-units';
import { matrixView } from '../view-models/matrix-view';
import { memoryBreakdownView, memoryContextView } from '../view-models/memory-view';
import { canRunView, planView } from '../view-models/plan-view';
import { quantView } from '../view-models/quant-view';
import type { Scenario } from '../view-models/scenario';
import { servingMatrixView } from '../view-models/serving-matrix';
import { servingView } from '../view-models/serving-view';
import { speedView } from '../view-models/speed-view';
import { comparisonRows } from '../view-models/table-rows';

/**
 * The Run and Serve tasks' views other than the fit matrix, where the features meet their
 * view-models. app.tsx loads this module after the first paint (and when a tab is pointed at),
 * so the first visit downloads only what the default view draws.
 */

interface RunViewProps {
  /** Any view but the Run task's fit matrix, which app.tsx draws itself. */
  readonly view: ViewId;
  readonly scenario: Scenario;
  /** The deferred state the views are computed from. */
  readonly state: ShareState;
  /** The table's own controls follow the live state so typing in its search never lags. */
  readonly liveTable: TableState;
  readonly onTable: (table: TableState) => void;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
  readonly update: (patch: Partial<ShareState> | ((current: ShareState) => Partial<ShareState>)) => void;
}

export function RunViewSlot({ view, scenario, state, liveTable, onTable, selected, onSelect, update }: RunViewProps) {
  const serving = state.task === 'serve' ? state.serving : null;
  const tableRows = useMemo(
    () => (view === 'table' ? comparisonRows(scenario, false, serving) : []),
    [view, scenario, serving],
  );
  switch (view) {
    case 'matrix':
      return (
        <FitMatrix
          view={serving ? servingMatrixView(scenario, serving) : matrixView(scenario)}
          selected={selected}
          onSelect={onSelect}
        />
      );
    case 'serve':
      return (
        <ServingView
          view={servingView(scenario, state.serving)}
          serving={state.serving}
          onServing={(patch) => update((current) => ({ serving: { ...current.serving, ...patch } }))}
        />
      );
    case 'details':
      return <DetailsView breakdown={memoryBreakdownView(scenario)} context={memoryContextView(scenario)} />;
    case 'quant':
      return (
        <QuantView
          view={quantView(scenario, state.plan.maxLoss)}
          onToggle={(id) =>
            update({
              formats: state.formats.includes(id)
                ? state.formats.length > 1
                  ? state.formats.filter((f) => f !== id)
                  : state.formats
                : [...state.formats, id],
            })
          }
        />
      );
    case 'speed':
      return (
        <SpeedView
          view={speedView(scenario)}
          baselineOptions={scenario.pools.map((p) => ({ key: p.key, label: p.label }))}
          baseline={state.baseline}
          onBaseline={(baseline) => update({ baseline })}
        />
      );
    case 'table':
      return (
        <TableView
          rows={tableRows}
          state={liveTable}
          onState={onTable}
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
            state.plan,
            15,
            serving && { users: serving.users ?? 1, outputTokens: serving.output },
          )}
          needs={state.plan}
          onNeeds={(patch) => update((current) => ({ plan: { ...current.plan, ...patch } }))}
        />
      );
    case 'canrun':
      return <CanRunView view={canRunView(scenario)} />;
    case 'accuracy':
      return <AccuracyView />;
  }
}
