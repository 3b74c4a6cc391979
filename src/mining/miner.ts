/**
 * The corpus miner: feed it documents one at a time (streaming), then `finish()` gives Patterns.
 * The token stream is not kept whole: it is sorted chunk by chunk into runs of windows (windows.ts,
 * spilled to a temp dir past a token budget) and read back merged in one pass at the end, so the
 * memory it takes is bounded by the budget, not by the archive; the result does not depend on the
 * budget. Structure candidate maps are bounded: when one grows past its limit, its rarest entries
 * are pruned.
 */
import type { SerializedModel } from '../core/completion/ngram';
import type { Patterns, Example, Phrase, Collocation, Parallel, Enumeration, Concept, SectionTemplate, Counted } from '../core/patterns';
import { cleanDocument, type Line } from './clean';
export type { Line } from './clean';
import { loadSegmenter } from './segment';
import * as S from './structure';
import { ModelBuilder, MODEL_ORDER } from './model';
import { BOUNDARY, EdgeTable, IntList, suffixIndex } from './stream';
import { ChunkRun, MergedRecords, SpilledRuns, WINDOW } from './windows';

/** Tokens a phrase may not start with. */
const FUNC_START = new Set(
  '的 了 和 与 及 等 在 是 对 把 将 被 为 以 从 向 于 也 都 就 而 并 或 之 其 这 那 要 着 过 中 上 下 里 个 不 有 让 给 同 跟 由 因 所 地 得 很 更 最 又 还 及其 以及 或者 并且 而且 但是 但 如果 虽然 因为 所以 我们 他们 大家 一些 一个 这个 这些 那些 其中 之一 什么 怎么 来 去 说 到 能 会 可 该 应 已 已经 正在 才 却 则 即 既 如 像 使 令 当 着力 就是 也是 都是 还是 有的 一是 二是 三是 四是 五是 一要 二要 三要 四要 五要 自己 各 每 本 此 该 之所以 所 好 字 作为'.split(' '),
);
/** Tokens a phrase may not end with. */
const FUNC_END = new Set(
  '的 了 和 与 及 等 在 是 对 把 将 被 为 以 从 向 于 也 都 就 而 并 或 之 其 这 那 要 着 过 个 不 有 让 给 同 跟 由 因 所 地 得 很 更 最 又 还 及其 以及 或者 并且 而且 但是 但 如果 虽然 因为 所以 一些 一个 这个 这些 那些 其中 来 去 说 到 能 会 可 该 应 已 已经 正在 才 却 则 即 既 如 像 使 令 当 就是 也是 都是 还是 各 每 本 此 好 中 方面 进一步 不断 切实 坚持 加强 推动 深入 全面 新 上 下 提供 重要 重大 我们 他们 大家 作为 轻 关于 对于 围绕 通过 按照 根据 随着 为了 面对 在中央 指出 强调'.split(' '),
);
const HAN = /^[\u3400-\u9fff]+$/;
const CLAUSE = /[，。、；：！？,.;:!?（）()《》〈〉【】\[\]“”‘’"'\s—…·|/\\]+/;
/** Longest phrase candidate in tokens and characters. */
const MAX_PHRASE_TOKENS = 6;
const MAX_PHRASE_CHARS = 16;
/** Token flags. */
const EDGE = 1;
const HAN_TOKEN = 2;
const BAD_START = 4;
const BAD_END = 8;
if (MAX_PHRASE_TOKENS + 1 > WINDOW || MODEL_ORDER > WINDOW) throw new Error('windows too short for the phrases or the model');

/** Flags of a token by its text (not the paragraph boundary). */
function flagOf(w: string): number {
  let v = 0;
  if (w === ' ' || CLAUSE.test(w)) v |= EDGE;
  else if (HAN.test(w)) v |= HAN_TOKEN;
  if (FUNC_START.has(w)) v |= BAD_START;
  if (FUNC_END.has(w)) v |= BAD_END;
  return v;
}

export interface MinerOptions {
  minCount?: number;
  /** Extra words for the segmenter's user dictionary (glossary terms). */
  userWords?: string[];
  /** Size limit of each candidate map before pruning. */
  maxCandidates?: number;
  /** Documents come segmented (addSegmented): no segmenter is loaded here. */
  segmented?: boolean;
  /** Tokens sorted in memory at once (default CHUNK_TOKENS); past it, sorted runs go to a temp dir. */
  chunkTokens?: number;
  /** Where the temp dir of the runs is made (default: the OS temp dir). */
  tempDir?: string;
  /** Runs merged at once while reading (default 64; tests use fewer). */
  fanIn?: number;
}

interface Entry extends Counted {
  lastDoc: number;
}
/** A phrase candidate: an n-gram of the stream with its neighbour statistics. */
interface PhraseCandidate {
  key: string;
  n: number;
  count: number;
  docs: number;
  examples: Example[];
  /** Entropy of the left / right neighbours (function words and clause edges count as distinct). */
  hl: number;
  hr: number;
}

interface AcceptedPhrase {
  /** Tokens joined by spaces. */
  key: string;
  /** The phrase as written. */
  text: string;
  e: PhraseCandidate;
  score: number;
}

interface CollocationCandidate {
  head: string;
  next: string;
  count: number;
  docs: number;
  /** Paragraphs of the first two occurrences on distinct lines (Infinity: none). */
  first: number;
  second: number;
  lastDoc: number;
}

/** Entropy of a neighbour distribution given Σc, Σc·ln c over the distinct neighbours and the open count. */
function entropyOf(sum: number, sumClogC: number, open: number): number {
  const total = sum + open;
  if (!total) return 0;
  const lt = Math.log(total);
  return (open / total) * lt + (sum / total) * lt - sumClogC / total;
}

function bump<E extends Entry>(map: Map<string, E>, key: string, doc: number, ex: Example, make: () => E): E {
  let e = map.get(key);
  if (!e) {
    e = make();
    map.set(key, e);
  }
  e.count++;
  if (e.lastDoc !== doc) {
    e.docs++;
    e.lastDoc = doc;
  }
  if (e.examples.length < 2 && !e.examples.some((x) => x.doc === ex.doc && x.line === ex.line)) e.examples.push(ex);
  return e;
}

function prune<E extends Entry>(map: Map<string, E>, limit: number): void {
  if (map.size <= limit) return;
  let floor = 1;
  while (map.size > limit / 2) {
    for (const [k, e] of map) if (e.count <= floor) map.delete(k);
    floor++;
  }
}

function counted(e: Entry): Counted {
  return { count: e.count, docs: e.docs, examples: e.examples.map((x) => ({ doc: x.doc, line: x.line })) };
}

export function byCount<T extends Counted>(key: (t: T) => string) {
  return (a: T, b: T): number => b.count - a.count || b.docs - a.docs || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/**
 * Calls `found(pattern, i)` for every pattern that occurs inside texts[i] (a proper part of it
 * unless `includeWhole`). The patterns go into a trie (an open-addressing table of edges); each text
 * is walked from each of its positions while the trie has an edge, so the cost is the texts'
 * length times the depth actually walked (a phrase is ≤ 16 characters) — never a comparison of
 * every pair of phrases.
 */
function forEachContained(texts: readonly string[], patterns: readonly string[], found: (pattern: string, i: number) => void, includeWhole = false): void {
  if (!texts.length || !patterns.length) return;
  let units = 0;
  for (const p of patterns) units += p.length;
  const edges = new EdgeTable(units);
  const terminal: number[] = [-1];
  patterns.forEach((p, idx) => {
    let state = 0;
    for (let k = 0; k < p.length; k++) {
      let nx = edges.get(state, p.charCodeAt(k));
      if (nx === -1) {
        nx = terminal.length;
        terminal.push(-1);
        edges.set(state, p.charCodeAt(k), nx);
      }
      state = nx;
    }
    terminal[state] = idx;
  });
  texts.forEach((t, i) => {
    for (let a = 0; a < t.length; a++) {
      let state = 0;
      for (let k = a; k < t.length; k++) {
        const nx = edges.get(state, t.charCodeAt(k));
        if (nx === -1) break;
        state = nx;
        const idx = terminal[state];
        if (idx >= 0 && (includeWhole || a > 0 || k < t.length - 1)) found(patterns[idx], i);
      }
    }
  });
}

/** For each text that occurs inside a longer one, the largest count among the longer ones containing it. */
export function maxCountOfContaining(items: readonly { text: string; count: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  const texts = items.map((x) => x.text);
  forEachContained(texts, [...new Set(texts)], (s, i) => {
    if ((out.get(s) ?? 0) < items[i].count) out.set(s, items[i].count);
  });
  return out;
}

/** Tokens sorted in memory at once by default (~32 bytes each while sorting: ~64 MB). */
export const CHUNK_TOKENS = 2_000_000;

/** Per-level state of the one pass over the sorted windows (levels 1..WINDOW: n-gram lengths). */
interface PassState {
  count: Float64Array;
  /** The open n-gram is a phrase candidate / a collocation (head → next) candidate. */
  cand: Uint8Array;
  coll: Uint8Array;
  han: Uint8Array;
  chars: Int32Array;
  rSum: Float64Array;
  rLog: Float64Array;
  rOpen: Float64Array;
  lOpen: Float64Array;
  leftCount: Int32Array[];
  touched: IntList[];
  docs: Int32Array;
  docStamp: Int32Array[];
  stamp: Int32Array;
  first: Float64Array;
  second: Float64Array;
}

export class Miner {
  private doc = -1;
  private chars = 0;
  private readonly minCount: number;
  private readonly limit: number;
  private readonly chunkTokens: number;
  private readonly jieba;
  /** id → token text; id 0 is the paragraph boundary. */
  private readonly words: string[] = [''];
  private readonly ids = new Map<string, number>([['', BOUNDARY]]);
  /** Occurrences of each token id in the whole stream. */
  private occ = new Int32Array(1024);
  /** Tokens of the whole stream. */
  private total = 0;
  /** Per paragraph: document index and 1-based line (paragraph 0: the boundary opening the stream). */
  private readonly paraDoc = new IntList();
  private readonly paraLine = new IntList();
  /**
   * The chunk being read: its tokens and the paragraph of each. A chunk after the first starts
   * with the boundary that ends the previous one (its left context, not its own).
   */
  private chunk = new IntList(1 << 16);
  private chunkPara = new IntList(1 << 16);
  private chunkFrom = 0;
  /** Where the chunk ends once the next one has given it WINDOW - 1 tokens to read into (-1: not yet full). */
  private cut = -1;
  private readonly runs: SpilledRuns;
  private readonly docNames: string[] = [];
  /** Quoted terms after a head: head\t“term” → candidate (read while reading; see noteQuotedTerms). */
  private readonly quotedPairs = new Map<string, CollocationCandidate>();
  private readonly quotedHeads = new Map<string, number>();
  private readonly parallels = new Map<string, Entry & { template: string; separator: string; items: string[] }>();
  private readonly enums = new Map<string, Entry & { family: string; length: number }>();
  private readonly concepts = new Map<string, Entry & { expansion: string[] }>();
  private readonly sections = new Map<string, Entry & { instances: string[] }>();
  private readonly openings = new Map<string, Entry>();
  private readonly closings = new Map<string, Entry>();

  constructor(opts: MinerOptions = {}) {
    this.minCount = opts.minCount ?? 2;
    this.limit = opts.maxCandidates ?? 400_000;
    this.chunkTokens = Math.max(WINDOW, opts.chunkTokens ?? CHUNK_TOKENS);
    this.runs = new SpilledRuns(opts.tempDir, Math.max(2, opts.fanIn ?? 64));
    // segmented elsewhere (a worker thread: see run.ts) the miner needs no segmenter of its own
    this.jieba = opts.segmented ? undefined : loadSegmenter(opts.userWords ?? []);
    this.paraDoc.push(-1);
    this.paraLine.push(0);
    this.push(BOUNDARY, 0);
  }

  /** Sorted runs written to the temp dir so far, and their bytes. */
  get spilled(): { runs: number; bytes: number; dir: string | undefined } {
    return { runs: this.runs.count, bytes: this.runs.bytes, dir: this.runs.directory };
  }

  /** Removes the temporary runs (also done by finish()); safe to call more than once. */
  dispose(): void {
    this.runs.dispose();
  }

  /** Add one document's text; `rel` is its path relative to the mined root. */
  addDocument(rel: string, text: string, opts: { markdown?: boolean } = {}): void {
    const lines = cleanDocument(text, opts);
    if (!this.jieba) throw new Error('this miner takes segmented documents (addSegmented)');
    const jieba = this.jieba;
    this.addSegmented(
      rel,
      lines,
      lines.map((l) => jieba.cut(l.text, true)),
    );
  }

  /** Add one document already cleaned (cleanDocument) and segmented, line by line. */
  addSegmented(rel: string, lines: Line[], tokens: string[][]): void {
    this.doc++;
    this.docNames.push(rel);
    lines.forEach((l, i) => {
      this.chars += l.text.length;
      this.mineLine(l, tokens[i]);
    });
    this.mineStructure(rel, lines);
    // a chunk ends between documents, once it holds its share of tokens; it is written once the
    // next document has given its windows tokens to read into
    if (this.cut >= 0 && this.chunk.length - this.cut >= WINDOW - 1) this.spillChunk();
    if (this.cut < 0 && this.chunk.length - this.chunkFrom >= this.chunkTokens) this.cut = this.chunk.length;
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
      if (id >= this.occ.length) {
        const o = new Int32Array(this.occ.length * 2);
        o.set(this.occ);
        this.occ = o;
      }
    }
    return id;
  }

  private push(id: number, para: number): void {
    this.chunk.push(id);
    this.chunkPara.push(para);
    this.occ[id]++;
    this.total++;
  }

  private mineLine(l: Line, words: string[]): void {
    // The stream keeps every token (punctuation too: it marks clause edges and the model reads it);
    // whitespace becomes one space token. Each paragraph ends with a boundary.
    const kept: string[] = [];
    for (const raw of words) {
      const w = raw.trim();
      kept.push(w || ' ');
    }
    const p = this.paraDoc.length;
    this.paraDoc.push(this.doc);
    this.paraLine.push(l.line);
    for (const w of kept) this.push(this.id(w), p);
    this.push(BOUNDARY, p);
    this.noteQuotedTerms(kept, p);
  }

  /**
   * Quoted terms (“两个维护”) right after a head of one or two content tokens: counted while
   * reading (collocations head → “term”, read at the end together with the plain ones).
   */
  private noteQuotedTerms(words: string[], para: number): void {
    for (let j = 1; j < words.length; j++) {
      if (words[j] !== '“') continue;
      let k = j + 1;
      let inner = '';
      while (k < words.length && words[k] !== '”' && inner.length <= 10) inner += words[k++];
      if (k < words.length && words[k] === '”' && inner.length >= 2 && HAN.test(inner)) {
        const term = `“${inner}”`;
        for (let h = 1; h <= 2; h++) {
          if (j - h < 0) continue;
          const parts = words.slice(j - h, j);
          if (!parts.every((w) => flagOf(w) & HAN_TOKEN) || flagOf(parts[0]) & BAD_START || flagOf(parts[h - 1]) & BAD_END) continue;
          const head = parts.join('');
          if (head.length < 2) continue;
          this.quotedHeads.set(head, (this.quotedHeads.get(head) ?? 0) + 1);
          const key = `${head}\t${term}`;
          const c = this.quotedPairs.get(key);
          if (!c) this.quotedPairs.set(key, { head, next: term, count: 1, docs: 1, first: para, second: Infinity, lastDoc: this.doc });
          else {
            c.count++;
            if (c.lastDoc !== this.doc) c.docs++;
            c.lastDoc = this.doc;
            if (c.second === Infinity && para !== c.first) c.second = para;
          }
        }
      }
    }
  }

  private mineStructure(rel: string, lines: Line[]): void {
    const d = this.doc;
    for (const l of lines) {
      const ex = { doc: rel, line: l.line };
      for (const s of S.splitSentences(l.text)) {
        for (const p of S.findParallels(s)) {
          const e = bump(this.parallels, `${p.template}\t${p.separator}`, d, ex, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1, template: p.template, separator: p.separator, items: [] }));
          for (const it of p.items) if (e.items.length < 12 && !e.items.includes(it)) e.items.push(it);
        }
        for (const c of S.findConcepts(s)) {
          const e = bump(this.concepts, c.text, d, ex, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1, expansion: [] }));
          if (!e.expansion.length && c.expansion.length) e.expansion = c.expansion;
        }
      }
    }
    for (const en of S.findEnumerations(lines)) {
      bump(this.enums, `${en.family}\t${en.length}`, d, { doc: rel, line: en.line }, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1, family: en.family, length: en.length }));
    }
    for (const t of S.findSectionTemplates(S.headingCandidates(lines))) {
      const e = bump(this.sections, t.template, d, { doc: rel, line: t.instances[0].line }, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1, instances: [] }));
      e.count += t.instances.length - 1;
      for (const x of t.instances) if (e.instances.length < 12 && !e.instances.includes(x.text)) e.instances.push(x.text);
    }
    for (const o of S.findOpenings(lines)) bump(this.openings, o.text, d, { doc: rel, line: o.line }, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1 }));
    for (const c of S.findClosings(lines)) bump(this.closings, c.text, d, { doc: rel, line: c.line }, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1 }));
    if (this.parallels.size > this.limit) prune(this.parallels, this.limit);
    if (this.sections.size > this.limit) prune(this.sections, this.limit);
  }

  /**
   * The full chunk (up to `cut`, with the WINDOW - 1 tokens after it to read into) sorted and
   * written as a run; the chunk then starts again from the boundary before `cut`.
   */
  private spillChunk(): void {
    const cut = this.cut;
    const a = this.chunk.view().subarray(0, cut + WINDOW - 1);
    const idx = suffixIndex(a, this.words.length, WINDOW, false);
    this.runs.write(new ChunkRun(a, idx, this.chunkPara.view(), this.chunkFrom, cut));
    const rest = this.chunk.length - (cut - 1);
    this.chunk.data.copyWithin(0, cut - 1, this.chunk.length);
    this.chunkPara.data.copyWithin(0, cut - 1, this.chunkPara.length);
    this.chunk.length = rest;
    this.chunkPara.length = rest;
    // the chunk's arrays shrink back to what the next chunk needs
    if (this.chunk.data.length > 2 * this.chunkTokens + (1 << 16)) {
      this.chunk = shrunk(this.chunk);
      this.chunkPara = shrunk(this.chunkPara);
    }
    this.chunkFrom = 1;
    this.cut = -1;
  }

  /** Per token id: is it a clause edge (punctuation, space, paragraph boundary), Han, a bad start or end. */
  private tokenFlags(): Uint8Array {
    const words = this.words;
    const f = new Uint8Array(words.length);
    for (let id = 0; id < words.length; id++) f[id] = id === BOUNDARY ? EDGE : flagOf(words[id]);
    return f;
  }

  /**
   * One pass over the sorted windows: every n-gram (n ≤ WINDOW) is a run of consecutive records,
   * closed (longest first) when the next record shares fewer than n tokens with it. Read off it:
   * - phrases: every n-gram (n ≤ 6) of Han tokens inside a clause, not starting or ending with a
   *   function word, 3–16 characters (a single token: ≥ 4), seen at least minCount times, whose
   *   parts cohere (pointwise mutual information) and whose neighbours on both sides vary
   *   (boundary entropy: the right ones are the (n+1)-grams closed inside it, the left ones are
   *   counted record by record);
   * - collocation candidates: head (1–2 content tokens) → the content token of ≥ 2 characters
   *   that follows directly;
   * - the continuation model (model.ts).
   */
  private pass(records: MergedRecords, flags: Uint8Array): { accepted: AcceptedPhrase[]; cands: CollocationCandidate[]; heads: Map<string, number>; model: SerializedModel } {
    const words = this.words;
    const V = words.length;
    const W = WINDOW;
    const P = MAX_PHRASE_TOKENS;
    const minCount = this.minCount;
    // unigram counts inside clauses (for cohesion)
    const unigram = new Int32Array(V);
    let totalIn = 0;
    for (let id = 0; id < V; id++) {
      if (!(flags[id] & EDGE)) {
        unigram[id] = this.occ[id];
        totalIn += this.occ[id];
      }
    }
    const logN = Math.log(Math.max(totalIn, 1));
    const ndocs = this.doc + 2;
    const st: PassState = {
      count: new Float64Array(W + 1),
      cand: new Uint8Array(W + 1),
      coll: new Uint8Array(W + 1),
      han: new Uint8Array(W + 1),
      chars: new Int32Array(W + 1),
      rSum: new Float64Array(W + 1),
      rLog: new Float64Array(W + 1),
      rOpen: new Float64Array(W + 1),
      lOpen: new Float64Array(W + 1),
      leftCount: [],
      touched: [],
      docs: new Int32Array(W + 1),
      docStamp: [],
      stamp: new Int32Array(W + 1),
      first: new Float64Array(W + 1),
      second: new Float64Array(W + 1),
    };
    for (let n = 0; n <= W; n++) {
      st.leftCount.push(n >= 1 && n <= P ? new Int32Array(V) : new Int32Array(0));
      st.touched.push(new IntList(64));
      st.docStamp.push(n >= 1 ? new Int32Array(ndocs).fill(-1) : new Int32Array(0));
    }
    const paraDoc = this.paraDoc.data;
    const neighbourOpen = (id: number) => (flags[id] & (EDGE | BAD_START | BAD_END)) !== 0;
    const accepted: AcceptedPhrase[] = [];
    const byKey = new Map<string, CollocationCandidate>();
    const heads = new Map<string, number>();
    const model = new ModelBuilder(MODEL_ORDER);
    const key = records.key;
    const prev = new Int32Array(W);

    const open = (n: number) => {
      const id = key[n - 1];
      const f = flags[id];
      st.han[n] = (n === 1 || st.han[n - 1]) && f & HAN_TOKEN ? 1 : 0;
      st.chars[n] = (n === 1 ? 0 : st.chars[n - 1]) + words[id].length;
      st.count[n] = 0;
      st.cand[n] = 0;
      st.coll[n] = 0;
      if (n <= P && st.han[n] && !(flags[key[0]] & BAD_START) && !(f & BAD_END) && st.chars[n] >= 3 && st.chars[n] <= MAX_PHRASE_CHARS && (n > 1 || words[id].length >= 4)) {
        st.cand[n] = 1;
        st.rSum[n] = st.rLog[n] = st.rOpen[n] = st.lOpen[n] = 0;
      }
      // head → next: the head's tokens all Han, not starting or ending with a function word
      if ((n === 2 || n === 3) && f & HAN_TOKEN && !(f & (BAD_START | BAD_END)) && words[id].length >= 2 && st.han[n - 1] && !(flags[key[0]] & BAD_START) && !(flags[key[n - 2]] & BAD_END) && st.chars[n - 1] >= 2) {
        st.coll[n] = 1;
      }
      if (st.cand[n] || st.coll[n]) {
        st.docs[n] = 0;
        st.stamp[n]++;
        st.first[n] = Infinity;
        st.second[n] = Infinity;
      }
    };

    const close = (n: number) => {
      const c = st.count[n];
      // the (n-1)-gram's right neighbour
      const up = n - 1;
      if (up >= 1 && st.cand[up]) {
        const id = prev[up];
        if (neighbourOpen(id)) st.rOpen[up] += c;
        else {
          st.rSum[up] += c;
          st.rLog[up] += c * Math.log(c);
        }
      }
      model.close(n, prev, c);
      if (st.cand[n]) {
        // the left neighbours' distribution (the dense counts are cleared whatever is decided)
        const lc = st.leftCount[n];
        const touched = st.touched[n];
        let lSum = 0;
        let lLog = 0;
        for (let t = 0; t < touched.length; t++) {
          const id = touched.data[t];
          const k = lc[id];
          lc[id] = 0;
          lSum += k;
          lLog += k * Math.log(k);
        }
        touched.length = 0;
        if (c >= minCount) this.judge(n, c, prev, unigram, logN, st, lSum, lLog, accepted);
      }
      if (st.coll[n]) {
        const head = n === 2 ? words[prev[0]] : words[prev[0]] + words[prev[1]];
        const next = words[prev[n - 1]];
        heads.set(head, (heads.get(head) ?? 0) + c);
        const k = `${head}\t${next}`;
        const e = byKey.get(k);
        if (!e) byKey.set(k, { head, next, count: c, docs: st.docs[n], first: st.first[n], second: st.second[n], lastDoc: -1 });
        else {
          e.count += c;
          e.docs += st.docs[n];
          mergePlaces(e, st.first[n], st.second[n]);
        }
      }
    };

    let started = false;
    while (records.next()) {
      const l = records.lcp;
      if (started) for (let n = W; n > l; n--) close(n);
      started = true;
      for (let n = l + 1; n <= W; n++) open(n);
      const left = records.left;
      const para = records.para;
      const d = paraDoc[para];
      for (let n = 1; n <= W; n++) {
        st.count[n]++;
        if (!st.cand[n] && !st.coll[n]) continue;
        const stamps = st.docStamp[n];
        if (stamps[d] !== st.stamp[n]) {
          stamps[d] = st.stamp[n];
          st.docs[n]++;
        }
        // the first two places on distinct lines (records of a run come in any order)
        if (para < st.first[n]) {
          if (st.first[n] !== Infinity) st.second[n] = st.first[n];
          st.first[n] = para;
        } else if (para !== st.first[n] && para < st.second[n]) st.second[n] = para;
        if (st.cand[n]) {
          if (neighbourOpen(left)) st.lOpen[n]++;
          else if (st.leftCount[n][left]++ === 0) st.touched[n].push(left);
        }
      }
      prev.set(key);
    }
    if (started) for (let n = W; n >= 1; n--) close(n);
    records.close();
    return { accepted, cands: [...byKey.values()], heads, model: model.finish(words, this.total) };
  }

  /** Decides on a phrase candidate seen `count` ≥ minCount times, its neighbours counted. */
  private judge(n: number, count: number, key: Int32Array, unigram: Int32Array, logN: number, st: PassState, lSum: number, lLog: number, accepted: AcceptedPhrase[]): void {
    const words = this.words;
    // cohesion: average pointwise mutual information per junction (natural log)
    let coh = 10;
    if (n > 1) {
      let sc = Math.log(count) - logN;
      for (let k = 0; k < n; k++) sc -= Math.log(Math.max(unigram[key[k]] || 1, count)) - logN;
      coh = sc / (n - 1);
    }
    if (coh < 2.0) return;
    // boundary freedom: both sides must vary; more so the more often it was seen
    const needH = count <= 3 ? 0.6 : Math.min(1.0, 0.35 * Math.log(count));
    const hr = entropyOf(st.rSum[n], st.rLog[n], st.rOpen[n]);
    if (hr < needH) return;
    const hl = entropyOf(lSum, lLog, st.lOpen[n]);
    if (hl < needH) return;
    const docs = st.docs[n];
    // single-document phrases need more cohesion
    if (coh < (docs >= 2 ? 2.0 : 4.0)) return;
    if (n === 1 && count < 3 && docs < 2) return;
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(words[key[k]]);
    const h = Math.min(hl, hr);
    const e: PhraseCandidate = { key: parts.join(' '), n, count, docs, examples: this.examplesAt(st.first[n], st.second[n]), hl, hr };
    accepted.push({ key: e.key, text: parts.join(''), e, score: Math.log(1 + count) * (1 + h) * Math.min(coh, 10) });
  }

  /** Examples at the first two paragraphs (Infinity: none). */
  private examplesAt(first: number, second: number): Example[] {
    const at = (p: number): Example => ({ doc: this.docNames[this.paraDoc.data[p]], line: this.paraLine.data[p] });
    return second < Infinity ? [at(first), at(second)] : [at(first)];
  }

  /** Score and select phrases. */
  private selectPhrases(accepted: AcceptedPhrase[]): Phrase[] {
    // One entry per text (two segmentations of the same words): the most frequent, then the first key.
    accepted.sort((x, y) => y.e.count - x.e.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    // Drop a phrase that mostly occurs inside a longer accepted phrase. Index: for every accepted
    // text, the largest count of a longer accepted phrase containing it (found by enumerating each
    // phrase's substrings that are themselves accepted texts: ≤ 16² per phrase, linear overall).
    const byText = new Map<string, AcceptedPhrase>();
    for (const a of accepted) if (!byText.has(a.text)) byText.set(a.text, a);
    const containedMax = maxCountOfContaining(accepted.map((a) => ({ text: a.text, count: a.e.count })));
    const keep = accepted.filter((a) => byText.get(a.text) === a && !((containedMax.get(a.text) ?? 0) >= 0.7 * a.e.count));
    return keep.map(({ text, e }) => ({ text, count: e.count, docs: e.docs, examples: e.examples }));
  }

  private selectCollocations(phrases: Phrase[], all: CollocationCandidate[], heads: Map<string, number>): Collocation[] {
    const out: (Collocation & { p: number })[] = [];
    // quoted terms (counted while reading) next to the plain ones: their keys never meet (“…” is no Han token)
    const cands = [...all, ...this.quotedPairs.values()];
    for (const [h, c] of this.quotedHeads) heads.set(h, (heads.get(h) ?? 0) + c);
    for (const c of cands) c.docs = Math.min(c.docs, this.doc + 1);
    const pending = cands.filter((e) => e.count >= this.minCount);
    // a pair that is (part of) a mined phrase is a phrase, not a collocation: mark the pairs found
    // among the substrings of the phrases
    const inPhrase = new Set<string>();
    forEachContained(phrases.map((p) => p.text), [...new Set(pending.map((e) => e.head + e.next))], (s) => inPhrase.add(s), true);
    for (const e of pending) {
      if (inPhrase.has(e.head + e.next)) continue;
      const hc = heads.get(e.head) ?? e.count;
      const p = e.count / hc;
      if (p < 0.25 && !(e.docs >= 3 && p >= 0.1)) continue;
      out.push({ head: e.head, next: e.next, count: e.count, docs: e.docs, examples: this.examplesAt(e.first, e.second), p });
    }
    // a one-word head is dropped when a two-word head ending with it explains most of it:
    // index every proper suffix of each head (with its next) → the largest count
    const bySuffix = new Map<string, number>();
    for (const o of out) {
      for (let i = 1; i < o.head.length; i++) {
        const k = `${o.head.slice(i)}\t${o.next}`;
        if ((bySuffix.get(k) ?? 0) < o.count) bySuffix.set(k, o.count);
      }
    }
    return out.filter((c) => !((bySuffix.get(`${c.head}\t${c.next}`) ?? 0) >= 0.6 * c.count)).map(({ p: _p, ...c }) => c);
  }

  /**
   * The patterns: the last chunk is sorted here and merged with the runs written while reading;
   * the temporary runs are removed whatever happens.
   */
  finish(): Patterns {
    try {
      const { accepted, cands, heads, model } = this.countAll();
      // the last chunk and its sort are garbage from here on
      this.chunk = new IntList(16);
      this.chunkPara = new IntList(16);
      return this.assemble(accepted, cands, heads, model);
    } finally {
      this.dispose();
    }
  }

  private countAll(): ReturnType<Miner['pass']> {
    const a = this.chunk.view();
    const last = new ChunkRun(a, suffixIndex(a, this.words.length, WINDOW, false), this.chunkPara.view(), this.chunkFrom, a.length);
    const records = new MergedRecords([...this.runs.open(), last]);
    const counted = this.pass(records, this.tokenFlags());
    // nothing is read from the runs any more
    this.runs.dispose();
    return counted;
  }

  private assemble(accepted: AcceptedPhrase[], cands: CollocationCandidate[], heads: Map<string, number>, model: SerializedModel): Patterns {
    const min = this.minCount;
    const sortK = <T extends Counted>(arr: T[], key: (t: T) => string) => arr.sort(byCount(key));
    const phrases = sortK(this.selectPhrases(accepted), (p) => p.text);
    const patterns: Patterns = {
      version: 1,
      source: { documents: this.doc + 1, characters: this.chars },
      phrases,
      collocations: sortK(this.selectCollocations(phrases, cands, heads), (c) => `${c.head}\t${c.next}`),
      parallels: sortK(
        [...this.parallels.values()]
          .filter((e) => e.count >= min || e.items.length >= 3)
          .map((e): Parallel => ({ template: e.template, items: e.items, separator: e.separator, ...counted(e) })),
        (p) => `${p.template}\t${p.separator}`,
      ),
      enumerations: sortK(
        [...this.enums.values()].map((e): Enumeration => ({ family: e.family, length: e.length, ...counted(e) })),
        (e) => `${e.family}\t${String(e.length).padStart(3, '0')}`,
      ),
      concepts: sortK(
        [...this.concepts].filter(([, e]) => e.expansion.length > 0 || e.count >= min).map(([text, e]): Concept => ({ text, expansion: e.expansion, ...counted(e) })),
        (c) => c.text,
      ),
      sectionTemplates: sortK(
        [...this.sections].map(([template, e]): SectionTemplate => ({ template, instances: e.instances, ...counted(e) })),
        (s) => s.template,
      ),
      openings: sortK([...this.openings].map(([text, e]): Phrase => ({ text, ...counted(e) })), (p) => p.text),
      closings: sortK([...this.closings].map(([text, e]): Phrase => ({ text, ...counted(e) })), (p) => p.text),
      model,
    };
    return patterns;
  }
}

/** A copy of `l` in an array just large enough. */
function shrunk(l: IntList): IntList {
  const s = new IntList(Math.max(1024, l.length * 2));
  s.data.set(l.view());
  s.length = l.length;
  return s;
}

/** Merges the first two places (paragraphs) on distinct lines of `b` into those of `e`. */
function mergePlaces(e: { first: number; second: number }, first: number, second: number): void {
  const places = [e.first, e.second, first, second].filter((q) => q < Infinity).sort((x, y) => x - y);
  e.first = places[0];
  e.second = places.find((q) => q !== e.first) ?? Infinity;
}
