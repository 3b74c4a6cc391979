/**
 * The memory a check works in, in one object: the text's UTF-16 units, the shared pass's hits and
 * marks, and the findings' columns until they are made as objects. Its owner keeps it between
 * checks and lends it to one check at a time (the checker, core/check.ts: one per `Checker` of
 * core/setup.ts, and one for plain `check` calls); a check inside a check gets fresh ones.
 *
 * Why keep them (measured on the bench texts, see docs/benchmarks.md): fresh memory is dear on the
 * machines measured here (about 3 ms per MB on first touch, against 0.05 ms once used), and a
 * check of a large text would otherwise take new pages for its copy of the text, its hits and its
 * findings every time. Nothing a check returns refers to these buffers: the findings are objects
 * made at the end, and the text model forgets the lent units when the check ends.
 */
import { ScanBuffers } from './ahocorasick';
import { FindingSink } from './findings';

/** Texts longer than this (in units) get a buffer of their own: the kept one is not grown that large. */
const MAX_KEPT_UNITS = 8 * 2 ** 20;
/** A sink that grew past this many findings (about 2.5 MB of buffers) is not kept. */
const MAX_KEPT_FINDINGS = 2 ** 16;
/** Scan buffers past this many entries (hits × 3 + marks) are not kept. */
const MAX_KEPT_SCAN = 3 * 2 ** 20;

export class CheckBuffers {
  private unitBytes?: Buffer;
  private scanBuffers = new ScanBuffers();
  private findingSink = new FindingSink();
  private lent = false;

  /**
   * These buffers for one check, or fresh ones if a check holds these already. Give them back
   * with `release`.
   */
  lend(): CheckBuffers {
    if (this.lent) return new CheckBuffers().lend();
    this.lent = true;
    return this;
  }

  /** The text's UTF-16 units, written into the kept buffer (a fresh one for a huge text). */
  units(text: string): Uint16Array {
    const n = text.length;
    if (n > MAX_KEPT_UNITS) return toUnits(text, Buffer.allocUnsafeSlow(n * 2));
    if (!this.unitBytes || this.unitBytes.length < n * 2) this.unitBytes = Buffer.allocUnsafeSlow(Math.max(n * 2, 2 ** 16));
    return toUnits(text, this.unitBytes);
  }

  get scan(): ScanBuffers {
    return this.scanBuffers;
  }

  get sink(): FindingSink {
    return this.findingSink;
  }

  /** Ends the loan: the sink is emptied; buffers grown past their limits are dropped. */
  release(): void {
    this.findingSink.clear();
    if (this.findingSink.capacity > MAX_KEPT_FINDINGS) this.findingSink = new FindingSink();
    if (this.scanBuffers.size > MAX_KEPT_SCAN) this.scanBuffers = new ScanBuffers();
    this.lent = false;
  }
}

function toUnits(text: string, bytes: Buffer): Uint16Array {
  bytes.write(text, 0, 'utf16le');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
}
