/**
 * Aho–Corasick automaton: finds every occurrence of many literal patterns in one pass over the
 * text, in time linear in the text plus the matches. Used for all literal rule patterns, regex
 * triggers and glossary terms at once.
 *
 * Layout (this runs on every character of every check, so it is all typed arrays):
 * - `alpha` maps a UTF-16 unit to its index in the patterns' alphabet (0: in no pattern). A unit
 *   outside the alphabet sends the automaton back to the root at once, which is most of Chinese
 *   prose for a few hundred patterns. Equivalent units (folded quotes) share an index.
 * - The root's transitions are a dense table by UTF-16 unit (`root`), so a character that starts
 *   nothing costs one load.
 * - Every other state: when states × alphabet is small (the built-in data: about 1 200 × 410),
 *   a full transition table (`delta`, fail links already followed), so a step is one load. A
 *   third of Chinese prose is read away from the root, because common characters (， 中 新) start
 *   or end some pattern. Past `DFA_MAX_CELLS` (a very large user glossary) the states keep their
 *   few edges in one flat array (CSR), searched linearly, and follow `fail` links as usual.
 * - `outStart`/`outList` hold, per state, the patterns ending there (including those reached
 *   through fail links). States with outputs are numbered last.
 * The text is read from its UTF-16 units (`TextDoc.codes`), not from the string.
 */

import { toCodes } from './text';

/** Largest full transition table, in cells (2 bytes each): 8 MB. */
export const DFA_MAX_CELLS = 4 * 2 ** 20;

/** A mark table that flags nothing. */
const NO_MARKS = new Uint8Array(65536);

function grow(a: Int32Array): Int32Array {
  const g = new Int32Array(Math.max(64, a.length * 2));
  g.set(a);
  return g;
}

/**
 * The hits of a scan, by end position, as parallel typed arrays: a check of a large text holds
 * tens of thousands, and an object each would be copied by every young-generation collection
 * while the check runs (the cost then grows faster than the text).
 */
export class Hits {
  count = 0;
  pattern: Int32Array;
  start: Int32Array;
  end: Int32Array;

