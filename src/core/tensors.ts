import { hasAttention, isMoeLayer, type ModelArchitecture, type SsmShape } from './architecture';

/**
 * One weight tensor of a model, named as llama.cpp names it in GGUF files (llama.cpp
 * gguf-py/gguf/constants.py, MODEL_TENSOR names such as `blk.N.attn_q`, `token_embd`, `output`).
 * `ne0` is the row length (the matmul's input width): it decides block-size fallbacks in
 * quantization. A routed-expert stack holds `experts` copies of a `rows × ne0` matrix.
 */
export interface TensorSpec {
  readonly name: string;
  /** Block index, or -1 for tensors outside the repeating blocks; MTP blocks come after the last layer. */
  readonly layer: number;
  readonly ne0: number;
  readonly rows: number;
  readonly experts: number;
  /** 1-D tensors (norms, biases, routers) that quantizers keep in F32. */
  readonly vector: boolean;
  /** Part of a routed-expert stack: only activeExperts / experts of it is used per token. */
  readonly routed: boolean;
}

function matrix(name: string, layer: number, ne0: number, rows: number, experts = 1): TensorSpec {
  return { name, layer, ne0, rows, experts, vector: false, routed: experts > 1 };
}

function vector(name: string, layer: number, length: number, experts = 1): TensorSpec {
  return { name, layer, ne0: length, rows: 1, experts, vector: true, routed: experts > 1 };
}

export function tensorElements(t: TensorSpec): number {
  return t.ne0 * t.rows * t.experts;
}

function normTensors(arch: ModelArchitecture, name: string, layer: number, width: number) {
  // LayerNorm stores a weight and a bias per channel, RMSNorm only a weight.
  return arch.norm === 'layernorm'
    ? [vector(`${name}.weight`, layer, width), vector(`${name}.bias`, layer, width)]
    : [vector(`${name}.weight`, layer, width)];
}

function attentionTensors(arch: ModelArchitecture, il: number): TensorSpec[] {
  const h = arch.hiddenSize;
  const { mla } = arch;
  if (arch.hybrid?.gatedAttention) {
    // Qwen3-Next gated attention: q_proj emits queries and an output gate of the same width, and
    // queries and keys are RMS-normalised per head (transformers modeling_qwen3_next.py,
    // Qwen3NextAttention).
    const qWidth = arch.attentionHeads * arch.headDim;
    const kvWidth = arch.kvHeads * arch.headDim;
    return [
      matrix('attn_q', il, h, 2 * qWidth),
      matrix('attn_k', il, h, kvWidth),
      matrix('attn_v', il, h, kvWidth),
      vector('attn_q_norm', il, arch.headDim),
      vector('attn_k_norm', il, arch.headDim),
      matrix('attn_output', il, qWidth, h),
    ];
  }
  if (mla) {
    // DeepSeek-V2 MLA (arXiv:2405.04434 eq. 9-13): low-rank query and joint KV compression.
    const qHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    const heads = arch.attentionHeads;
    const query =
      mla.qLoraRank > 0
        ? [
            matrix('attn_q_a', il, h, mla.qLoraRank),
            vector('attn_q_a_norm', il, mla.qLoraRank),
            matrix('attn_q_b', il, mla.qLoraRank, heads * qHead),
          ]
        : [matrix('attn_q', il, h, heads * qHead)];
    return [
      ...query,
      matrix('attn_kv_a_mqa', il, h, mla.kvLoraRank + mla.qkRopeHeadDim),
      vector('attn_kv_a_norm', il, mla.kvLoraRank),
      matrix('attn_kv_b', il, mla.kvLoraRank, heads * (mla.qkNopeHeadDim + mla.vHeadDim)),
      matrix('attn_output', il, heads * mla.vHeadDim, h),
    ];
  }
  const qWidth = arch.attentionHeads * arch.headDim;
  const kvWidth = arch.kvHeads * arch.headDim;
  const qkv = arch.fusedQkv
    ? [matrix('attn_qkv', il, h, qWidth + 2 * kvWidth)]
    : [matrix('attn_q', il, h, qWidth), matrix('attn_k', il, h, kvWidth), matrix('attn_v', il, h, kvWidth)];
  const biases = arch.attentionBias ? [vector('attn_qkv.bias', il, qWidth + 2 * kvWidth)] : [];
  // Models with biased MLPs (BLOOM, gpt-oss) also bias the attention output projection.
  const outBias = arch.mlpBias ? [vector('attn_output.bias', il, h)] : [];
  return [...qkv, ...biases, matrix('attn_output', il, qWidth, h), ...outBias];
}

