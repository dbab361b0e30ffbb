import type { Device } from '../core/devices';
import type { EstimateInput } from '../core/estimate';
import { formatQualityWords } from '../view-models/fit-quality';
import { fitSuggestions, type FitChange, type FitSuggestion } from '../view-models/fit-suggestions';

/** The flag that makes the change in `headroom estimate`. */
export function changeFlags(change: FitChange): string {
  switch (change.kind) {
    case 'kv-cache':
      return `--kv-cache ${change.kv}`;
    case 'context':
      return `--context ${change.tokens}`;
    case 'experts-in-ram':
      return `--n-cpu-moe ${change.layers}`;
    case 'format':
      return `--precision ${change.format}`;
    case 'gpus':
      return `--gpus ${change.count}`;
  }
}

/**
 * What would make the estimated run fit, as on the page: `--gpus` grows a pool of one kind
 * (a repeated --gpu makes a mixed pool, which is not grown), and a GGUF file keeps its format.
 */
export function estimateSuggestions(
  input: EstimateInput,
  modelId: string,
  fixedFormat: boolean,
  gpus: readonly { readonly id: string; readonly name: string; readonly count: number }[],
): FitSuggestion[] {
  const only = gpus.length === 1 ? gpus[0] : undefined;
  const device: Device | undefined = input.devices[0];
  return fitSuggestions({
    input,
    modelKey: modelId,
    fixedFormat,
    quality: formatQualityWords,
    sameKind: only && device ? { gpu: only.id, count: only.count, device, label: (n) => `${n} × ${only.name}` } : null,
  });
}

/** The `suggestions` field of `--json`: each change, its flag and the estimator's new figures. */
export function suggestionsJson(suggestions: readonly FitSuggestion[]) {
  return suggestions.map((s) => ({
    change: s.change,
    flags: changeFlags(s.change),
    title: s.title,
    cost: s.cost,
    verdict: s.verdict,
    deviceBytes: s.deviceBytes,
    usableBytes: s.usableBytes,
    spareBytes: s.spareBytes,
    decodeTokensPerSecond: s.decodeTokensPerSecond,
  }));
}
