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
 * - Every other state keeps its few edges in one flat array (CSR), searched linearly, and follows
 *   `fail` links. A third of Chinese prose is read away from the root, because common characters
 *   (， 中 新) start or end some pattern.
 * - One packed word per UTF-16 unit (`unit`) holds all a scan needs of it: the root transition
 *   (bits 0–15), the alphabet index (16–30) and whether the unit is a mark (bit 31, see `scan`):
 *   one load per character instead of three (when states < 65 536 and alphabet < 32 768).
 * - The scan itself: by default a small WebAssembly function over these tables
 *   (src/core/ac-wasm.ts): a short command-line run would otherwise read every character in
 *   V8's interpreter, about ten times slower. Without WebAssembly (`node --jitless`) the scan is
 *   JavaScript over a full transition table (`delta`, fail links already followed, so a step is
 *   one load), built on first use when states × alphabet is small (the built-in data: about
 *   3 200 × 770), else over the edge lists.
 * - `outStart`/`outList` hold, per state, the patterns ending there (including those reached
 *   through fail links). States with outputs are numbered last.
 * The text is read from its UTF-16 units (`TextDoc.codes`), not from the string.
 */

import { WASM_AVAILABLE, WasmScanner, type ScanTables, type WasmScanResult } from './ac-wasm';
import { growInt32 as grow, toCodes } from './text';

/** Largest full transition table, in cells (2 bytes each): 8 MB. */
const DFA_MAX_CELLS = 4 * 2 ** 20;

/** A mark table that flags nothing. */
const NO_MARKS = new Uint8Array(65536);

/**
 * The hits of a scan, by end position, as parallel typed arrays: a check of a large text holds
 * tens of thousands, and an object each would be copied by every young-generation collection
 * while the check runs (the cost then grows faster than the text).
 */
export class Hits {
  constructor(
    readonly count: number,
    readonly pattern: Int32Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
  ) {}

  /** As objects (for tests and small texts). */
  toArray(): AcMatch[] {
    return Array.from({ length: this.count }, (_, k) => ({ pattern: this.pattern[k], start: this.start[k], end: this.end[k] }));
  }
}

/**
 * Growable buffers a scan writes into. A check gives the scan the ones it keeps between checks
 * (src/core/check-buffers.ts): a fresh typed array of a few hundred kilobytes per check costs more
 * than the scan itself (it is zeroed and its pages faulted in). The results a scan returns are
 * views of these buffers, valid until they are written again.
 */
export class ScanBuffers {
  marks: Int32Array = new Int32Array(1024);
  pattern: Int32Array = new Int32Array(256);
  start: Int32Array = new Int32Array(256);
  end: Int32Array = new Int32Array(256);
  nMarks = 0;
  nHits = 0;

  mark(i: number): void {
    if (this.nMarks === this.marks.length) this.marks = grow(this.marks);
    this.marks[this.nMarks++] = i;
  }

  hit(pattern: number, start: number, end: number): void {
    if (this.nHits === this.pattern.length) {
      this.pattern = grow(this.pattern);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    const k = this.nHits++;
    this.pattern[k] = pattern;
    this.start[k] = start;
    this.end[k] = end;
  }

  /** How many units the buffers hold (hits and marks), to decide whether to keep them. */
  get size(): number {
    return this.pattern.length * 3 + this.marks.length;
  }

  /** Takes a WebAssembly scan's results (copied: those are views of the scanner's memory). */
  take(r: WasmScanResult): void {
    const n = r.pattern.length;
    if (this.pattern.length < n) {
      this.pattern = new Int32Array(n);
      this.start = new Int32Array(n);
      this.end = new Int32Array(n);
    }
    if (this.marks.length < r.marks.length) this.marks = new Int32Array(r.marks.length);
    this.pattern.set(r.pattern);
    this.start.set(r.start);
    this.end.set(r.end);
    this.marks.set(r.marks);
    this.nHits = n;
    this.nMarks = r.marks.length;
  }

  /** The results written since the last `results`, as views of the buffers. */
  results(): { hits: Hits; marks: Int32Array } {
    const n = this.nHits;
    const hits = new Hits(n, this.pattern.subarray(0, n), this.start.subarray(0, n), this.end.subarray(0, n));
    const marks = this.marks.subarray(0, this.nMarks);
    this.nMarks = this.nHits = 0;
    return { hits, marks };
  }
}

export interface AcMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

/**
 * An automaton's tables, to store a built one and load it without building it again (the
 * precompiled built-in data, src/core/precompiled.ts).
 */
export interface AcTables extends Omit<ScanTables, 'unit'> {
  alpha: Uint16Array;
  root: Int32Array;
  rootNext: Int32Array;
  /** Made with the same mark table (MARK_TABLE is a constant of the code); absent past 65 535 states. */
  unit?: Int32Array;
  width: number;
}

/** How `AhoCorasick.scan` runs: see the comment at the top. */
export type ScanEngine = 'wasm' | 'table' | 'edges';

export class AhoCorasick {
  private readonly alpha: Uint16Array;
  /** The root's transitions by alphabet index (kept to store the tables). */
  private readonly rootNext: Int32Array;
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
  /** Full transitions, `delta[state * width + alpha]`, made by the first JavaScript scan when small enough. */
  private delta?: Uint16Array;
  private readonly width: number;
  /** Per unit: root transition | alphabet index << 16 | mark << 31 (undefined past 65 535 states). */
  private readonly unit?: Int32Array;
  /** The units `scan` reports the offsets of (none unless given). */
  private readonly markTable: Uint8Array;
  private readonly maxTableCells: number;
  private readonly engine: ScanEngine;
  /** The WebAssembly scan, made on first use. */
  private wasm?: WasmScanner;

