import { useMemo } from 'react';
import { AccuracyView } from '../features/accuracy/accuracy-view';
import { DetailsView } from '../features/details/details-view';
import { FitMatrix } from '../features/fit-matrix/fit-matrix';
import { TrainingBanner } from '../features/summary/training-banner';
import { TrainingCanRunView } from '../features/training-can-run/training-can-run-view';
import { TrainingPlanView } from '../features/training-plan/training-plan-view';
import { TrainingTableView } from '../features/training-table/training-table-view';
import type { ShareState, ViewId } from '../url/share-state';
import type { TrainingLinkState } from '../url/training-state';
import type { Scenario } from '../view-models/scenario';
import { trainingMatrixView } from '../view-models/training-matrix-view';
import { trainingBreakdownView, trainingSeqView } from '../view-models/training-memory-view';
import { trainingCanRunView, trainingPlanView } from '../view-models/training-plan-view';
import { trainingSummaryView } from '../view-models/training-summary-view';
import { trainingRows } from '../view-models/training-table-rows';

/**
 * The Fine-tune task's versions of the views, where the features meet the fine-tuning
 * view-models. Loaded lazily by app.tsx the first time the task is chosen.
 */

const DETAILS_TEXTS = {
  intro:
    'What takes the memory of one GPU at the peak of a training step, for each fine-tuning method side by side, against the memory a GPU can use (dashed line).',
  subhead: 'Memory as the sequence grows',
  xLabel: 'tokens per sequence (log scale)',
};

export function TrainingBannerSlot({
  scenario,
  training,
}: {
  readonly scenario: Scenario;
  readonly training: TrainingLinkState;
}) {
  const view = useMemo(() => trainingSummaryView(scenario, training), [scenario, training]);
  return <TrainingBanner view={view} />;
}

interface ViewProps {
  readonly view: ViewId;
  readonly scenario: Scenario;
  readonly state: ShareState;
  readonly selected: { readonly model: string; readonly pool: string };
  readonly onSelect: (model: string, pool: string) => void;
  readonly update: (patch: Partial<ShareState> | ((current: ShareState) => Partial<ShareState>)) => void;
}

export function TrainingViewSlot({ view, scenario, state, selected, onSelect, update }: ViewProps) {
  const t = state.training;
  return useMemo(() => {
    switch (view) {
      case 'details':
        return (
          <DetailsView
            breakdown={trainingBreakdownView(scenario, t)}
            context={trainingSeqView(scenario, t)}
            texts={DETAILS_TEXTS}
          />
        );
      case 'table':
        return <TrainingTableView rows={trainingRows(scenario, t)} />;
      case 'plan':
        return (
          <TrainingPlanView
            view={trainingPlanView(scenario, t, state.plan)}
            needs={state.plan}
            maxHours={t.maxHours}
            onNeeds={(patch) => update((current) => ({ plan: { ...current.plan, ...patch } }))}
            onMaxHours={(maxHours) => update((current) => ({ training: { ...current.training, maxHours } }))}
          />
        );
      case 'canrun':
        return <TrainingCanRunView view={trainingCanRunView(scenario, t)} />;
      case 'accuracy':
        return <AccuracyView task="train" />;
      default: {
        const matrix = trainingMatrixView(scenario, t);
        return (
          <FitMatrix
            view={matrix}
            selected={selected}
            onSelect={onSelect}
            title="Which models you can fine-tune on which GPUs"
            cellMeaning={`${matrix.formatLabel}, ${t.microBatch} × ${t.seqTokens.toLocaleString('en-US')} tokens per GPU. Each cell shows the verdict and the estimated time of one epoch over the dataset.`}
          />
        );
      }
    }
  }, [view, scenario, t, state.plan, selected, onSelect, update]);
}
