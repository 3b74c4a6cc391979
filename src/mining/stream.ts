/**
 * The archive as one stream of token ids, and a suffix array over it sorted by the first DEPTH
 * tokens (LSD radix sort: DEPTH counting-sort passes, linear in the archive). Every n-gram up to
 * DEPTH tokens is then a contiguous interval of the array, so exact counts, neighbour
 * distributions and document spread of every n-gram come out of linear scans — no pairwise
 * comparison and no per-candidate hash map while reading. Memory: about 21 bytes per token
 * (the stream, its paragraph index, the array, a scratch array, the keys and the LCP bytes).
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

export class TokenStream {
  /** id → token text; id 0 is the paragraph boundary. */
  readonly words: string[] = [''];
  private readonly ids = new Map<string, number>([['', BOUNDARY]]);
  readonly tokens = new IntList(1 << 16);
  /** Paragraph index of each token (the boundary before a paragraph belongs to it). */
  readonly para = new IntList(1 << 16);
  /** Per paragraph: document index and 1-based line. */
  readonly paraDoc = new IntList();
  readonly paraLine = new IntList();

  constructor() {
    this.tokens.push(BOUNDARY);
    this.para.push(0);
    this.paraDoc.push(-1);
    this.paraLine.push(0);
  }

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  lookup(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Append one paragraph (its tokens, already segmented) and the boundary after it. */
  addParagraph(doc: number, line: number, words: readonly string[]): void {
    const p = this.paraDoc.length;
    this.paraDoc.push(doc);
    this.paraLine.push(line);
    for (const w of words) {
      this.tokens.push(this.id(w));
      this.para.push(p);
    }
    this.tokens.push(BOUNDARY);
    this.para.push(p);
  }

  get size(): number {
    return this.tokens.length;
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
export function suffixIndex(s: Int32Array, vocabulary: number, depth: number): SuffixIndex {
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
  const lcp = new Uint8Array(n);
  for (let r = 1; r < n; r++) {
    const a = sa[r - 1];
    const b = sa[r];
    let l = 0;
    while (l < depth && (a + l < n ? s[a + l] : BOUNDARY) === (b + l < n ? s[b + l] : BOUNDARY)) l++;
    lcp[r] = l;
  }
  return { sa, lcp, depth };
}

/**
 * Calls `visit(start, end)` for every interval of ranks sharing their first `n` tokens (every
 * distinct n-gram, by its occurrences), in rank order.
 */
export function forEachInterval(idx: SuffixIndex, n: number, visit: (start: number, end: number) => void): void {
  const len = idx.sa.length;
  let start = 0;
  for (let r = 1; r <= len; r++) {
    if (r === len || idx.lcp[r] < n) {
      visit(start, r);
      start = r;
    }
  }
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