  constructor(capacity = 64) {
    this.pattern = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  push(pattern: number, start: number, end: number): void {
    if (this.count === this.pattern.length) {
      this.pattern = grow(this.pattern);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    const k = this.count++;
    this.pattern[k] = pattern;
    this.start[k] = start;
    this.end[k] = end;
  }

  /** As objects (for tests and small texts). */
  toArray(): AcMatch[] {
    return Array.from({ length: this.count }, (_, k) => ({ pattern: this.pattern[k], start: this.start[k], end: this.end[k] }));
  }
}

export interface AcMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  private readonly alpha = new Uint16Array(65536);
  /** The root's transitions by UTF-16 unit: one load per character while nothing is matching. */
  private readonly root: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly lengths: Int32Array;
  /** States from this id on have outputs. */
  private readonly firstOut: number;
  /** Full transitions, `delta[state * width + alpha]`, when small enough; else undefined. */
  private readonly delta?: Uint16Array;
  private readonly width: number;

  /**
   * `fold`: units to read as others (quote folding: “ as "). Patterns are given folded already;
   * the text is scanned as written and folded through the alphabet table, at no cost per unit.
   * `maxTableCells`: above this size no full transition table is built (tests set 0 to run the
   * edge-list path).
   */
  constructor(patterns: readonly string[], fold?: (code: number) => number, maxTableCells = DFA_MAX_CELLS) {
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    // Alphabet: every unit used by a pattern gets an index from 1.
    let alphabetSize = 0;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (this.alpha[c] === 0) this.alpha[c] = ++alphabetSize;
      }
    }
    if (fold) {
      for (let c = 0; c < 65536; c++) {
        const f = fold(c);
        if (f !== c) this.alpha[c] = this.alpha[f];
      }
    }
    // Trie, built with maps, then flattened.
    const next: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    patterns.forEach((p, id) => {
      if (!p) return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const a = this.alpha[p.charCodeAt(i)];
        let t = next[s].get(a);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          out.push([]);
          next[s].set(a, t);
        }
        s = t;
      }
      out[s].push(id);
    });
    const n = next.length;
    // Fail links, breadth first; outputs inherited along them.
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (const t of next[0].values()) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [a, t] of next[s]) {
        queue.push(t);
        let f = fail[s];
        while (f !== 0 && !next[f].has(a)) f = fail[f];
        const g = next[f].get(a);
        fail[t] = g !== undefined && g !== t ? g : 0;
        if (out[fail[t]].length) out[t] = out[t].concat(out[fail[t]]);
      }
    }
    // Renumber: states with outputs last, so the scan tests `s >= firstOut` instead of loading
    // a table entry per character. The root (no output) stays 0.
    const order: number[] = [];
    for (let s = 0; s < n; s++) if (!out[s].length) order.push(s);
    this.firstOut = order.length;
    for (let s = 0; s < n; s++) if (out[s].length) order.push(s);
    const id = new Int32Array(n);
    order.forEach((old, k) => (id[old] = k));
    this.fail = new Int32Array(n);
    for (let s = 0; s < n; s++) this.fail[id[s]] = id[fail[s]];
    const rootNext = new Int32Array(alphabetSize + 1);
    for (const [a, t] of next[0]) rootNext[a] = id[t];
    this.root = new Int32Array(65536);
    for (let c = 0; c < 65536; c++) if (this.alpha[c] !== 0) this.root[c] = rootNext[this.alpha[c]];
    this.edgeStart = new Int32Array(n + 1);
    let edges = 0;
    for (let k = 0; k < n; k++) {
      this.edgeStart[k] = edges;
      if (k !== 0) edges += next[order[k]].size;
    }
    this.edgeStart[n] = edges;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTo = new Int32Array(edges);
    for (let k = 1; k < n; k++) {
      let e = this.edgeStart[k];
      for (const [a, t] of [...next[order[k]]].sort((x, y) => x[0] - y[0])) {
        this.edgeChar[e] = a;
        this.edgeTo[e++] = id[t];
      }
    }
    this.outStart = new Int32Array(n + 1);
    let outs = 0;
    for (let k = 0; k < n; k++) {
      this.outStart[k] = outs;
      outs += out[order[k]].length;
    }
    this.outStart[n] = outs;
    this.outList = new Int32Array(outs);
    for (let k = 0, j = 0; k < n; k++) for (const p of out[order[k]]) this.outList[j++] = p;
    this.width = alphabetSize + 1;
    if (n * this.width <= maxTableCells && n < 65536) this.delta = this.fullTable(queue.map((s) => id[s]), rootNext);
  }

  /**
   * The full transition table. `bfs`: the non-root states, breadth first, so a state's fail target
   * (shallower) has its row before the state copies it and overwrites its own edges.
   */
  private fullTable(bfs: number[], rootNext: Int32Array): Uint16Array {
    const { width: w, edgeStart, edgeChar, edgeTo, fail } = this;
    const delta = new Uint16Array(this.fail.length * w);
    delta.set(rootNext);
    for (const s of bfs) {
      const f = fail[s];
      delta.copyWithin(s * w, f * w, f * w + w);
      for (let e = edgeStart[s]; e < edgeStart[s + 1]; e++) delta[s * w + edgeChar[e]] = edgeTo[e];
    }
    return delta;
  }

  /** Every occurrence, in order of end position. */
  findAll(input: string | Uint16Array): AcMatch[] {
    return this.scan(typeof input === 'string' ? toCodes(input) : input).hits.toArray();
  }

  /**
   * Every occurrence, and, in the same pass, the offsets of the units that `markTable` flags
   * (the text model's marks: see `TextDoc.marks`), so the checker reads the text once for both.
   */
  scan(codes: Uint16Array, markTable: Uint8Array = NO_MARKS): { hits: Hits; marks: Int32Array } {
    const hits = new Hits(Math.max(64, codes.length >> 6));
    let marks: Int32Array = new Int32Array(markTable === NO_MARKS ? 0 : Math.max(64, codes.length >> 3));
    let nMarks = 0;
    const { root, firstOut, alpha, delta, width } = this;
    const { edgeStart, edgeChar, edgeTo, fail } = this;
    let s = 0;
    for (let i = 0, len = codes.length; i < len; i++) {
      const c = codes[i];
      if (markTable[c] !== 0) {
        if (nMarks === marks.length) marks = grow(marks);
        marks[nMarks++] = i;
      }
      if (s === 0) {
        s = root[c];
      } else if (delta) {
        s = delta[s * width + alpha[c]];
      } else {
        // Edge lists: follow fail links until a state has an edge for the unit, or the root.
        const a = alpha[c];
        if (a === 0) {
          s = 0;
          continue;
        }
        for (;;) {
          let t = -1;
          for (let e = edgeStart[s], end = edgeStart[s + 1]; e < end; e++) {
            if (edgeChar[e] === a) {
              t = edgeTo[e];
              break;
            }
          }
          if (t >= 0) {
            s = t;
            break;
          }
          s = fail[s];
          if (s === 0) {
            s = root[c];
            break;
          }
        }
      }
      if (s >= firstOut) this.emit(s, i, hits);
    }
    return { hits, marks: marks.subarray(0, nMarks) };
  }

  /** The patterns ending in state `s` at offset `i`. */
  private emit(s: number, i: number, out: Hits): void {
    const { outStart, outList, lengths } = this;
    for (let k = outStart[s], end = outStart[s + 1]; k < end; k++) {
      const id = outList[k];
      out.push(id, i + 1 - lengths[id], i + 1);
    }
  }
}
