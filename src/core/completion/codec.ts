/**
 * Compact storage of the continuation model: unsigned integers as LEB128 varints, the bytes in
 * base64 (one JSON string: a few bytes per stored n-gram, decoded in a few milliseconds).
 */

/** A growable byte buffer of varints. */
export class VarintWriter {
  private buf = new Uint8Array(1 << 12);
  private len = 0;

  write(v: number): void {
    if (!(v >= 0) || !Number.isInteger(v)) throw new Error(`varint: not an unsigned integer: ${v}`);
    if (this.len + 8 > this.buf.length) {
      const b = new Uint8Array(this.buf.length * 2);
      b.set(this.buf.subarray(0, this.len));
      this.buf = b;
    }
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  toBase64(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.len).toString('base64');
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Every varint of a base64 string at once (one tight loop; values up to 2^31 − 1). */
export function decodeVarints(base64: string): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x80) n++;
  const out = new Int32Array(n);
  let k = 0;
  let v = 0;
  let shift = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (shift > 28) throw new Error('varint: value too large');
    v |= (b & 0x7f) << shift;
    if (b < 0x80) {
      out[k++] = v;
      v = 0;
      shift = 0;
    } else shift += 7;
  }
  if (shift) throw new Error('varint: truncated data');
  return out;
}
