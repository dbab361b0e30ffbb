import { useId, useMemo, useState } from 'react';
import { RemovableChips } from '../../components/removable-chips';
import { useIsClient } from '../../components/use-is-client';
import { MAX_POOL_GPUS, MAX_POOLS } from '../../url/link-limits';
import type { GpuPool } from '../../url/share-state';
import type { GpuOption } from '../../view-models/picker-options';
import type { DetectedGpu } from './detect-gpu';

interface Props {
  readonly options: readonly GpuOption[];
  /** Why the runtime cannot run on GPUs of a vendor ("not for Apple MLX"), or null. */
  readonly unavailable: (vendor: GpuOption['vendor']) => string | null;
  readonly pools: readonly { readonly key: string; readonly label: string }[];
  readonly onAdd: (pool: GpuPool) => void;
  readonly onRemove: (key: string) => void;
}

const VENDORS = ['all', 'nvidia', 'amd', 'apple', 'intel'] as const;
const CLASSES = ['all', 'consumer', 'workstation', 'datacenter', 'apple', 'unified'] as const;
const MIN_MEMORY = [0, 16, 24, 48, 80, 128];
const COUNTS = [1, 2, 3, 4, 8];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** GPU pools to compare: filter the catalogue, pick a card and a count, or build a mixed pool. */
export function GpuPicker({ options, unavailable, pools, onAdd, onRemove }: Props) {
  const id = useId();
  const isClient = useIsClient();
  const [vendor, setVendor] = useState<(typeof VENDORS)[number]>('all');
  const [cls, setCls] = useState<(typeof CLASSES)[number]>('all');
  const [minMemory, setMinMemory] = useState(0);
  const filtered = useMemo(
    () =>
      options.filter(
        (o) =>
          (vendor === 'all' || o.vendor === vendor) && (cls === 'all' || o.cls === cls) && o.memoryGiB >= minMemory,
      ),
    [options, vendor, cls, minMemory],
  );
  const [gpu, setGpu] = useState('');
  const [count, setCount] = useState(1);
  const [draft, setDraft] = useState<{ id: string; count: number }[]>([]);
  const [detected, setDetected] = useState<DetectedGpu | 'busy' | null>(null);
  const detectedIds =
    detected !== null && detected !== 'busy' && detected.match.kind === 'found' ? detected.match.ids : [];
  const detect = () => {
    setDetected('busy');
    // Loaded on demand: most visits never ask.
    void import('./detect-gpu')
      .then((m) => m.detectGpu())
      .then((d) => {
        setDetected(d);
        if (d.match.kind === 'found') {
          setVendor('all');
          setCls('all');
          setMinMemory(0);
          setGpu(d.match.ids[0] ?? '');
        }
      });
  };
  const usable = filtered.filter((o) => unavailable(o.vendor) === null);
  const chosen = usable.some((o) => o.id === gpu) ? gpu : (usable[0]?.id ?? '');
  const labelOf = (gid: string) => options.find((o) => o.id === gid)?.label ?? gid;
  const parts = () => (chosen ? [...draft, { id: chosen, count }] : draft);
  // What a link carries: MAX_POOLS configurations of at most MAX_POOL_GPUS GPUs each.
  const full = pools.length >= MAX_POOLS;
  const gpusInPool = parts().reduce((n, p) => n + p.count, 0);
  const tooMany = gpusInPool > MAX_POOL_GPUS;
  const limit = full
    ? `A link carries at most ${MAX_POOLS} GPU configurations; remove one to add another.`
    : tooMany
      ? `A pool holds at most ${MAX_POOL_GPUS} GPUs; this one would have ${gpusInPool}.`
      : null;

  return (
    <div className="field">
      <span className="field-label">
        GPUs{' '}
        <span className="field-value">
          {pools.length} configuration{pools.length === 1 ? '' : 's'}
        </span>
      </span>
      <RemovableChips label="Chosen GPU configurations" items={pools} onRemove={onRemove} />
      <fieldset className="gpu-add">
        <legend>Add GPUs</legend>
        <div className="filters">
          <label>
            <span className="visually-hidden">Vendor</span>
            <select
              aria-label="Filter by vendor"
              value={vendor}
              onChange={(e) => setVendor(e.target.value as (typeof VENDORS)[number])}
            >
              {VENDORS.map((v) => (
                <option key={v} value={v}>
                  {v === 'all' ? 'Any vendor' : v === 'amd' ? 'AMD' : capitalise(v)}
                </option>
              ))}
            </select>
          </label>
          <select
            aria-label="Filter by class"
            value={cls}
            onChange={(e) => setCls(e.target.value as (typeof CLASSES)[number])}
          >
            {CLASSES.map((c) => (
              <option key={c} value={c}>
                {c === 'all' ? 'Any class' : capitalise(c)}
              </option>
            ))}
          </select>
          <select aria-label="Minimum memory" value={minMemory} onChange={(e) => setMinMemory(Number(e.target.value))}>
            {MIN_MEMORY.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? 'Any memory' : `≥ ${m} GB`}
              </option>
            ))}
          </select>
        </div>
        <div className="inline gpu-detect">
          <button type="button" className="btn btn-small" disabled={detected === 'busy'} onClick={detect}>
            {detected === 'busy' ? 'Detecting…' : 'Detect my GPU'}
          </button>
          {detected !== null && detected !== 'busy' && (
            <DetectedNote detected={detected} options={options} unavailable={unavailable} />
          )}
        </div>
        {draft.length > 0 && (
          <p className="field-help">
            Mixed pool so far: {draft.map((d) => `${d.count} × ${labelOf(d.id)}`).join(' + ')}{' '}
            <button type="button" className="link-button" onClick={() => setDraft([])}>
              clear
            </button>
          </p>
        )}
        <div className="inline">
          <label className="visually-hidden" htmlFor={`${id}-gpu`}>
            GPU
          </label>
          <select
            id={`${id}-gpu`}
            value={chosen}
            onChange={(e) => setGpu(e.target.value)}
            disabled={filtered.length === 0}
          >
            {filtered.length === 0 && <option value="">No GPU matches these filters</option>}
            {/* Prerendered: only the chosen GPU (see useIsClient). */}
            {(isClient ? filtered : filtered.filter((o) => o.id === chosen)).map((o) => (
              <option key={o.id} value={o.id} disabled={unavailable(o.vendor) !== null}>
                {o.label} · {o.detail}
                {detectedIds.includes(o.id) ? ' (detected)' : ''}
                {unavailable(o.vendor) === null ? '' : ` (${unavailable(o.vendor) ?? ''})`}
              </option>
            ))}
          </select>
          {detectedIds.includes(chosen) && (
            <span className="detected-label" data-testid="gpu-detected">
              detected
            </span>
          )}
          <label className="visually-hidden" htmlFor={`${id}-count`}>
            Count
          </label>
          <select id={`${id}-count`} className="count" value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {COUNTS.map((c) => (
              <option key={c} value={c}>
                × {c}
              </option>
            ))}
          </select>
        </div>
        <div className="inline">
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={parts().length === 0 || limit !== null}
            onClick={() => {
              onAdd({ parts: parts() });
              setDraft([]);
            }}
          >
            Add {draft.length > 0 ? 'mixed pool' : 'configuration'}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!chosen || limit !== null}
            onClick={() => setDraft(parts())}
          >
            + mix with another GPU
          </button>
        </div>
        {limit && <p className="field-help">{limit}</p>}
      </fieldset>
    </div>
  );
}

