import { useId } from 'react';
import { QuantityField } from '../../components/quantity-field';
import { NumberField } from '../../components/number-field';
import { TRAINING_FRAMEWORKS } from '../../core/training/frameworks/registry';
import { type FrameworkId } from '../../core/training/frameworks/framework-ids';
import { loraTargetsText, parseLoraTargets } from '../../core/training/resolve-settings';
import {
  LOSS_MODES,
  OFFLOAD_IDS,
  OPTIMIZER_IDS,
  SHARDING_IDS,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
} from '../../core/training/training-settings';
import type { Scenario } from '../../view-models/scenario';
import { effectiveTrainingSettings } from '../../view-models/training-scenario';
import { MAX_DATASET_TOKENS, MAX_EPOCHS, type TrainingLinkState } from '../../url/training-state';
import { formatTokens } from '../../view-models/format-duration';
import { METHOD_LABEL, OPTIMIZER_LABEL, SHARDING_LABEL } from '../../view-models/training-words';

interface Props {
  readonly training: TrainingLinkState;
  /** For the settings in effect on the selected model and GPUs (the framework's defaults filled in). */
  readonly scenario: Scenario;
  readonly onChange: (patch: Partial<TrainingLinkState>) => void;
}

const RANKS = [4, 8, 16, 32, 64, 128, 256];
const TARGETS = ['q,v', 'attention', 'all-linear', 'all'];
const LOSS_LABEL = { full: 'Full fp32 logits', chunked: 'Chunked (kept)', fused: 'Fused (recomputed)' } as const;
const OFFLOAD_LABEL = { none: 'None', optimizer: 'Optimizer states', params: 'Parameters and optimizer' } as const;

