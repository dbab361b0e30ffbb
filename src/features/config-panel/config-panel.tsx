import type { ChipItem } from '../../components/removable-chips';
import { MAX_CONTEXT, MAX_MODELS } from '../../url/link-limits';
import { poolKey, type ShareState } from '../../url/share-state';
import { CPU_OPTIONS, FORMAT_GROUPS, GPU_OPTIONS, MODEL_OPTIONS } from '../../view-models/picker-options';
import {
  expertOffloadUnavailable,
  familyUnavailable,
  kvOptions,
  switchRuntime,
  vendorUnavailable,
} from '../../view-models/runtime-choices';
import type { Scenario } from '../../view-models/scenario';
import { ContextControl } from './context-control';
import { CustomModelForm } from './custom-model-form';
import { FormatPicker } from './format-picker';
import { GpuPicker } from './gpu-picker';
import { HostControl } from './host-control';
import { ModelPicker } from './model-picker';
import { HubHelp } from './hub-help';
import type { HubReference } from '../../importers/hub-reference';
import { RunOptions } from './run-options';
import { lazy, Suspense } from 'react';

// The fine-tuning settings load with the Fine-tune task, outside the first paint.
const TrainingOptions = lazy(() => import('./training-options'));

interface Props {
  readonly state: ShareState;
  readonly scenario: Scenario;
  readonly update: (patch: Partial<ShareState>) => void;
  /** Loads a model that failed to load again. */
  readonly onRetryModel: (key: string) => void;
  /** Models from the Hugging Face Hub and local GGUF files (the app's wiring). */
  readonly hub?:
    | {
        readonly onHub: (ref: HubReference) => void;
        readonly mirrors: readonly string[];
        readonly help: Parameters<typeof HubHelp>[0];
      }
    | undefined;
}

/** The left-hand configuration: every control writes to the shared state (the URL). */
export function ConfigPanel({ state, scenario, update, onRetryModel, hub }: Props) {
  const maxContext = Math.max(...scenario.models.map((m) => m.scaledContextLimit));
  const addModel = (key: string) => update({ models: [...state.models.filter((k) => k !== key), key] });
  return (
    <form className="config" aria-label="Configuration" onSubmit={(e) => e.preventDefault()}>
      <ModelPicker
        options={MODEL_OPTIONS}
        selected={modelChips(scenario, onRetryModel)}
        onChange={(models) => update({ models, selected: null })}
        onHub={hub?.onHub}
        hubMirrors={hub?.mirrors}
      />
      {hub && <HubHelp {...hub.help} />}
      <CustomModelForm
        full={
          state.models.length >= MAX_MODELS
            ? `A link carries at most ${MAX_MODELS} models; remove one to add another.`
            : null
        }
        onAddSize={addModel}
        onAddConfig={(config) => update({ config, models: [...state.models.filter((k) => k !== 'config'), 'config'] })}
      />
      {state.task === 'train' ? (
        <Suspense fallback={<p className="field-help">Loading the fine-tuning settings…</p>}>
          <TrainingOptions
            training={state.training}
            scenario={scenario}
            onChange={(patch) => update({ training: { ...state.training, ...patch } })}
          />
        </Suspense>
      ) : (
        <InferenceOptions state={state} scenario={scenario} update={update} maxContext={maxContext} />
      )}
      <GpuPicker
        options={GPU_OPTIONS}
        unavailable={(vendor) => vendorUnavailable(state.runtime, vendor)}
        pools={scenario.pools.map((p) => ({ key: p.key, label: p.label }))}
        onAdd={(pool) => update({ pools: [...state.pools.filter((p) => poolKey(p) !== poolKey(pool)), pool] })}
        onRemove={(key) => update({ pools: state.pools.filter((p) => poolKey(p) !== key), selected: null })}
      />
      <HostControl
        host={state.host}
        hostLabel={scenario.hostLabel}
        cpus={CPU_OPTIONS}
        expertsUnavailable={expertOffloadUnavailable(state.runtime)}
        moeLayers={Math.max(0, ...scenario.models.map((m) => (m.moe ? m.arch.layers : 0)))}
        onChange={(patch) => update({ host: { ...state.host, ...patch } })}
      />
    </form>
  );
}

/** The chosen models in link order: ready ones by name, loading and failed ones with their status. */
function modelChips(scenario: Scenario, onRetry: (key: string) => void): ChipItem[] {
  const ready: ChipItem[] = scenario.models.map((m) => ({ key: m.key, label: m.name }));
  const pending: ChipItem[] = scenario.pendingModels.map((p) =>
    p.status === 'loading'
      ? { key: p.key, label: p.label, status: { tone: 'busy', text: p.progress } }
      : { key: p.key, label: p.label, status: { tone: 'error', text: p.error }, onRetry: () => onRetry(p.key) },
  );
  return [...ready, ...pending];
}

/** Formats, context and run options: the inference settings (Run task). */
function InferenceOptions({
  state,
  scenario,
  update,
  maxContext,
}: {
  readonly state: ShareState;
  readonly scenario: Scenario;
  readonly update: (patch: Partial<ShareState>) => void;
  readonly maxContext: number;
}) {
  return (
    <>
      <FormatPicker
        groups={FORMAT_GROUPS}
        unavailable={(family) => familyUnavailable(state.runtime, family)}
        selected={scenario.formats.map((f) => ({ id: f.id, label: f.label }))}
        onChange={(formats) => update({ formats })}
      />
      <ContextControl
        value={state.context}
        max={Math.min(maxContext, MAX_CONTEXT)}
        onChange={(context) => update({ context })}
      />
      <RunOptions
        batch={state.batch}
        kv={state.kv}
        kvOptions={kvOptions(state.runtime)}
        runtime={state.runtime}
        onBatch={(batch) => update({ batch })}
        onKv={(kv) => update({ kv })}
        onRuntime={(runtime) => update(switchRuntime(runtime, state.formats, state.kv))}
        showBatch={state.task !== 'serve'}
      />
    </>
  );
}