  /**
   * `fold`: units to read as others (quote folding: “ as "). Patterns are given folded already;
   * the text is scanned as written and folded through the alphabet table, at no cost per unit.
   * `marks`: units whose offsets `scan` also collects, in the same pass (the text model's marks).
   * `maxTableCells`: above this size the JavaScript scan builds no full transition table.
   * `engine`: which scan runs (tests compare them); by default WebAssembly where it can.
   */
  constructor(
    patterns: readonly string[],
    fold?: (code: number) => number,
    opts: { marks?: Uint8Array; maxTableCells?: number; tables?: AcTables; engine?: ScanEngine } = {},
  ) {
    this.maxTableCells = opts.maxTableCells ?? DFA_MAX_CELLS;
    this.markTable = opts.marks ?? NO_MARKS;
    const t = opts.tables;
    if (t) {
      // Stored tables (`tables()` of an automaton built from the same patterns and fold).
      if (t.lengths.length !== patterns.length) throw new RangeError('automaton tables of other patterns');
      this.alpha = t.alpha;
      this.rootNext = t.rootNext;
      this.edgeStart = t.edgeStart;
      this.edgeChar = t.edgeChar;
      this.edgeTo = t.edgeTo;
      this.fail = t.fail;
      this.outStart = t.outStart;
      this.outList = t.outList;
      this.lengths = t.lengths;
      this.firstOut = t.firstOut;
      this.width = t.width;
      this.root = t.root;
      this.unit = t.unit;
      this.engine = this.pickEngine(opts.engine);
      return;
    }
    this.alpha = new Uint16Array(65536);
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
    this.rootNext = rootNext;
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
    if (n < 65536 && this.width < 32768) {
      this.unit = new Int32Array(65536);
      for (let c = 0; c < 65536; c++) this.unit[c] = this.root[c] | (this.alpha[c] << 16) | (this.markTable[c] << 31);
    }
    this.engine = this.pickEngine(opts.engine);
  }

  private pickEngine(wanted?: ScanEngine): ScanEngine {
    const table = this.unit !== undefined && this.fail.length * this.width <= this.maxTableCells;
    if (wanted === 'wasm' && !(WASM_AVAILABLE && this.unit)) throw new Error('no WebAssembly scan for this automaton');
    if (wanted === 'table' && !table) throw new Error('no full transition table for this automaton');
    return wanted ?? (WASM_AVAILABLE && this.unit ? 'wasm' : table ? 'table' : 'edges');
  }

  /**
   * The tables, to store (see `AcTables`); they are this automaton's own arrays, not copies. The
   * full transition table is not among them (it is made again from the edges if ever needed).
   */
  tables(): AcTables {
    const { alpha, root, rootNext, edgeStart, edgeChar, edgeTo, fail, outStart, outList, lengths, unit, firstOut, width } = this;
    return { alpha, root, rootNext, edgeStart, edgeChar, edgeTo, fail, outStart, outList, lengths, unit, firstOut, width };
  }

  /**
   * The full transition table, from the edges: breadth first, so a state's fail target
   * (shallower) has its row before the state copies it and overwrites its own edges.
   */
  private fullTable(): Uint16Array {
    const { width: w, edgeStart, edgeChar, edgeTo, fail, rootNext } = this;
    const bfs: number[] = [];
    for (let a = 0; a < rootNext.length; a++) if (rootNext[a] !== 0) bfs.push(rootNext[a]);
    for (let q = 0; q < bfs.length; q++) for (let e = edgeStart[bfs[q]]; e < edgeStart[bfs[q] + 1]; e++) bfs.push(edgeTo[e]);
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
   * Every occurrence, and, in the same pass, the offsets of the units given as `marks` to the
   * constructor (the text model's marks: see `TextDoc.marks`), so the checker reads the text once
   * for both. Written into `into` (the check's kept buffers) when given, else into buffers of this
   * call's own; the results are views of them.
   */
  scan(codes: Uint16Array, into: ScanBuffers = new ScanBuffers()): { hits: Hits; marks: Int32Array } {
    into.nHits = into.nMarks = 0;
    if (this.engine === 'wasm') into.take((this.wasm ??= new WasmScanner({ ...this.tables(), unit: this.unit! })).scan(codes));
    else if (this.engine === 'table') this.scanTable(codes, this.unit!, (this.delta ??= this.fullTable()), into);
    else this.scanEdges(codes, into);
    return into.results();
  }

  private scanTable(codes: Uint16Array, unit: Int32Array, delta: Uint16Array, out: ScanBuffers): void {
    const { firstOut, width } = this;
    let s = 0;
    for (let i = 0, len = codes.length; i < len; i++) {
      const u = unit[codes[i]];
      if (u < 0) out.mark(i);
      s = s === 0 ? u & 0xffff : delta[s * width + ((u >>> 16) & 0x7fff)];
      if (s >= firstOut) this.emit(s, i, out);
    }
  }

  /** The same with edge lists and fail links (no full table: a very large pattern set). */
  private scanEdges(codes: Uint16Array, out: ScanBuffers): void {
    const { markTable, root, firstOut, alpha, edgeStart, edgeChar, edgeTo, fail } = this;
    let s = 0;
    for (let i = 0, len = codes.length; i < len; i++) {
      const c = codes[i];
      if (markTable[c] !== 0) out.mark(i);
      if (s === 0) {
        s = root[c];
      } else {
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
      if (s >= firstOut) this.emit(s, i, out);
    }
  }

  /** The patterns ending in state `s` at offset `i`. */
  private emit(s: number, i: number, out: ScanBuffers): void {
    const { outStart, outList, lengths } = this;
    for (let k = outStart[s], end = outStart[s + 1]; k < end; k++) {
      const id = outList[k];
      out.hit(id, i + 1 - lengths[id], i + 1);
    }
  }
}
