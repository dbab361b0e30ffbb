/**
 * Writers of GGUF and safetensors headers for test fixtures: the byte layouts the importers read
 * (ggml docs/gguf.md; the safetensors README), written independently of the readers. Tensor data
 * is never materialised: a fixture file is its header plus a declared size, and the mock Hub
 * serves zeros past the header.
 */

export type GgufMeta =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'u32[]' | 'i32[]'; readonly value: readonly number[] }
  | { readonly type: 'string[]'; readonly value: readonly string[] };

export interface GgufTensorSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly typeId: number;
  readonly bytes: number;
}

class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;
  private push(b: Uint8Array) {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    this.push(b);
  }
  i32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    this.push(b);
  }
  f32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.push(b);
  }
  u64(v: number) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    this.push(b);
  }
  u8(v: number) {
    this.push(new Uint8Array([v]));
  }
  str(s: string) {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.push(b);
  }
  raw(b: Uint8Array) {
    this.push(b);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const GGUF_TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;

/** A GGUF v3 header; returns it padded to the 32-byte alignment, where the tensor data starts. */
export function ggufHeaderBytes(
  metadata: Readonly<Record<string, GgufMeta>>,
  tensors: readonly GgufTensorSpec[],
): Uint8Array {
  const w = new Writer();
  w.raw(new TextEncoder().encode('GGUF'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(Object.keys(metadata).length);
  for (const [key, m] of Object.entries(metadata)) {
    w.str(key);
    switch (m.type) {
      case 'u32':
        w.u32(GGUF_TYPE.u32);
        w.u32(m.value);
        break;
      case 'i32':
        w.u32(GGUF_TYPE.i32);
        w.i32(m.value);
        break;
      case 'f32':
        w.u32(GGUF_TYPE.f32);
        w.f32(m.value);
        break;
      case 'bool':
        w.u32(GGUF_TYPE.bool);
        w.u8(m.value ? 1 : 0);
        break;
      case 'string':
        w.u32(GGUF_TYPE.string);
        w.str(m.value);
        break;
      case 'u32[]':
      case 'i32[]':
        w.u32(GGUF_TYPE.array);
        w.u32(m.type === 'u32[]' ? GGUF_TYPE.u32 : GGUF_TYPE.i32);
        w.u64(m.value.length);
        for (const v of m.value) {
          if (m.type === 'u32[]') w.u32(v);
          else w.i32(v);
        }
        break;
      case 'string[]':
        w.u32(GGUF_TYPE.array);
        w.u32(GGUF_TYPE.string);
        w.u64(m.value.length);
        for (const v of m.value) w.str(v);
        break;
    }
  }
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.typeId);
    w.u64(offset);
    offset += Math.ceil(t.bytes / 32) * 32;
  }
  const pad = (32 - (w.length % 32)) % 32;
  w.raw(new Uint8Array(pad));
  return w.bytes();
}

/** Size of the data section a GGUF header's tensors declare (each padded to 32 bytes). */
export function ggufDataBytes(tensors: readonly GgufTensorSpec[]): number {
  return tensors.reduce((n, t) => n + Math.ceil(t.bytes / 32) * 32, 0);
}

export interface SafetensorsSpec {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly bytes: number;
}

/** A safetensors header: 8-byte length, then the JSON with offsets in the given order. */
export function safetensorsHeaderBytes(tensors: readonly SafetensorsSpec[]): { header: Uint8Array; dataBytes: number } {
  const entries: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let at = 0;
  for (const t of tensors) {
    entries[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + t.bytes] };
    at += t.bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(entries));
  const pad = (8 - (json.length % 8)) % 8;
  const header = new Uint8Array(8 + json.length + pad);
  new DataView(header.buffer).setBigUint64(0, BigInt(json.length + pad), true);
  header.set(json, 8);
  header.fill(0x20, 8 + json.length);
  return { header, dataBytes: at };
}
