/**
 * The corpus miner: feed it documents one at a time (streaming), then `finish()` gives Patterns.
 * Candidate maps are bounded: when one grows past its limit, its rarest entries are pruned.
 */
import type { SerializedModel } from '../core/completion/ngram';
import type { Patterns, Example, Phrase, Collocation, Parallel, Enumeration, Concept, SectionTemplate, Counted } from '../core/patterns';
import { cleanDocument, type Line } from './clean';
export type { Line } from './clean';
import { loadSegmenter } from './segment';
import * as S from './structure';
import { buildModel, MODEL_ORDER } from './model';
import { BOUNDARY, EdgeTable, IntList, TokenStream, forEachInterval, suffixIndex, type SuffixIndex } from './stream';

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
/** The suffix index sorts by this many tokens: the longest phrase and its right neighbour. */
const SUFFIX_DEPTH = MAX_PHRASE_TOKENS + 1;
/** Token flags. */
const EDGE = 1;
const HAN_TOKEN = 2;
const BAD_START = 4;
const BAD_END = 8;

export interface MinerOptions {
  minCount?: number;
  /** Extra words for the segmenter's user dictionary (glossary terms). */
  userWords?: string[];
  /** Size limit of each candidate map before pruning. */
  maxCandidates?: number;
  /** Documents come segmented (addSegmented): no segmenter is loaded here. */
  segmented?: boolean;
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
  /** Stream positions of the first two occurrences on distinct lines (Infinity: none). */
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

export class Miner {
  private doc = -1;
  private chars = 0;
  private readonly minCount: number;
  private readonly limit: number;
  private readonly jieba;
  /** The whole archive as token ids (phrases and the continuation model are read from it at the end). */
  private readonly stream = new TokenStream();
  private readonly docNames: string[] = [];
  /** Pairs (stream position of an opening quote, id of the quoted term “…”). */
  private readonly quoted = new IntList();
  private readonly quotedTerms: string[] = [];
  private docStamp = new Int32Array(0);
  private stampValue = 0;
  private readonly quotedIds = new Map<string, number>();
  private readonly parallels = new Map<string, Entry & { template: string; separator: string; items: string[] }>();
  private readonly enums = new Map<string, Entry & { family: string; length: number }>();
  private readonly concepts = new Map<string, Entry & { expansion: string[] }>();
  private readonly sections = new Map<string, Entry & { instances: string[] }>();
  private readonly openings = new Map<string, Entry>();
  private readonly closings = new Map<string, Entry>();

  constructor(opts: MinerOptions = {}) {
    this.minCount = opts.minCount ?? 2;
    this.limit = opts.maxCandidates ?? 400_000;
    // segmented elsewhere (a worker thread: see run.ts) the miner needs no segmenter of its own
    this.jieba = opts.segmented ? undefined : loadSegmenter(opts.userWords ?? []);
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
  }

  private mineLine(l: Line, words: string[]): void {
    // The stream keeps every token (punctuation too: it marks clause edges and the model reads it);
    // whitespace becomes one space token.
    const kept: string[] = [];
    for (const raw of words) {
      const w = raw.trim();
      kept.push(w || ' ');
    }
    const base = this.stream.size;
    this.stream.addParagraph(this.doc, l.line, kept);
    this.noteQuotedTerms(kept, base);
  }

