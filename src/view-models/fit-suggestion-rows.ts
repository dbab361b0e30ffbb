import { gpuLabel } from '../catalog/lookup';
import { MAX_FORMATS, MAX_POOLS } from '../url/link-limits';
import { poolKey, type GpuPool, type ShareState } from '../url/share-state';
import { fitSuggestions, type FitChange, type FitSuggestion } from './fit-suggestions';
import { estimateInput, type Scenario } from './scenario';

/** A suggestion as the banner shows it, with the link change that applies it. */
export interface FitSuggestionRow {
  readonly key: string;
  readonly suggestion: FitSuggestion;
  /** A smaller weight format's published quality cost, looked up after the first paint (fit-quality.ts). */
  readonly quality: { readonly model: string; readonly format: string } | null;
  /** The share-state patch, read against the address as it is when the button is pressed. */
  readonly apply: (current: ShareState) => Partial<ShareState>;
}

/** The change as a patch of the link: the selected model and pool keep their selection. */
export function applyFitChange(
  current: ShareState,
  change: FitChange,
  selected: { readonly model: string; readonly pool: string },
): Partial<ShareState> {
  switch (change.kind) {
    case 'kv-cache':
      return { kv: change.kv };
    case 'context':
      return { context: change.tokens };
    case 'experts-in-ram':
      return { host: { ...current.host, cpuMoe: change.layers } };
    case 'format': {
      // The first format is the one the banner and the matrix show.
      const rest = current.formats.filter((f) => f !== change.format);
      return { formats: [change.format, ...rest].slice(0, MAX_FORMATS) };
    }
    case 'gpus': {
      const pool: GpuPool = { parts: [{ id: change.gpu, count: change.count }] };
      const key = poolKey(pool);
      const at = current.pools.findIndex((p) => poolKey(p) === selected.pool);
      let pools = current.pools;
      if (!pools.some((p) => poolKey(p) === key)) {
        // Beside the pool it grows from; at the link's limit it takes that pool's place.
        const next = [...pools];
        if (pools.length >= MAX_POOLS) next.splice(Math.max(0, at), 1, pool);
        else next.splice(at < 0 ? next.length : at + 1, 0, pool);
        pools = next;
      }
      return { pools, selected: { model: selected.model, pool: key } };
    }
  }
}

/** What would make the selected pair fit, from the scenario the banner shows. */
export function fitSuggestionRows(s: Scenario): FitSuggestionRow[] {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const f = s.formats[0];
  if (!f) return [];
  const gpu = p.gpus.length === 1 ? p.gpus[0] : undefined;
  const device = p.devices[0];
  const selected = { model: m.key, pool: p.key };
  const suggestions = fitSuggestions({
    input: estimateInput(s, m, p, f),
    modelKey: m.key,
    fixedFormat: m.measured?.fixedFormat === true,
    sameKind:
      gpu && device
        ? {
            gpu: gpu.id,
            count: p.devices.length,
            device,
            label: (count) => (count > 1 ? `${count} × ${gpuLabel(gpu)}` : gpuLabel(gpu)),
          }
        : null,
  });
  return suggestions.map((suggestion) => ({
    key: suggestion.change.kind,
    suggestion,
    quality: suggestion.change.kind === 'format' ? { model: m.key, format: suggestion.change.format } : null,
    apply: (current) => applyFitChange(current, suggestion.change, selected),
  }));
}
