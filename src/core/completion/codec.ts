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
}

export class VarintReader {
  private readonly bytes: Uint8Array;
  private pos = 0;

  constructor(base64: string) {
    this.bytes = Buffer.from(base64, 'base64');
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  read(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new Error('varint: truncated data');
      const b = this.bytes[this.pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
  }
}