  /**
   * Quoted terms (“两个维护”) right after a token: recorded by stream position, so that the
   * collocations head → “term” can be read at the end together with the plain ones.
   */
  private noteQuotedTerms(words: string[], base: number): void {
    for (let j = 1; j < words.length; j++) {
      if (words[j] !== '“') continue;
      let k = j + 1;
      let inner = '';
      while (k < words.length && words[k] !== '”' && inner.length <= 10) inner += words[k++];
      if (k < words.length && words[k] === '”' && inner.length >= 2 && HAN.test(inner)) {
        this.quoted.push(base + j);
        const term = `“${inner}”`;
        let id = this.quotedIds.get(term);
        if (id === undefined) {
          id = this.quotedTerms.length;
          this.quotedTerms.push(term);
          this.quotedIds.set(term, id);
        }
        this.quoted.push(id);
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

  /** Per token id: is it a clause edge (punctuation, space, paragraph boundary), Han, a bad start or end. */
  private tokenFlags(): Uint8Array {
    const words = this.stream.words;
    const f = new Uint8Array(words.length);
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      let v = 0;
      if (id === BOUNDARY || w === ' ' || CLAUSE.test(w)) v |= EDGE;
      else if (HAN.test(w)) v |= HAN_TOKEN;
      if (FUNC_START.has(w)) v |= BAD_START;
      if (FUNC_END.has(w)) v |= BAD_END;
      f[id] = v;
    }
    return f;
  }

  /**
   * Phrases, read off the suffix index: every n-gram (n ≤ 6) of Han tokens inside a clause, not
   * starting or ending with a function word, 3–16 characters (a single token: ≥ 4), seen at least
   * minCount times, whose parts cohere (pointwise mutual information) and whose neighbours on
   * both sides vary (boundary entropy). The cheap tests run first.
   */
  private acceptedPhrases(idx: SuffixIndex, flags: Uint8Array): AcceptedPhrase[] {
    const s = this.stream.tokens.view();
    const words = this.stream.words;
    const { sa, lcp } = idx;
    // unigram counts inside clauses (for cohesion)
    const unigram = new Int32Array(words.length);
    let total = 0;
    for (let i = 0; i < s.length; i++) {
      if (!(flags[s[i]] & EDGE)) {
        unigram[s[i]]++;
        total++;
      }
    }
    const logN = Math.log(Math.max(total, 1));
    this.docStamp = new Int32Array(this.doc + 2).fill(-1);
    // left-neighbour counts of the current interval: a dense array and the ids touched
    const leftCount = new Int32Array(words.length);
    const touched = new IntList();
    const accepted: AcceptedPhrase[] = [];
    const neighbourOpen = (id: number) => (flags[id] & (EDGE | BAD_START | BAD_END)) !== 0;
    for (let n = 1; n <= MAX_PHRASE_TOKENS; n++) {
      forEachInterval(idx, n, (start, end) => {
        const count = end - start;
        if (count < this.minCount) return;
        const p0 = sa[start];
        if (p0 + n > s.length) return;
        const head = s[p0];
        if (flags[head] & BAD_START || !(flags[head] & HAN_TOKEN)) return;
        let chars = 0;
        for (let k = 0; k < n; k++) {
          const id = s[p0 + k];
          if (!(flags[id] & HAN_TOKEN)) return;
          chars += words[id].length;
        }
        if (chars > MAX_PHRASE_CHARS || chars < 3) return;
        if (flags[s[p0 + n - 1]] & BAD_END) return;
        if (n === 1 && words[head].length < 4) return;
        // cohesion: average pointwise mutual information per junction (natural log)
        let coh = 10;
        if (n > 1) {
          let sc = Math.log(count) - logN;
          for (let k = 0; k < n; k++) sc -= Math.log(Math.max(unigram[s[p0 + k]] || 1, count)) - logN;
          coh = sc / (n - 1);
        }
        if (coh < 2.0) return;
        // boundary freedom: both sides must vary; more so the more often it was seen
        const needH = count <= 3 ? 0.6 : Math.min(1.0, 0.35 * Math.log(count));
        // right neighbours: runs of equal token at offset n inside the interval
        let rSum = 0;
        let rLog = 0;
        let rOpen = 0;
        let runStart = start;
        for (let r = start + 1; r <= end; r++) {
          if (r === end || lcp[r] < n + 1) {
            const c = r - runStart;
            const q = sa[runStart] + n;
            const id = q < s.length ? s[q] : BOUNDARY;
            if (neighbourOpen(id)) rOpen += c;
            else {
              rSum += c;
              rLog += c * Math.log(c);
            }
            runStart = r;
          }
        }
        const hr = entropyOf(rSum, rLog, rOpen);
        if (hr < needH) return;
        // left neighbours
        let lOpen = 0;
        touched.length = 0;
        for (let r = start; r < end; r++) {
          const q = sa[r];
          const id = q > 0 ? s[q - 1] : BOUNDARY;
          if (neighbourOpen(id)) lOpen++;
          else if (leftCount[id]++ === 0) touched.push(id);
        }
        let lSum = 0;
        let lLog = 0;
        for (let t = 0; t < touched.length; t++) {
          const id = touched.data[t];
          const c = leftCount[id];
          leftCount[id] = 0;
          lSum += c;
          lLog += c * Math.log(c);
        }
        const hl = entropyOf(lSum, lLog, lOpen);
        if (hl < needH) return;
        const { docs, first, second } = this.spread(idx, start, end);
        // single-document phrases need more cohesion
        if (coh < (docs >= 2 ? 2.0 : 4.0)) return;
        if (n === 1 && count < 3 && docs < 2) return;
        const parts: string[] = [];
        for (let k = 0; k < n; k++) parts.push(words[s[p0 + k]]);
        const h = Math.min(hl, hr);
        const e: PhraseCandidate = { key: parts.join(' '), n, count, docs, examples: this.examplesAt(first, second), hl, hr };
        accepted.push({ key: e.key, text: parts.join(''), e, score: Math.log(1 + count) * (1 + h) * Math.min(coh, 10) });
      });
    }
    return accepted;
  }

  /** Documents and the first two places (distinct lines) of the occurrences at ranks [start, end). */
  private spread(idx: SuffixIndex, start: number, end: number, offset = 0): { docs: number; first: number; second: number } {
    const para = this.stream.para.data;
    const paraDoc = this.stream.paraDoc.data;
    const sa = idx.sa;
    const stamp = ++this.stampValue;
    let docs = 0;
    let first = Infinity;
    for (let r = start; r < end; r++) {
      const q = sa[r] + offset;
      const d = paraDoc[para[q]];
      if (this.docStamp[d] !== stamp) {
        this.docStamp[d] = stamp;
        docs++;
      }
      if (q < first) first = q;
    }
    let second = Infinity;
    for (let r = start; r < end; r++) {
      const q = sa[r] + offset;
      if (q > first && q < second && para[q] !== para[first]) second = q;
    }
    return { docs, first, second };
  }

  private examplesAt(first: number, second: number): Example[] {
    const para = this.stream.para.data;
    const at = (q: number): Example => ({ doc: this.docNames[this.stream.paraDoc.data[para[q]]], line: this.stream.paraLine.data[para[q]] });
    return second < Infinity ? [at(first), at(second)] : [at(first)];
  }

  /**
   * head (1–2 content tokens) → what follows directly: a content token of ≥ 2 characters (from
   * the suffix index) or a quoted term “…” (from the positions noted while reading). Also the
   * number of times each head is followed by any such thing.
   */
  private collocationCandidates(idx: SuffixIndex, flags: Uint8Array): { cands: CollocationCandidate[]; heads: Map<string, number> } {
    const s = this.stream.tokens.view();
    const words = this.stream.words;
    const sa = idx.sa;
    const byKey = new Map<string, CollocationCandidate>();
    const heads = new Map<string, number>();
    const headAt = (p0: number, h: number): string | undefined => {
      if (p0 < 0) return undefined;
      for (let k = 0; k < h; k++) if (!(flags[s[p0 + k]] & HAN_TOKEN)) return undefined;
      if (flags[s[p0]] & BAD_START || flags[s[p0 + h - 1]] & BAD_END) return undefined;
      const head = h === 1 ? words[s[p0]] : words[s[p0]] + words[s[p0 + 1]];
      return head.length >= 2 ? head : undefined;
    };
    const add = (head: string, next: string, count: number, docs: number, first: number, second: number, doc: number) => {
      heads.set(head, (heads.get(head) ?? 0) + count);
      const key = `${head}\t${next}`;
      const c = byKey.get(key);
      if (!c) {
        byKey.set(key, { head, next, count, docs, first, second, lastDoc: doc });
        return;
      }
      c.count += count;
      if (doc < 0 || doc !== c.lastDoc) c.docs += docs;
      c.lastDoc = doc;
      // keep the two earliest places on distinct lines
      const para = this.stream.para.data;
      const places = [c.first, c.second, first, second].filter((q) => q < Infinity).sort((x, y) => x - y);
      c.first = places[0];
      c.second = places.find((q) => para[q] !== para[c.first]) ?? Infinity;
    };
    for (const n of [2, 3]) {
      forEachInterval(idx, n, (start, end) => {
        const p0 = sa[start];
        if (p0 + n > s.length) return;
        const next = s[p0 + n - 1];
        const f = flags[next];
        if (!(f & HAN_TOKEN) || f & (BAD_START | BAD_END) || words[next].length < 2) return;
        const head = headAt(p0, n - 1);
        if (head === undefined) return;
        // (a pair seen once: one document, one place)
        const sp = end - start === 1 ? { docs: 1, first: p0, second: Infinity } : this.spread(idx, start, end);
        add(head, words[next], end - start, sp.docs, sp.first, sp.second, -1);
      });
    }
    const q = this.quoted.view();
    const paraDoc = this.stream.paraDoc.data;
    const para = this.stream.para.data;
    for (let r = 0; r < q.length; r += 2) {
      const at = q[r];
      for (let h = 1; h <= 2; h++) {
        const head = headAt(at - h, h);
        if (head !== undefined) add(head, this.quotedTerms[q[r + 1]], 1, 1, at - h, Infinity, paraDoc[para[at]]);
      }
    }
    for (const c of byKey.values()) c.docs = Math.min(c.docs, this.doc + 1);
    return { cands: [...byKey.values()], heads };
  }

  /** Score and select phrases. */
  private selectPhrases(idx: SuffixIndex, flags: Uint8Array): Phrase[] {
    const accepted = this.acceptedPhrases(idx, flags);
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

  private selectCollocations(phrases: Phrase[], idx: SuffixIndex, flags: Uint8Array): Collocation[] {
    const out: (Collocation & { p: number })[] = [];
    const { cands, heads } = this.collocationCandidates(idx, flags);
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

  finish(): Patterns {
    const idx = this.index();
    return this.assemble(idx, buildModel(this.stream.tokens.view(), this.stream.words, idx));
  }

  /**
   * The same, with the continuation model built by `model` (on another thread: see run.ts) while
   * this thread reads phrases, collocations and structure off the same index.
   */
  async finishWith(model: (tokens: Int32Array, words: readonly string[], idx: SuffixIndex) => Promise<SerializedModel>): Promise<Patterns> {
    const idx = this.index();
    const built = model(this.stream.tokens.view(), this.stream.words, idx);
    // the other thread works meanwhile; its failure must not go unnoticed until it is awaited
    built.catch(() => undefined);
    const patterns = this.assemble(idx, undefined);
    patterns.model = await built;
    return patterns;
  }

  private index(): SuffixIndex {
    return suffixIndex(this.stream.tokens.view(), this.stream.words.length, Math.max(SUFFIX_DEPTH, MODEL_ORDER));
  }

  private assemble(idx: SuffixIndex, model: SerializedModel | undefined): Patterns {
    const min = this.minCount;
    const sortK = <T extends Counted>(arr: T[], key: (t: T) => string) => arr.sort(byCount(key));
    const flags = this.tokenFlags();
    const phrases = sortK(this.selectPhrases(idx, flags), (p) => p.text);
    const patterns: Patterns = {
      version: 1,
      source: { documents: this.doc + 1, characters: this.chars },
      phrases,
      collocations: sortK(this.selectCollocations(phrases, idx, flags), (c) => `${c.head}\t${c.next}`),
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
      ...(model ? { model } : {}),
    };
    return patterns;
  }
}
