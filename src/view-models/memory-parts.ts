import type { MemoryComponent, MemoryComponentId } from '../core/estimate';
import type { Explanations } from './explain';
import { formatGiB } from './format-units';

/**
 * How each memory component is named and coloured everywhere (the matrix tooltip, the verdict
 * banner, the memory charts, the CLI): one table, so a new component (gradients, optimizer
 * states, recurrent state) is added once. Colours are the theme's CSS variables.
 */
export const MEMORY_PARTS: Readonly<
  Record<
    MemoryComponentId,
    {
      readonly label: string;
      /** Inside a sentence: "weights 39.6 GiB · KV cache 2.5 GiB". */
      readonly inline: string;
      readonly colour: string;
      /** The inference explanation of this part; null for the fine-tuning-only parts. */
      readonly explain: keyof Explanations | null;
    }
  >
> = {
  weights: { label: 'Weights', inline: 'weights', colour: 'var(--mem-weights)', explain: 'weights' },
  'kv-cache': { label: 'KV cache', inline: 'KV cache', colour: 'var(--mem-kv)', explain: 'kvCache' },
  'recurrent-state': {
    label: 'Recurrent state',
    inline: 'recurrent state',
    colour: 'var(--mem-state)',
    explain: 'recurrentState',
  },
  activations: {
    label: 'Activations',
    inline: 'activations',
    colour: 'var(--mem-activations)',
    explain: 'activations',
  },
  overhead: { label: 'Overhead', inline: 'overhead', colour: 'var(--mem-overhead)', explain: 'overhead' },
  // Fine-tuning's parts; the training views explain them with their own formulas (training-explain.ts).
  gradients: { label: 'Gradients', inline: 'gradients', colour: 'var(--mem-gradients)', explain: null },
  optimizer: { label: 'Optimizer states', inline: 'optimizer', colour: 'var(--mem-optimizer)', explain: null },
  logits: { label: 'Logits and loss', inline: 'logits', colour: 'var(--mem-logits)', explain: null },
};

/** "weights 39.6 GiB · KV cache 2.5 GiB · …" for one-line summaries. */
export function memoryPartsLine(components: readonly MemoryComponent[]): string {
  return components.map((c) => `${MEMORY_PARTS[c.id].inline} ${formatGiB(c.bytes)}`).join(' · ');
}
