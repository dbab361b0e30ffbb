import { describeNumber, describeValue, groupedWhole } from './input-text';

/**
 * Physically sensible ranges for everything the estimator reads, in one place. Each range is a
 * generous multiple of the largest published value, so every real model and device passes and
 * every product stays a finite double: the largest published configs have 126 layers (Llama 3.1
 * 405B, https://huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json), hidden size
 * 20,480 (Megatron-Turing NLG 530B, arXiv:2201.11990 table 1), 384 routed experts (Kimi K2,
 * https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/config.json), a 262,208-token
 * vocabulary and a 10,485,760-token context (data/models.json); devices span 6-512 GB and
 * 68-8,000 GB/s (data/gpus.json). At the limits an estimate is ~1e25 bytes at most, far from
 * overflow, and no loop over layers or experts runs long.
 */
export interface Range {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (counts and lengths). */
  readonly whole: boolean;
}

const whole = (min: number, max: number): Range => ({ min, max, whole: true });
const real = (min: number, max: number): Range => ({ min, max, whole: false });

const GiB = 1024 ** 3;

/** Tokens of context per sequence: 2^24 covers Llama 4 Scout's 10M-token window. */
export const MAX_CONTEXT_TOKENS = 16_777_216;

export const ARCH_BOUNDS = {
  layers: whole(1, 1024),
  hiddenSize: whole(1, 131_072),
  intermediateSize: whole(1, 1_048_576),
  attentionHeads: whole(1, 2048),
  kvHeads: whole(1, 2048),
  headDim: whole(1, 2048),
  vocabSize: whole(1, 4_194_304),
  experts: whole(1, 4096),
  activeExperts: whole(1, 4096),
  sharedExperts: whole(0, 64),
  expertIntermediateSize: whole(1, 1_048_576),
  denseLayers: whole(0, 1024),
  layerStep: whole(1, 1024),
  qLoraRank: whole(0, 65_536),
  kvLoraRank: whole(1, 65_536),
  qkNopeHeadDim: whole(0, 2048),
  qkRopeHeadDim: whole(0, 2048),
  vHeadDim: whole(1, 2048),
  window: whole(1, MAX_CONTEXT_TOKENS),
  pattern: whole(1, 1024),
  contextLength: whole(1, MAX_CONTEXT_TOKENS),
  // Recurrent layers of hybrid models: Mamba inner widths are 2× hidden (mamba_expand), states
  // 16-256 wide, convolutions 4 wide (Nemotron-H, Granite 4, Jamba configs); MTP blocks 1-3.
  ssmInnerSize: whole(1, 1_048_576),
  ssmStateSize: whole(1, 65_536),
  ssmConvKernel: whole(0, 64),
  mtpLayers: whole(0, 64),
} as const satisfies Record<string, Range>;

/** Per device and for system RAM, in bytes, bytes/s and FLOP/s. */
export const DEVICE_BOUNDS = {
  // 256 MiB (the smallest GPU anyone runs a model on) to 64 TiB (a multi-socket server's RAM).
  memoryBytes: real(0.25 * GiB, 65_536 * GiB),
  // 1 GB/s (one PCIe 3.0 lane) to 100 TB/s (12× an HBM3e B200's 8 TB/s).
  bandwidthBytesPerSecond: real(1e9, 1e14),
  // 0.01 TFLOPS (a phone CPU) to 100 PFLOPS (40× a B300's dense FP16); 0 means unknown.
  fp16FlopsPerSecond: real(1e10, 1e17),
} as const satisfies Record<string, Range>;

/**
 * Bits per weight of a custom or EXL2 width: 1 (binary weights; the lowest llama.cpp type, IQ1_S,
 * stores 1.5625) to 32 (FP32).
 */
export const BITS_PER_WEIGHT: Range = real(1, 32);

export const INPUT_BOUNDS = {
  contextTokens: whole(1, MAX_CONTEXT_TOKENS),
  sequences: whole(1, 65_536),
  devices: whole(1, 1024),
  tensors: whole(1, 1_000_000),
  tensorElements: whole(0, 1e13),
  tensorBytes: whole(0, 1e14),
} as const satisfies Record<string, Range>;

/** "from 1 to 131,072" or "from 0.25 to 65,536". */
export function rangeText(range: Range, scale = 1): string {
  const show = (v: number) => (Number.isInteger(v / scale) ? groupedWhole(v / scale) : describeNumber(v / scale));
  return `from ${show(range.min)} to ${show(range.max)}`;
}

export function inRange(value: unknown, range: Range): value is number {
  return (
    typeof value === 'number' &&
    value >= range.min &&
    value <= range.max &&
    (!range.whole || Number.isInteger(value)) &&
    !Number.isNaN(value)
  );
}

/**
 * Why `value` is not a valid `name`, or null: "hiddenSize must be a whole number from 1 to
 * 131,072; got 1e200" with the value in plain digits, cut to 40 characters.
 */
export function rangeProblem(name: string, value: unknown, range: Range, unit = '', scale = 1): string | null {
  if (inRange(value, range)) return null;
  const kind = range.whole ? 'a whole number' : 'a number';
  const got = describeValue(typeof value === 'number' ? value / scale : value);
  return `${name} must be ${kind}${unit ? ` of ${unit}` : ''} ${rangeText(range, scale)}; got ${got}`;
}
