/**
 * A chunk of the archive as token ids, and a suffix array over it sorted by the first DEPTH
 * tokens (LSD radix sort: DEPTH counting-sort passes, linear in the chunk). Every n-gram up to
 * DEPTH tokens is then a contiguous interval of the array; windows.ts merges the chunks' arrays
 * into one order. Memory while sorting: 12 bytes per token of the chunk (the array, a scratch
 * array, the keys), 13 with the LCP bytes.
 */

/** Token id of a paragraph boundary; the stream starts with it and every paragraph ends with it. */
export const BOUNDARY = 0;

/** A growable Int32Array. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export interface SuffixIndex {
  /** Positions sorted by their first `depth` tokens (ties in position order). */
  sa: Int32Array;
  /** lcp[r]: tokens shared by the suffixes at ranks r-1 and r, capped at `depth` (lcp[0] = 0). */
  lcp: Uint8Array;
  depth: number;
}

/** Sort all positions of `s` by their first `depth` tokens (past the end reads as BOUNDARY). */
export function suffixIndex(s: Int32Array, vocabulary: number, depth: number, withLcp = true): SuffixIndex {
  const n = s.length;
  let sa = new Int32Array(n);
  let tmp = new Int32Array(n);
  for (let i = 0; i < n; i++) sa[i] = i;
  const count = new Int32Array(vocabulary + 1);
  const key = new Int32Array(n);
  for (let k = depth - 1; k >= 0; k--) {
    // one random read per position (the key at offset k), then counting and scattering read `key` in order
    count.fill(0);
    for (let r = 0; r < n; r++) {
      const i = sa[r] + k;
      const v = i < n ? s[i] : BOUNDARY;
      key[r] = v;
      count[v]++;
    }
    let sum = 0;
    for (let v = 0; v <= vocabulary; v++) {
      const c = count[v];
      count[v] = sum;
      sum += c;
    }
    for (let r = 0; r < n; r++) tmp[count[key[r]]++] = sa[r];
    const t = sa;
    sa = tmp;
    tmp = t;
  }
  const lcp = new Uint8Array(withLcp ? n : 0);
  for (let r = 1; withLcp && r < n; r++) {
    const a = sa[r - 1];
    const b = sa[r];
    let l = 0;
    while (l < depth && (a + l < n ? s[a + l] : BOUNDARY) === (b + l < n ? s[b + l] : BOUNDARY)) l++;
    lcp[r] = l;
  }
  return { sa, lcp, depth };
}

/**
 * Edges of a trie over UTF-16 units, (state, unit) → state, in an open-addressing table of typed
 * arrays: no Map with keys too large for small integers (a heap number per lookup).
 */
export class EdgeTable {
  private mask: number;
  private from: Int32Array;
  private unit: Uint16Array;
  private to: Int32Array;
  private used = 0;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.mask = size - 1;
    this.from = new Int32Array(size);
    this.unit = new Uint16Array(size);
    this.to = new Int32Array(size).fill(-1);
  }

  private slot(state: number, unit: number): number {
    let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit + 1, 0x85ebca6b)) & this.mask;
    while (this.to[h] !== -1 && (this.from[h] !== state || this.unit[h] !== unit)) h = (h + 1) & this.mask;
    return h;
  }

  get(state: number, unit: number): number {
    return this.to[this.slot(state, unit)];
  }

  set(state: number, unit: number, next: number): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    const h = this.slot(state, unit);
    if (this.to[h] === -1) this.used++;
    this.from[h] = state;
    this.unit[h] = unit;
    this.to[h] = next;
  }

  private grow(): void {
    const { from, unit, to } = this;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.from = new Int32Array(size);
    this.unit = new Uint16Array(size);
    this.to = new Int32Array(size).fill(-1);
    this.used = 0;
    for (let h = 0; h < to.length; h++) if (to[h] !== -1) this.set(from[h], unit[h], to[h]);
  }
}
