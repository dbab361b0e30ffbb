import { GGML_TYPES, isGgmlType } from '../core/formats/ggml-types';
import { ByteReader, HeaderError, NeedMoreBytes } from './byte-reader';

/**
 * Reads the header of a GGUF file: metadata and tensor infos, never the tensor data. Layout from
 * ggml's docs/gguf.md and include/gguf.h (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md):
 * magic "GGUF", uint32 version, uint64 tensor count, uint64 metadata count, the key/value pairs,
 * the tensor infos (name, uint32 dims, uint64 sizes, uint32 ggml type, uint64 offset relative to
 * the aligned start of the data), then the data, aligned to general.alignment (default 32).
 *
 * Untrusted input: every count and length is bounded, a header that does not fit in what was
 * read asks for more bytes (up to MAX_GGUF_HEADER_BYTES), and anything malformed is a named
 * problem instead of an exception.
 */

/** Big tokenizers (Gemma's 262K tokens with scores and merges) keep headers under ~20 MB. */
export const MAX_GGUF_HEADER_BYTES = 96 * 1024 * 1024;
const MAX_COUNT = 10_000_000;
const MAX_STRING = 64 * 1024 * 1024;
// Numeric arrays up to this length are kept (per-layer head counts); longer ones only counted.
const KEPT_ARRAY = 65_536;

export interface GgufArray {
  readonly kind: 'array';
  readonly itemType: number;
  readonly length: number;
  /** Numeric and boolean items, when the array is short enough to keep; null otherwise. */
  readonly values: readonly number[] | null;
}

export type GgufValue = number | string | boolean | GgufArray;

export interface GgufTensorInfo {
  readonly name: string;
  /** ne0 first (the row length), as ggml orders dimensions. */
  readonly dims: readonly number[];
  readonly typeId: number;
  /** The ggml type name ("Q4_K"), or "type <id>" for an id this reader does not know. */
  readonly type: string;
  /** Relative to the start of the tensor data. */
  readonly offset: number;
  readonly elements: number;
  /** Bytes the tensor takes in the data section. */
  readonly bytes: number;
}

export interface GgufHeader {
  readonly version: number;
  readonly metadata: ReadonlyMap<string, GgufValue>;
  readonly tensors: readonly GgufTensorInfo[];
  readonly alignment: number;
  /** Absolute offset of the tensor data: the header's length, padded to the alignment. */
  readonly dataStart: number;
}

export type GgufParse =
  | { readonly status: 'ok'; readonly header: GgufHeader }
  /** The header continues past the bytes given: read at least `needBytes` from the start. */
  | { readonly status: 'more'; readonly needBytes: number }
  | { readonly status: 'error'; readonly error: string };

/**
 * ggml type ids (ggml.h enum ggml_type) with the block layouts of ggml-common.h. The ids the
 * estimator knows come from core/formats/ggml-types.ts; the others are added here: Q8_1 (two fp16
 * + 32 int8 = 36 B per 32), Q8_K (fp32 scale + 256 int8 + 16 int16 sums = 292 B per 256), the
 * plain integer and F64 types. An id not listed (newer ggml types) is sized from the offsets.
 */
const TYPE_IDS: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  6: 'Q5_0',
  7: 'Q5_1',
  8: 'Q8_0',
  9: 'Q8_1',
  10: 'Q2_K',
  11: 'Q3_K',
  12: 'Q4_K',
  13: 'Q5_K',
  14: 'Q6_K',
  15: 'Q8_K',
  16: 'IQ2_XXS',
  17: 'IQ2_XS',
  18: 'IQ3_XXS',
  19: 'IQ1_S',
  20: 'IQ4_NL',
  21: 'IQ3_S',
  22: 'IQ2_S',
  23: 'IQ4_XS',
  24: 'I8',
  25: 'I16',
  26: 'I32',
  27: 'I64',
  28: 'F64',
  29: 'IQ1_M',
  30: 'BF16',
  34: 'TQ1_0',
  35: 'TQ2_0',
  39: 'MXFP4',
};

