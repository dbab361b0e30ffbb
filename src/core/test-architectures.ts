import { architectureFrom } from './architecture';

/**
 * Reference shapes for core tests, copied from the models' config.json files
 * (https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/config.json,
 * https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json,
 * https://huggingface.co/mistralai/Mistral-7B-v0.1/blob/main/config.json,
 * https://huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json,
 * https://huggingface.co/Qwen/Qwen2.5-3B/blob/main/config.json,
 * https://huggingface.co/openlm-research/open_llama_7b_v2/blob/main/config.json,
 * https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json).
 */
export const LLAMA_3_8B = architectureFrom({
  layers: 32,
  hiddenSize: 4096,
  intermediateSize: 14336,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 128256,
  tiedEmbeddings: false,
});

export const LLAMA_3_70B = architectureFrom({
  layers: 80,
  hiddenSize: 8192,
  intermediateSize: 28672,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 128256,
  tiedEmbeddings: false,
});

export const MISTRAL_7B = architectureFrom({
  layers: 32,
  hiddenSize: 4096,
  intermediateSize: 14336,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 32000,
  tiedEmbeddings: false,
});

export const MIXTRAL_8X7B = architectureFrom({
  ...MISTRAL_7B,
  moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertIntermediateSize: 14336, denseLayers: 0 },
});

export const QWEN_2_5_3B = architectureFrom({
  layers: 36,
  hiddenSize: 2048,
  intermediateSize: 11008,
  attentionHeads: 16,
  kvHeads: 2,
  headDim: 128,
  vocabSize: 151936,
  tiedEmbeddings: true,
  attentionBias: true,
});

/** OpenLLaMA 7B v2: LLaMA-7B shape with full multi-head attention (32 KV heads). */
export const OPEN_LLAMA_7B = architectureFrom({
  layers: 32,
  hiddenSize: 4096,
  intermediateSize: 11008,
  attentionHeads: 32,
  kvHeads: 32,
  headDim: 128,
  vocabSize: 32000,
  tiedEmbeddings: false,
});

/** DeepSeek-V3: 61 layers (3 dense), 256 routed experts of which 8 per token plus 1 shared, MLA. */
export const DEEPSEEK_V3 = architectureFrom({
  layers: 61,
  hiddenSize: 7168,
  intermediateSize: 18432,
  attentionHeads: 128,
  kvHeads: 128,
  headDim: 56,
  vocabSize: 129280,
  tiedEmbeddings: false,
  moe: { experts: 256, activeExperts: 8, sharedExperts: 1, expertIntermediateSize: 2048, denseLayers: 3 },
  mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
});

/**
 * gpt-oss-20b (https://huggingface.co/openai/gpt-oss-20b/blob/main/config.json): 24 layers of 32
 * experts, 4 per token, rows 2880 wide (not a multiple of 256), experts shipped as MXFP4.
 */
export const GPT_OSS_20B = architectureFrom({
  layers: 24,
  hiddenSize: 2880,
  intermediateSize: 2880,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 64,
  vocabSize: 201088,
  tiedEmbeddings: false,
  attentionBias: true,
  mlpBias: true,
  moe: {
    experts: 32,
    activeExperts: 4,
    sharedExperts: 0,
    expertIntermediateSize: 2880,
    denseLayers: 0,
    expertFormat: 'mxfp4',
  },
  slidingWindow: { window: 128, pattern: 2 },
});

/** gpt-oss-120b (https://huggingface.co/openai/gpt-oss-120b/blob/main/config.json): 36 layers of 128 experts. */
export const GPT_OSS_120B = architectureFrom({
  ...GPT_OSS_20B,
  layers: 36,
  moe: {
    ...(GPT_OSS_20B.moe ?? { experts: 0, activeExperts: 0, sharedExperts: 0, denseLayers: 0 }),
    experts: 128,
    expertIntermediateSize: 2880,
  },
});