/** What detection found, and from which words, or why it found nothing. */
function DetectedNote({
  detected,
  options,
  unavailable,
}: {
  readonly detected: DetectedGpu;
  readonly options: readonly GpuOption[];
  readonly unavailable: Props['unavailable'];
}) {
  const { match, renderer } = detected;
  if (match.kind === 'none')
    return (
      <p className="field-help" role="status" data-testid="gpu-detect-result">
        Could not detect your GPU: {match.why}.
      </p>
    );
  const found = options.filter((o) => match.ids.includes(o.id));
  const sizes = found.map((o) => o.memoryGiB);
  // The runtime on the left may not run on this vendor (MLX on NVIDIA): say so rather than add it.
  const refused = found[0] ? unavailable(found[0].vendor) : null;
  return (
    <p className="field-help" role="status" data-testid="gpu-detect-result">
      Detected {match.name}
      {match.ids.length > 1 ? ` (the browser does not say its memory: ${sizes.join(', ')} GB; pick yours)` : ''} from
      this browser&apos;s &ldquo;{renderer.slice(0, 120)}&rdquo;, read here and sent nowhere.{' '}
      {refused
        ? `It cannot be added with this runtime (${refused}); choose another runtime first.`
        : 'Add it below or pick another.'}
    </p>
  );
}