const EXTRA_LAYOUTS: Readonly<Record<string, { blockSize: number; bytesPerBlock: number }>> = {
  Q8_1: { blockSize: 32, bytesPerBlock: 36 },
  Q8_K: { blockSize: 256, bytesPerBlock: 292 },
  I8: { blockSize: 1, bytesPerBlock: 1 },
  I16: { blockSize: 1, bytesPerBlock: 2 },
  I32: { blockSize: 1, bytesPerBlock: 4 },
  I64: { blockSize: 1, bytesPerBlock: 8 },
  F64: { blockSize: 1, bytesPerBlock: 8 },
};

function layout(type: string): { blockSize: number; bytesPerBlock: number } | undefined {
  if (isGgmlType(type)) return GGML_TYPES[type];
  return EXTRA_LAYOUTS[type];
}

/** Bytes of a tensor of a known type: rows × ⌈ne0 ÷ block⌉ × bytes per block (ggml_nbytes). */
function typedBytes(type: string, dims: readonly number[]): number | null {
  const l = layout(type);
  if (!l) return null;
  const ne0 = dims[0] ?? 1;
  let rows = 1;
  for (let i = 1; i < dims.length; i++) rows *= dims[i] ?? 1;
  return Math.ceil(ne0 / l.blockSize) * l.bytesPerBlock * rows;
}

// gguf_type ids (gguf.h): the fixed-size ones and their widths.
const SCALAR_BYTES: Readonly<Record<number, number>> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const STRING = 8;
const ARRAY = 9;

function readScalar(r: ByteReader, type: number, what: string): number | boolean {
  switch (type) {
    case 0:
      return r.u8();
    case 1:
      return r.i8();
    case 2:
      return r.u16();
    case 3:
      return r.i16();
    case 4:
      return r.u32();
    case 5:
      return r.i32();
    case 6:
      return r.f32();
    case 7:
      return r.u8() !== 0;
    case 10:
      return r.u64(what);
    case 11:
      return r.i64(what);
    case 12:
      return r.f64();
    default:
      throw new HeaderError(`${what} has value type ${type}, which GGUF does not define`);
  }
}

function readString(r: ByteReader, what: string): string {
  const length = r.u64(`the length of ${what}`);
  if (length > MAX_STRING) throw new HeaderError(`${what} claims a ${length.toLocaleString('en-US')}-byte string`);
  return r.utf8(length);
}

function readValue(r: ByteReader, type: number, key: string): GgufValue {
  if (type === STRING) return readString(r, key);
  if (type !== ARRAY) return readScalar(r, type, key);
  const itemType = r.u32();
  const length = r.u64(`the length of ${key}`);
  if (length > 0xffffffff) throw new HeaderError(`${key} claims ${length.toLocaleString('en-US')} items`);
  if (itemType === STRING) {
    for (let i = 0; i < length; i++) readString(r, `${key}[${i}]`);
    return { kind: 'array', itemType, length, values: null };
  }
  if (itemType === ARRAY) throw new HeaderError(`${key} is an array of arrays, which Headroom does not read`);
  const width = SCALAR_BYTES[itemType];
  if (width === undefined) throw new HeaderError(`${key} has items of type ${itemType}, which GGUF does not define`);
  if (length > KEPT_ARRAY) {
    r.skip(length * width);
    return { kind: 'array', itemType, length, values: null };
  }
  const values: number[] = [];
  for (let i = 0; i < length; i++) values.push(Number(readScalar(r, itemType, key)));
  return { kind: 'array', itemType, length, values };
}

