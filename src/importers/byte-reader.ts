/**
 * A little-endian cursor over the bytes of a file header read so far. Reading past the end throws
 * NeedMoreBytes, so a parser can ask for a longer prefix of the file (a wider ranged request, a
 * longer File.slice) instead of failing: headers are read a piece at a time and never in full
 * unless they must be.
 */
export class NeedMoreBytes extends Error {
  constructor(readonly atLeast: number) {
    super(`need at least ${atLeast} bytes`);
  }
}

export class HeaderError extends Error {}

export class ByteReader {
  private readonly view: DataView;
  pos = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.byteLength;
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.bytes.byteLength) throw new NeedMoreBytes(at + n);
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }

  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }

  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  i8(): number {
    return this.view.getInt8(this.need(1));
  }

  i16(): number {
    return this.view.getInt16(this.need(2), true);
  }

  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }

  f32(): number {
    return this.view.getFloat32(this.need(4), true);
  }

  f64(): number {
    return this.view.getFloat64(this.need(8), true);
  }

  /** A 64-bit count or offset as a number; refused above 2^53 (no real header needs more). */
  u64(what: string): number {
    const value = this.view.getBigUint64(this.need(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new HeaderError(`${what} is ${value.toString()}, too large to be real`);
    return Number(value);
  }

  i64(what: string): number {
    const value = this.view.getBigInt64(this.need(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new HeaderError(`${what} is ${value.toString()}, out of range`);
    }
    return Number(value);
  }

  skip(n: number): void {
    this.need(n);
  }

  utf8(n: number): string {
    const at = this.need(n);
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes.subarray(at, at + n));
  }
}