function Select<T extends string | number>({
  label,
  value,
  options,
  text,
  onChange,
  hint,
}: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly text: (v: T) => string;
  readonly onChange: (v: T) => void;
  readonly hint?: string;
}) {
  const id = useId();
  const all = options.includes(value) ? options : [...options, value];
  return (
    <div className="field">
      <label className="field-label" htmlFor={id} title={hint}>
        {label}
      </label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const picked = all.find((o) => String(o) === e.target.value);
          if (picked !== undefined) onChange(picked);
        }}
      >
        {all.map((o) => (
          <option key={String(o)} value={String(o)}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check({
  label,
  checked,
  onChange,
  hint,
}: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (v: boolean) => void;
  readonly hint?: string;
}) {
  return (
    <label className="check" title={hint}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** The fine-tuning settings on the left: every control writes to the link's tr- fields. Loaded lazily. */
export default function TrainingOptions({ training: t, scenario, onChange }: Props) {
  const e = effectiveTrainingSettings(scenario, t);
  const lora = e.method !== 'full';
  return (
    <fieldset className="field training-options">
      <legend className="field-label">Fine-tuning</legend>
      <Select<FrameworkId>
        label="Framework"
        value={t.framework}
        options={TRAINING_FRAMEWORKS.map((f) => f.id as FrameworkId)}
        text={(id) => TRAINING_FRAMEWORKS.find((f) => f.id === id)?.label ?? id}
        onChange={(framework) => onChange({ framework })}
        hint="Frameworks differ in adapter dtype, loss, checkpointing and defaults: see the banner"
      />
      <Select
        label="Method"
        value={e.method}
        options={TRAINING_METHODS}
        text={(m) => METHOD_LABEL[m]}
        onChange={(method) => onChange({ method })}
      />
      {lora && e.lora && (
        <div className="inline training-pair">
          <Select
            label="LoRA rank"
            value={e.lora.rank}
            options={RANKS}
            text={String}
            onChange={(rank) => onChange({ rank })}
          />
          <Select
            label="Adapted layers"
            value={loraTargetsText(e.lora.modules)}
            options={TARGETS}
            text={(v) => (v === 'all' ? 'all linear + head' : v)}
            onChange={(v) => {
              const parsed = parseLoraTargets(v);
              if (parsed.ok) onChange({ targets: parsed.modules });
            }}
          />
        </div>
      )}
      {lora && <Check label="DoRA (magnitude vectors)" checked={t.dora} onChange={(dora) => onChange({ dora })} />}
      <Select
        label="Optimizer"
        value={e.optimizer}
        options={OPTIMIZER_IDS}
        text={(o) => OPTIMIZER_LABEL[o]}
        onChange={(optimizer) => onChange({ optimizer })}
      />
      <div className="inline training-pair">
        <Select
          label="Precision"
          value={e.precision}
          options={TRAINING_PRECISIONS}
          text={String}
          onChange={(precision) =>
            onChange({ precision, masterWeights: precision === 'fp32' ? false : t.masterWeights })
          }
        />
        <Select
          label="Loss"
          value={e.loss}
          options={LOSS_MODES}
          text={(l) => LOSS_LABEL[l]}
          onChange={(loss) => onChange({ loss })}
        />
      </div>
      <div className="checks">
        <Check
          label="Gradient checkpointing"
          checked={e.gradientCheckpointing}
          onChange={(gradientCheckpointing) => onChange({ gradientCheckpointing })}
          hint="Recompute activations in the backward pass: less memory, about a third more compute"
        />
        <Check
          label="Flash attention"
          checked={e.flashAttention}
          onChange={(flashAttention) => onChange({ flashAttention })}
        />
        {e.precision !== 'fp32' && (
          <Check
            label="fp32 master weights"
            checked={e.masterWeights}
            onChange={(masterWeights) => onChange({ masterWeights })}
            hint="Mixed precision keeps an fp32 copy of every trainable weight in the optimizer"
          />
        )}
      </div>
      <div className="inline training-pair">
        <NumberField
          label="Sequence (tokens)"
          value={t.seqTokens}
          min={1}
          max={1_048_576}
          onChange={(v) => onChange({ seqTokens: v ?? t.seqTokens })}
        />
        <NumberField
          label="Micro-batch"
          value={t.microBatch}
          min={1}
          max={1024}
          onChange={(v) => onChange({ microBatch: v ?? t.microBatch })}
        />
      </div>
      <NumberField
        label="Gradient accumulation"
        value={t.gradAccum}
        min={1}
        max={100000}
        onChange={(v) => onChange({ gradAccum: v ?? t.gradAccum })}
      />
      <div className="inline training-pair">
        <Select
          label="Several GPUs"
          value={e.sharding}
          options={SHARDING_IDS}
          text={(sh) => SHARDING_LABEL[sh]}
          onChange={(sharding) => onChange({ sharding })}
        />
        <Select
          label="CPU offload"
          value={e.offload}
          options={OFFLOAD_IDS}
          text={(o) => OFFLOAD_LABEL[o]}
          onChange={(offload) => onChange({ offload })}
        />
      </div>
      <div className="inline training-pair">
        <QuantityField
          label="Dataset tokens"
          value={t.datasetTokens}
          min={1}
          max={MAX_DATASET_TOKENS}
          format={formatTokens}
          expects="a number of tokens such as 1e8, 100m or 2.5b"
          onChange={(v) => onChange({ datasetTokens: v === null ? t.datasetTokens : Math.round(v) })}
        />
        <NumberField
          label="Epochs"
          value={Math.round(t.epochs)}
          min={1}
          max={MAX_EPOCHS}
          onChange={(v) => onChange({ epochs: v ?? t.epochs })}
        />
      </div>
      <QuantityField
        label="Price per GPU-hour (USD)"
        value={t.gpuHourUsd}
        min={0.01}
        max={1e6}
        format={(v) => String(Number(v.toPrecision(6)))}
        expects="a price such as 2.49"
        emptyLabel="no cost shown"
        onChange={(gpuHourUsd) => onChange({ gpuHourUsd })}
      />
    </fieldset>
  );
}