function ffnTensors(arch: ModelArchitecture, il: number, suffix: string, width: number, experts = 1): TensorSpec[] {
  const h = arch.hiddenSize;
  const gated = arch.mlp === 'gated';
  const out = [
    ...(gated ? [matrix(`ffn_gate${suffix}`, il, h, width, experts)] : []),
    matrix(`ffn_up${suffix}`, il, h, width, experts),
    matrix(`ffn_down${suffix}`, il, width, h, experts),
  ];
  if (arch.mlpBias) {
    out.push(vector(`ffn_up${suffix}.bias`, il, (gated ? 2 : 1) * width, experts));
    out.push(vector(`ffn_down${suffix}.bias`, il, h, experts));
  }
  return out;
}

/**
 * A recurrent mixer's tensors, named as llama.cpp's GGUF files name them (ssm_in, ssm_conv1d,
 * ssm_out, …; gguf-py/gguf/constants.py). Mamba-2 (transformers NemotronHMamba2Mixer,
 * GraniteMoeHybridMambaLayer): in_proj to 2 × inner + 2 × groups × state + heads, a depthwise
 * convolution over inner + 2 × groups × state channels with a bias, per-head dt bias, A and D,
 * a gated RMSNorm over inner and out_proj. Mamba (Jamba): in_proj to 2 × inner, conv with bias,
 * x_proj to dt_rank + 2 × state, dt_proj back to inner with a bias, A (inner × state), D. Gated
 * DeltaNet (transformers Qwen3NextGatedDeltaNet): in_proj_qkvz to 2 × keys + 2 × values,
 * in_proj_ba to 2 × value heads, a bias-free convolution over 2 × keys + values, dt bias and A
 * per value head, a norm over one value head and out_proj. The sums reproduce the published
 * counts of Nemotron-Nano-9B-v2 (8,888,227,328) and Granite-4.0-H-Small (32,207,337,984) exactly.
 */
function ssmTensors(arch: ModelArchitecture, il: number, ssm: SsmShape): TensorSpec[] {
  const h = arch.hiddenSize;
  const inner = ssm.innerSize;
  if (ssm.kind === 'gated-deltanet') {
    const keys = ssm.groups * ssm.stateSize;
    const conv = 2 * keys + inner;
    return [
      matrix('ssm_in', il, h, 2 * keys + 2 * inner),
      matrix('ssm_ba', il, h, 2 * ssm.heads),
      vector('ssm_conv1d', il, conv * ssm.convKernel),
      vector('ssm_dt.bias', il, ssm.heads),
      vector('ssm_a', il, ssm.heads),
      vector('ssm_norm', il, inner / Math.max(ssm.heads, 1)),
      matrix('ssm_out', il, inner, h),
    ];
  }
  if (ssm.kind === 'lightning') {
    // MiniMax-M1 lightning attention (MiniMaxM1LightningAttention): fused qkv, an output gate,
    // a norm over the heads and the output projection.
    return [
      matrix('ssm_in', il, h, 3 * inner),
      matrix('ssm_gate', il, h, inner),
      vector('ssm_norm', il, inner),
      matrix('ssm_out', il, inner, h),
    ];
  }
  if (ssm.kind === 'mamba') {
    return [
      matrix('ssm_in', il, h, 2 * inner),
      vector('ssm_conv1d', il, inner * ssm.convKernel),
      vector('ssm_conv1d.bias', il, inner),
      matrix('ssm_x', il, inner, ssm.dtRank + 2 * ssm.stateSize),
      matrix('ssm_dt', il, ssm.dtRank, inner),
      vector('ssm_dt.bias', il, inner),
      vector('ssm_a', il, inner * ssm.stateSize),
      vector('ssm_d', il, inner),
      matrix('ssm_out', il, inner, h),
    ];
  }
  const conv = inner + 2 * ssm.groups * ssm.stateSize;
  return [
    matrix('ssm_in', il, h, inner + conv + ssm.heads),
    vector('ssm_conv1d', il, conv * ssm.convKernel),
    vector('ssm_conv1d.bias', il, conv),
    vector('ssm_dt.bias', il, ssm.heads),
    vector('ssm_a', il, ssm.heads),
    vector('ssm_d', il, ssm.heads),
    vector('ssm_norm', il, inner),
    matrix('ssm_out', il, inner, h),
  ];
}

