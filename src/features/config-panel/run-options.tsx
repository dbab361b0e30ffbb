import { useId } from 'react';
import type { KvCacheType } from '../../core/kv-cache-types';
import { RUNTIME_IDS, RUNTIMES, type RuntimeId } from '../../core/runtimes/registry';
import type { KvOption } from '../../view-models/runtime-choices';

interface Props {
  readonly batch: number;
  readonly kv: KvCacheType;
  /** Every cache type, those the runtime lacks greyed out with where they run. */
  readonly kvOptions: readonly KvOption[];
  readonly runtime: RuntimeId;
  readonly onBatch: (n: number) => void;
  readonly onKv: (kv: KvCacheType) => void;
  readonly onRuntime: (r: RuntimeId) => void;
  /** The Serve task sets its users in the Serving view instead. */
  readonly showBatch?: boolean;
}

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256];

/** Concurrent sequences, KV cache type and runtime. */
export function RunOptions({ batch, kv, kvOptions, runtime, onBatch, onKv, onRuntime, showBatch = true }: Props) {
  const id = useId();
  return (
    <>
      {showBatch && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-batch`}>
            Concurrent sequences <span className="field-value">{batch === 1 ? '1 user' : `${batch} users`}</span>
          </label>
          <select id={`${id}-batch`} value={batch} onChange={(e) => onBatch(Number(e.target.value))}>
            {(BATCHES.includes(batch) ? BATCHES : [...BATCHES, batch].sort((a, b) => a - b)).map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-kv`} title="KV cache: the memory that grows with context length">
          KV cache type <span className="field-value">the memory that grows with context</span>
        </label>
        <select id={`${id}-kv`} value={kv} onChange={(e) => onKv(e.target.value as KvCacheType)}>
          {kvOptions.map((o) => (
            <option key={o.id} value={o.id} disabled={o.unavailable !== null} title={o.unavailable ?? undefined}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-runtime`}>
          Runtime
        </label>
        <select id={`${id}-runtime`} value={runtime} onChange={(e) => onRuntime(e.target.value as RuntimeId)}>
          {RUNTIME_IDS.map((r) => (
            <option key={r} value={r}>
              {RUNTIMES[r].label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
