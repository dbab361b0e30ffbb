/**
 * Reads a safetensors header: an unsigned little-endian 64-bit length N, then N bytes of UTF-8
 * JSON mapping each tensor name to its dtype, shape and [begin, end) byte offsets in the data that
 * follows, with an optional "__metadata__" map (https://github.com/huggingface/safetensors#format).
 * Only the header is read; the reference implementation refuses headers over 100,000,000 bytes
 * (safetensors/src/tensor.rs, HeaderTooLarge), and so does this one.
 */

export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;

/** Bits per element of each safetensors dtype (safetensors/src/tensor.rs, Dtype). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
};

export interface SafetensorsTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Stored elements (packed quantized tensors hold several logical weights per element). */
  readonly elements: number;
  /** end − begin: what the tensor takes in the file. */
  readonly bytes: number;
}

export interface SafetensorsHeader {
  readonly tensors: readonly SafetensorsTensor[];
  readonly metadata: Readonly<Record<string, string>>;
  /** 8 + N: where the tensor data starts. */
  readonly headerBytes: number;
}

export type SafetensorsParse =
  | { readonly status: 'ok'; readonly header: SafetensorsHeader }
  | { readonly status: 'more'; readonly needBytes: number }
  | { readonly status: 'error'; readonly error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The header length the first 8 bytes state, or a problem. */
export function safetensorsHeaderLength(prefix: Uint8Array): number | string {
  if (prefix.length < 8) return 'the file is shorter than the 8-byte safetensors length prefix';
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) {
    return `the safetensors header claims ${n.toLocaleString('en-US')} bytes (over the ${MAX_SAFETENSORS_HEADER_BYTES.toLocaleString('en-US')} the format allows): this is not a safetensors file`;
  }
  if (n < 2n) return 'the safetensors header is empty';
  return Number(n);
}

/** Parses the header from a prefix of the file; asks for more when the prefix is too short. */
export function parseSafetensorsHeader(prefix: Uint8Array, fileSize?: number): SafetensorsParse {
  if (prefix.length < 8) return { status: 'more', needBytes: 8 };
  const n = safetensorsHeaderLength(prefix);
  if (typeof n === 'string') return { status: 'error', error: n };
  if (fileSize !== undefined && 8 + n > fileSize) {
    return { status: 'error', error: 'the safetensors header is longer than the file: it is truncated' };
  }
  if (prefix.length < 8 + n) return { status: 'more', needBytes: 8 + n };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(prefix.subarray(8, 8 + n));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'error', error: 'the safetensors header is not valid JSON' };
  }
  if (!isObject(json)) return { status: 'error', error: 'the safetensors header is not a JSON object' };
  const tensors: SafetensorsTensor[] = [];
  let metadata: Record<string, string> = {};
  const dataBytes = fileSize === undefined ? undefined : fileSize - 8 - n;
  for (const [name, entry] of Object.entries(json)) {
    if (name === '__metadata__') {
      if (isObject(entry)) {
        metadata = Object.fromEntries(
          Object.entries(entry).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
        );
      }
      continue;
    }
    const problem = tensorProblem(entry);
    if (problem) return { status: 'error', error: `tensor ${name}: ${problem}` };
    const e = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const [begin, end] = e.data_offsets;
    let elements = 1;
    for (const d of e.shape) elements *= d;
    const bits = DTYPE_BITS[e.dtype] ?? 0;
    if (Math.ceil((elements * bits) / 8) !== end - begin) {
      return {
        status: 'error',
        error: `tensor ${name}: ${e.dtype} × [${e.shape.join(', ')}] is ${Math.ceil((elements * bits) / 8)} bytes, but its offsets span ${end - begin}`,
      };
    }
    if (dataBytes !== undefined && end > dataBytes) {
      return { status: 'error', error: `tensor ${name} runs past the end of the file: it is truncated` };
    }
    tensors.push({ name, dtype: e.dtype, shape: e.shape, elements, bytes: end - begin });
  }
  return { status: 'ok', header: { tensors, metadata, headerBytes: 8 + n } };
}

function tensorProblem(entry: unknown): string | null {
  if (!isObject(entry)) return 'the entry is not an object';
  const { dtype, shape, data_offsets: offsets } = entry;
  if (typeof dtype !== 'string' || DTYPE_BITS[dtype] === undefined) {
    return `dtype ${JSON.stringify(dtype)} is not a safetensors dtype`;
  }
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    return 'shape must be a list of whole numbers';
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0) ||
    (offsets[0] as number) > (offsets[1] as number)
  ) {
    return 'data_offsets must be [begin, end] with begin ≤ end';
  }
  return null;
}
