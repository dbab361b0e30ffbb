import { isMoeLayer, type ModelArchitecture } from './architecture';

/**
 * One weight tensor of a model, named as llama.cpp names it in GGUF files (llama.cpp
 * gguf-py/gguf/constants.py, MODEL_TENSOR names such as `blk.N.attn_q`, `token_embd`, `output`).
 * `ne0` is the row length (the matmul's input width): it decides block-size fallbacks in
 * quantization. A routed-expert stack holds `experts` copies of a `rows × ne0` matrix.
 */
export interface TensorSpec {
  readonly name: string;
  /** Block index, or -1 for tensors outside the repeating blocks. */
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

function blockTensors(arch: ModelArchitecture, il: number): TensorSpec[] {
  const h = arch.hiddenSize;
  const out = [...normTensors(arch, 'attn_norm', il, h), ...attentionTensors(arch, il)];
  out.push(...normTensors(arch, 'ffn_norm', il, h));
  const { moe } = arch;
  if (!moe || !isMoeLayer(moe, il)) {
    out.push(...ffnTensors(arch, il, '', arch.intermediateSize));
    return out;
  }
  out.push(vector('ffn_gate_inp', il, h * moe.experts));
  out.push(...ffnTensors(arch, il, '_exps', moe.expertIntermediateSize, moe.experts));
  if (moe.sharedExperts > 0) {
    out.push(...ffnTensors(arch, il, '_shexp', moe.expertIntermediateSize * moe.sharedExperts));
  }
  return out;
}

/** Every weight tensor of the model, embeddings first, in llama.cpp's processing order. */
export function tensorInventory(arch: ModelArchitecture): TensorSpec[] {
  const h = arch.hiddenSize;
  const out: TensorSpec[] = [matrix('token_embd', -1, h, arch.vocabSize)];
  if (arch.norm === 'layernorm' && arch.mlpBias) {
    // BLOOM normalises the embeddings (word_embeddings_layernorm).
    out.push(...normTensors(arch, 'token_embd_norm', -1, h));
  }
  out.push(...normTensors(arch, 'output_norm', -1, h));
  if (!arch.tiedEmbeddings) out.push(matrix('output', -1, h, arch.vocabSize));
  for (let il = 0; il < arch.layers; il++) out.push(...blockTensors(arch, il));
  return out;
}
