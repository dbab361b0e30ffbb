import type { ModelArchitecture } from '../architecture';
import { tensorInventory, type TensorSpec } from '../tensors';
import type { LoraModule, LoraSettings } from './training-settings';

/**
 * LoRA adapters counted from the model's own tensors (tensors.ts): an adapter on a linear layer
 * W (out × in) adds A (rank × in) and B (out × rank), so rank × (in + out) parameters
 * (Hu et al. 2021, arXiv:2106.09685, section 4.1). Each expert of a routed stack is its own
 * linear layer and gets its own adapter. DoRA adds one trainable magnitude per output feature
 * (Liu et al. 2024, arXiv:2402.09353, eq. 2; PEFT `DoraLinearLayer`).
 */

/** One kind of matrix a module name selects: `count` matrices of `out × inWidth`. */
export interface ModuleMatrix {
  readonly module: LoraModule;
  readonly inWidth: number;
  readonly out: number;
  readonly count: number;
  /** Part of a routed-expert stack: a token runs only activeExperts / experts of these. */
  readonly routed: boolean;
}

export interface AdapterCount {
  /** A and B matrices. */
  readonly loraParams: number;
  /** DoRA magnitude vectors (0 without DoRA). */
  readonly magnitudeParams: number;
  /**
   * What one token runs through per block, for activation accounting: Σ input widths and Σ output
   * widths of the adapted matrices (routed experts by their active share), and how many there are.
   */
  readonly perLayerIn: number;
  readonly perLayerOut: number;
  readonly perLayerModules: number;
  /** The adapter matrices as (rows × cols) shapes, for optimizers whose state depends on shape. */
  readonly shapes: readonly { readonly rows: number; readonly cols: number; readonly count: number }[];
}

/**
 * Which module a tensor of the inventory belongs to. MLA's compressed key-value projections serve
 * both keys and values, so "k" and "v" each select them (once). A fused QKV tensor is split into
 * its query, key and value slices, as LitGPT enables LoRA per slice of its fused projection.
 */
function matricesOf(arch: ModelArchitecture, t: TensorSpec): ModuleMatrix[] {
  if (t.vector) return [];
  const base = t.name.replace(/_(?:exps|shexp)$/, '');
  const count = t.experts;
  const m = (module: LoraModule, out = t.rows): ModuleMatrix => ({
    module,
    inWidth: t.ne0,
    out,
    count,
    routed: t.routed,
  });
  switch (base) {
    case 'attn_q':
    case 'attn_q_a':
    case 'attn_q_b':
      return [m('q')];
    case 'attn_k':
      return [m('k')];
    case 'attn_v':
      return [m('v')];
    case 'attn_kv_a_mqa':
    case 'attn_kv_b':
      return [m('k'), m('v')];
    case 'attn_qkv': {
      const kvWidth = arch.kvHeads * arch.headDim;
      return [m('q', arch.attentionHeads * arch.headDim), m('k', kvWidth), m('v', kvWidth)];
    }
    case 'attn_output':
      return [m('o')];
    case 'ffn_gate':
      return [m('gate')];
    case 'ffn_up':
      return [m('up')];
    case 'ffn_down':
      return [m('down')];
    case 'output':
      return [m('lm_head')];
    case 'token_embd':
      // A tied table doubles as the output head: adapting lm_head adapts this matrix.
      return arch.tiedEmbeddings
        ? [{ module: 'lm_head', inWidth: arch.hiddenSize, out: arch.vocabSize, count: 1, routed: false }]
        : [];
    default:
      return [];
  }
}

// The inventory walk costs microseconds per layer; views ask for the same model many times.
const cache = new WeakMap<ModelArchitecture, readonly ModuleMatrix[]>();

/** Every adaptable matrix of the model, block tensors counted once per block (× layers). */
export function moduleMatrices(arch: ModelArchitecture): readonly ModuleMatrix[] {
  const hit = cache.get(arch);
  if (hit) return hit;
  const merged = new Map<string, ModuleMatrix>();
  for (const t of tensorInventory(arch)) {
    for (const mm of matricesOf(arch, t)) {
      // MLA's kv tensors appear under both "k" and "v": a module selecting both must count them once.
      const key = `${mm.module}|${t.name}|${mm.inWidth}|${mm.out}`;
      const before = merged.get(key);
      merged.set(key, before ? { ...before, count: before.count + mm.count } : mm);
    }
  }
  const out = [...merged.values()];
  cache.set(arch, out);
  return out;
}

/**
 * Adapter parameters for the chosen modules. MLA's shared kv projections are adapted once even
 * when both "k" and "v" are chosen.
 */
export function countAdapters(arch: ModelArchitecture, lora: LoraSettings): AdapterCount {
  const chosen = new Set(lora.modules);
  const seen = new Set<string>();
  let loraParams = 0;
  let magnitudeParams = 0;
  let perLayerIn = 0;
  let perLayerOut = 0;
  let perLayerModules = 0;
  const shapes: { rows: number; cols: number; count: number }[] = [];
  for (const mm of moduleMatrices(arch)) {
    if (!chosen.has(mm.module)) continue;
    // The shared MLA kv tensors are listed once under k and once under v.
    const identity = mm.module === 'k' || mm.module === 'v' ? `kv|${mm.inWidth}|${mm.out}|${mm.count}` : '';
    if (identity && arch.mla) {
      if (seen.has(identity)) continue;
      seen.add(identity);
    }
    loraParams += lora.rank * (mm.inWidth + mm.out) * mm.count;
    if (lora.dora) magnitudeParams += mm.out * mm.count;
    shapes.push(
      { rows: lora.rank, cols: mm.inWidth, count: mm.count },
      { rows: mm.out, cols: lora.rank, count: mm.count },
    );
    if (mm.module !== 'lm_head') {
      const share = mm.routed && arch.moe ? arch.moe.activeExperts / arch.moe.experts : 1;
      const perLayer = (mm.count * share) / arch.layers;
      perLayerIn += mm.inWidth * perLayer;
      perLayerOut += mm.out * perLayer;
      perLayerModules += perLayer;
    }
  }
  return { loraParams, magnitudeParams, perLayerIn, perLayerOut, perLayerModules, shapes };
}
