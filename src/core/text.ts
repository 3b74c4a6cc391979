/**
 * Text model: a document's text with line starts, and conversions between UTF-16 offsets and
 * 1-based line/column positions (columns count UTF-16 code units, as VS Code does).
 * Line breaks: LF, CRLF and lone CR. A leading BOM is removed by `normalizeInput`.
 *
 * The per-character passes of the checker (automaton, punctuation, outline, misquote) read the
 * UTF-16 units from `codes`, one typed array made once per document by a native copy: a load from
 * a typed array costs less than `charCodeAt` on a string (about 0.4 against 0.6 ms per MB here).
 * `marks` lists where the punctuation marks and line breaks stand, found in one pass: the rules
 * that only act at marks (punctuation, the outline scan) walk this list instead of the text, about
 * a tenth of its units.
 */

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

export function normalizeInput(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The UTF-16 units of `text`, copied natively (Buffer's UTF-16LE encoder), not unit by unit. */
export function toCodes(text: string): Uint16Array {
  // allocUnsafeSlow: a buffer of its own at offset 0, so it is aligned for a Uint16Array view.
  const buf = Buffer.allocUnsafeSlow(text.length * 2);
  buf.write(text, 0, 'utf16le');
  return new Uint16Array(buf.buffer, buf.byteOffset, text.length);
}

/**
 * The units listed in `TextDoc.marks`: line breaks, sentence and clause marks, 顿号, quotes and
 * brackets, full-width and ASCII. A rule that walks the marks declares the units it needs with
 * `requireMarks`, so it cannot silently miss one.
 */
export const MARK_CHARS = '\n\r。！？!?；;：:，,、"“”‘’\'（）()《》';
/** 1 for the units of `MARK_CHARS` (the table the checker's shared pass is given). */
export const MARK_TABLE = new Uint8Array(65536);
for (const ch of MARK_CHARS) MARK_TABLE[ch.charCodeAt(0)] = 1;

/** Throws at load time if a rule's table needs a unit that `marks` does not list. */
export function requireMarks(chars: string): void {
  for (const ch of chars) if (MARK_TABLE[ch.charCodeAt(0)] === 0) throw new Error(`not a mark of TextDoc.marks: ${JSON.stringify(ch)}`);
}

/** A copy of `a` with twice the room (the growable buffers of the per-character passes). */
export function growInt32(a: Int32Array): Int32Array {
  const g = new Int32Array(Math.max(64, a.length * 2));
  g.set(a);
  return g;
}

function findMarks(codes: Uint16Array): Int32Array {
  let out: Int32Array = new Int32Array(Math.max(64, codes.length >> 3));
  let k = 0;
  for (let i = 0, n = codes.length; i < n; i++) {
    if (MARK_TABLE[codes[i]] !== 0) {
      if (k === out.length) out = growInt32(out);
      out[k++] = i;
    }
  }
  return out.subarray(0, k);
}

export class TextDoc {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];
  private units?: Uint16Array;
  private markList?: Int32Array;
  /** Whether `units` is a check's kept buffer (see `lendCodes`). */
  private lent = false;
  /** The line `lineIndexAt` found last (where the next question most likely falls). */
  private lastLine = 0;

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // LF only (the usual case): the native search is many times faster than a char loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  /** The text's UTF-16 units (made on first use, then kept). */
  get codes(): Uint16Array {
    return (this.units ??= toCodes(this.text));
  }

  /**
   * Takes the text's units from a buffer lent for one check (src/core/check-buffers.ts), which
   * must hold exactly them; `endLoan` when the check is done. Afterwards `codes` and `marks` are
   * made afresh if asked for, so nothing outside the check ever reads the lent buffer.
   */
  lendCodes(codes: Uint16Array): void {
    if (codes.length !== this.text.length) throw new RangeError('lent units of another text');
    this.units = codes;
    this.markList = undefined;
    this.lent = true;
  }

  /** Forgets the lent units, and the marks found in them (see `lendCodes`). */
  endLoan(): void {
    if (!this.lent) return;
    this.units = undefined;
    this.markList = undefined;
    this.lent = false;
  }

  /**
   * Offsets of the units of `MARK_CHARS`, ascending: made on first use, unless the checker's
   * shared pass collected them already (`useMarks`).
   */
  get marks(): Int32Array {
    return (this.markList ??= findMarks(this.codes));
  }

  /** Takes the marks found by another pass over `codes` with `MARK_TABLE` (the automaton's). */
  useMarks(marks: Int32Array): void {
    this.markList = marks;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /**
   * 0-based index of the line containing `offset`. Callers mostly ask in text order (findings
   * sorted by start), so the line of the last answer and the next one are tried before a
   * bisection (in a short CLI run this code is interpreted: 3 000 findings took 6 600 bisections).
   */
  lineIndexAt(offset: number): number {
    const s = this.lineStarts;
    const last = this.lastLine;
    if (s[last] <= offset) {
      if (last + 1 >= s.length || offset < s[last + 1]) return last;
      if (last + 2 >= s.length || offset < s[last + 2]) return (this.lastLine = last + 1);
    }
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const li = this.lineIndexAt(o);
    return { line: li + 1, column: o - this.lineStarts[li] + 1 };
  }

  offsetAt(pos: Position): number {
    const li = Math.max(0, Math.min(pos.line - 1, this.lineStarts.length - 1));
    const start = this.lineStarts[li];
    const end = this.lineEnd(li);
    return Math.min(start + Math.max(0, pos.column - 1), end);
  }

  /** Offset just past the last character of line `li` (0-based), excluding the line break. */
  lineEnd(li: number): number {
    if (li + 1 >= this.lineStarts.length) return this.text.length;
    let e = this.lineStarts[li + 1];
    if (this.text.charCodeAt(e - 1) === 10) e--;
    if (this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  /** Text of line `li` (0-based) without its line break. */
  lineText(li: number): string {
    return this.text.slice(this.lineStarts[li], this.lineEnd(li));
  }
}