function moeTensors(arch: ModelArchitecture, il: number): TensorSpec[] {
  const h = arch.hiddenSize;
  const moe = arch.moe;
  if (!moe) return [];
  const out = [vector('ffn_gate_inp', il, h * moe.experts)];
  out.push(...ffnTensors(arch, il, '_exps', moe.expertIntermediateSize, moe.experts));
  const shared = moe.sharedIntermediateSize ?? moe.expertIntermediateSize * moe.sharedExperts;
  if (shared > 0) out.push(...ffnTensors(arch, il, '_shexp', shared));
  if (moe.sharedExpertGate) out.push(vector('ffn_gate_inp_shexp', il, h));
  return out;
}

/** Which FFN a layer has: the hybrid pattern's letter where it gives one, else the moe rules. */
function ffnKind(arch: ModelArchitecture, il: number): string {
  const given = arch.hybrid?.ffn?.[il];
  if (given !== undefined) return given;
  return arch.moe && isMoeLayer(arch.moe, il) ? 'E' : 'D';
}

function blockTensors(arch: ModelArchitecture, il: number): TensorSpec[] {
  const h = arch.hiddenSize;
  const { hybrid } = arch;
  // Beyond the decoder layers (MTP blocks) the layout is the model's attention block.
  const mixer = hybrid?.mixers[il] ?? 'A';
  const out: TensorSpec[] = [];
  // Each sub-layer has its own pre-norm; a Nemotron-H block holds one sub-layer and one norm.
  if (mixer !== '-') out.push(...normTensors(arch, 'attn_norm', il, h));
  if (hasAttention(mixer)) out.push(...attentionTensors(arch, il));
  if (hybrid && mixer !== 'A' && mixer !== '-') out.push(...ssmTensors(arch, il, hybrid.ssm));
  const ffn = ffnKind(arch, il);
  if (ffn !== '-') out.push(...normTensors(arch, 'ffn_norm', il, h));
  if (ffn === 'D') out.push(...ffnTensors(arch, il, '', arch.intermediateSize));
  else if (ffn === 'E') out.push(...moeTensors(arch, il));
  return out;
}

/**
 * A multi-token-prediction block (DeepSeek-V3 section 2.2, arXiv:2412.19437): a decoder layer
 * fed by a projection of the normalised embedding and hidden state, with its own output norm.
 * The model shares its embedding and output head with it, but the released checkpoint stores a
 * copy of both in the block (model.layers.61.embed_tokens, shared_head.head): with them the
 * count from DeepSeek-V3's config is 684,489,830,400, the Hub's safetensors total
 * (684,531,386,000) less its 41,555,600 F32 block scales.
 */
function mtpTensors(arch: ModelArchitecture, il: number): TensorSpec[] {
  const h = arch.hiddenSize;
  return [
    matrix('nextn.embed_tokens', il, h, arch.vocabSize),
    matrix('nextn.shared_head_head', il, h, arch.vocabSize),
    vector('nextn.enorm', il, h),
    vector('nextn.hnorm', il, h),
    matrix('nextn.eh_proj', il, 2 * h, h),
    vector('nextn.shared_head_norm', il, h),
    ...blockTensors(arch, il),
  ];
}

/** Every weight tensor of the model, embeddings first, in llama.cpp's processing order. */
export function tensorInventory(arch: ModelArchitecture): TensorSpec[] {
  const h = arch.hiddenSize;
  const out: TensorSpec[] = [matrix('token_embd', -1, h, arch.vocabSize)];
  if (arch.embeddingNorm ?? (arch.norm === 'layernorm' && arch.mlpBias)) {
    // BLOOM normalises the embeddings (word_embeddings_layernorm).
    out.push(...normTensors(arch, 'token_embd_norm', -1, h));
  }
  out.push(...normTensors(arch, 'output_norm', -1, h));
  if (!arch.tiedEmbeddings) out.push(matrix('output', -1, h, arch.vocabSize));
  for (let il = 0; il < arch.layers; il++) out.push(...blockTensors(arch, il));
  for (let i = 0; i < (arch.mtpLayers ?? 0); i++) out.push(...mtpTensors(arch, arch.layers + i));
  return out;
}
