import { useId } from 'react';
import { NumberField } from '../../components/number-field';
import { MAX_NODES, MAX_SERVING_USERS, type ServingState } from '../../url/serving-state';
import type { ServingViewModel } from '../../view-models/serving-view';

interface Props {
  readonly serving: ServingState;
  readonly view: ServingViewModel;
  readonly onServing: (patch: Partial<ServingState>) => void;
}

// Memory fractions people set (vLLM's default is 0.9; SGLang's depends on the GPU).
const FRACTIONS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95, 0.98];

function DegreeField(props: {
  readonly label: string;
  readonly value: number | null;
  readonly onChange: (v: number | null) => void;
}) {
  return (
    <NumberField
      label={props.label}
      value={props.value}
      min={1}
      max={4096}
      emptyLabel="auto"
      onChange={props.onChange}
    />
  );
}

/** Users, answer length, floor, cluster and engine settings of the Serve task. */
export function ServingControls({ serving, view, onServing }: Props) {
  const id = useId();
  const { settings } = view;
  const fractions =
    serving.memoryFraction === null || FRACTIONS.includes(serving.memoryFraction)
      ? FRACTIONS
      : [...FRACTIONS, serving.memoryFraction].sort((a, b) => a - b);
  return (
    <div className="plan-controls serving-controls">
      <NumberField
        label="Concurrent users"
        value={serving.users}
        min={1}
        max={MAX_SERVING_USERS}
        emptyLabel="as many as get the floor"
        onChange={(users) => onServing({ users })}
      />
      <NumberField
        label="Answer tokens"
        value={serving.output}
        min={1}
        max={1_048_576}
        onChange={(v) => onServing({ output: v ?? serving.output })}
      />
      <NumberField
        label="Speed floor, tok/s"
        value={serving.minTps}
        min={1}
        max={100_000}
        onChange={(v) => onServing({ minTps: v ?? serving.minTps })}
      />
      {settings.multiNode && (
        <NumberField
          label="Machines"
          value={serving.nodes}
          min={1}
          max={MAX_NODES}
          onChange={(v) => onServing({ nodes: v ?? 1 })}
        />
      )}
      {settings.parallel && (
        <>
          <DegreeField label="TP (tensor)" value={serving.tensor} onChange={(tensor) => onServing({ tensor })} />
          <DegreeField
            label="PP (pipeline)"
            value={serving.pipeline}
            onChange={(pipeline) => onServing({ pipeline })}
          />
          <DegreeField label="EP (experts)" value={serving.expert} onChange={(expert) => onServing({ expert })} />
        </>
      )}
      {settings.network && (
        <div className="field">
          <label htmlFor={`${id}-net`}>Network between machines</label>
          <select id={`${id}-net`} value={serving.network} onChange={(e) => onServing({ network: e.target.value })}>
            {view.networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {settings.paged && (
        <>
          <div className="field">
            <label htmlFor={`${id}-mem`}>Memory fraction</label>
            <select
              id={`${id}-mem`}
              title={
                settings.memoryFraction ? `${settings.memoryFraction.name} ${settings.memoryFraction.value}` : undefined
              }
              value={serving.memoryFraction === null ? '' : String(serving.memoryFraction)}
              onChange={(e) => onServing({ memoryFraction: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">default{settings.memoryFraction ? ` (${settings.memoryFraction.value})` : ''}</option>
              {fractions.map((f) => (
                <option key={f} value={String(f)}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <NumberField
            label="Tokens per step"
            value={serving.batchedTokens}
            min={1}
            max={1_048_576}
            emptyLabel={settings.batchedTokens ? `default ${settings.batchedTokens.value}` : 'default'}
            onChange={(batchedTokens) => onServing({ batchedTokens })}
          />
        </>
      )}
    </div>
  );
}