function parse(bytes: Uint8Array, fileSize: number | undefined): GgufHeader {
  const r = new ByteReader(bytes);
  const magic = r.utf8(4);
  if (magic !== 'GGUF') throw new HeaderError('this is not a GGUF file (it does not start with "GGUF")');
  const version = r.u32();
  if (version < 2 || version > 3) throw new HeaderError(`GGUF version ${version} is not one Headroom reads (2 or 3)`);
  const tensorCount = r.u64('the tensor count');
  const kvCount = r.u64('the metadata count');
  if (tensorCount > MAX_COUNT || kvCount > MAX_COUNT) {
    throw new HeaderError(
      `the header claims ${tensorCount.toLocaleString('en-US')} tensors and ${kvCount.toLocaleString('en-US')} metadata entries`,
    );
  }
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = readString(r, `metadata key ${i}`);
    const type = r.u32();
    metadata.set(key, readValue(r, type, key));
  }
  const rawAlignment = metadata.get('general.alignment');
  const alignment = typeof rawAlignment === 'number' ? rawAlignment : 32;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment % 8 !== 0 || alignment > 1 << 20) {
    throw new HeaderError(
      `general.alignment is ${typeof rawAlignment === 'number' ? rawAlignment : 'not a number'}; it must be a multiple of 8`,
    );
  }
  const infos: { name: string; dims: number[]; typeId: number; offset: number }[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = readString(r, `tensor name ${i}`);
    const nDims = r.u32();
    if (nDims < 1 || nDims > 8) throw new HeaderError(`tensor ${name} has ${nDims} dimensions`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(r.u64(`a dimension of ${name}`));
    const typeId = r.u32();
    const offset = r.u64(`the offset of ${name}`);
    infos.push({ name, dims, typeId, offset });
  }
  const dataStart = Math.ceil(r.pos / alignment) * alignment;
  // Tensors of types this reader does not know take the room up to the next tensor (or the end).
  const byOffset = [...infos].sort((a, b) => a.offset - b.offset);
  const nextOffset = new Map<string, number>();
  for (let i = 0; i < byOffset.length; i++) {
    const here = byOffset[i];
    const next = byOffset[i + 1];
    if (here) nextOffset.set(here.name, next ? next.offset : fileSize !== undefined ? fileSize - dataStart : NaN);
  }
  const dataBytes = fileSize === undefined ? undefined : fileSize - dataStart;
  const tensors = infos.map((t): GgufTensorInfo => {
    let elements = 1;
    for (const d of t.dims) elements *= d;
    if (!Number.isSafeInteger(elements)) throw new HeaderError(`tensor ${t.name} has ${elements} elements`);
    const type = TYPE_IDS[t.typeId] ?? `type ${t.typeId}`;
    const bytes = typedBytes(type, t.dims) ?? (nextOffset.get(t.name) ?? NaN) - t.offset;
    if (!Number.isFinite(bytes) || bytes < 0) {
      throw new HeaderError(
        `tensor ${t.name} has ggml type ${t.typeId}, which this reader does not know, and its size cannot be told from the offsets`,
      );
    }
    if (dataBytes !== undefined && t.offset + bytes > dataBytes) {
      throw new HeaderError(
        `tensor ${t.name} runs past the end of the file: the file is truncated or not a GGUF model`,
      );
    }
    return { name: t.name, dims: t.dims, typeId: t.typeId, type, offset: t.offset, elements, bytes };
  });
  return { version, metadata, tensors, alignment, dataStart };
}

/**
 * Parses a GGUF header from the first `bytes.length` bytes of a file of `fileSize` bytes (when
 * known: it bounds the offsets and sizes tensors of unknown types).
 */
export function parseGgufHeader(bytes: Uint8Array, fileSize?: number): GgufParse {
  try {
    return { status: 'ok', header: parse(bytes, fileSize) };
  } catch (e) {
    if (e instanceof NeedMoreBytes) {
      if (fileSize !== undefined && bytes.length >= fileSize) {
        return { status: 'error', error: 'the file ends inside its GGUF header: it is truncated' };
      }
      const want = Math.min(MAX_GGUF_HEADER_BYTES, Math.max(e.atLeast, bytes.length * 2), fileSize ?? Infinity);
      if (e.atLeast > MAX_GGUF_HEADER_BYTES) {
        return {
          status: 'error',
          error: `the GGUF header is larger than ${MAX_GGUF_HEADER_BYTES / 1024 ** 2} MiB, far beyond any real model's`,
        };
      }
      return { status: 'more', needBytes: want };
    }
    if (e instanceof HeaderError) return { status: 'error', error: e.message };
    throw e;
  }
}

/** The metadata value under `key` as a number, if it is one. */
export function ggufNumber(h: GgufHeader, key: string): number | undefined {
  const v = h.metadata.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function ggufString(h: GgufHeader, key: string): string | undefined {
  const v = h.metadata.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** A value that may be a scalar or one entry per layer (head_count_kv, feed_forward_length). */
export function ggufPerLayer(h: GgufHeader, key: string): number | readonly number[] | undefined {
  const v = h.metadata.get(key);
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v.values) return v.values;
  return undefined;
}
