/**
 * The corpus miner: feed it documents one at a time (streaming), then `finish()` gives Patterns.
 * Candidate maps are bounded: when one grows past its limit, its rarest entries are pruned.
 */
import type { Patterns, Example, Phrase, Collocation, Parallel, Enumeration, Concept, SectionTemplate, Counted } from '../core/patterns';
import { cleanDocument, type Line } from './clean';
import { loadSegmenter } from './segment';
import * as S from './structure';

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

export interface MinerOptions {
  minCount?: number;
  /** Extra words for the segmenter's user dictionary (glossary terms). */
  userWords?: string[];
  /** Size limit of each candidate map before pruning. */
  maxCandidates?: number;
}

interface Entry extends Counted {
  lastDoc: number;
}
interface PhraseEntry extends Entry {
  n: number;
  left: Map<string, number>;
  right: Map<string, number>;
  /** occurrences at a clause boundary or past the neighbour cap: each counts as a distinct neighbour */
  lOpen: number;
  rOpen: number;
}

const NEIGHBOUR_CAP = 48;

function entropy(m: Map<string, number>, open: number): number {
  let total = open;
  for (const v of m.values()) total += v;
  if (!total) return 0;
  let h = open * (1 / total) * Math.log(total);
  for (const v of m.values()) h -= (v / total) * Math.log(v / total);
  return h;
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

export class Miner {
  private doc = -1;
  private chars = 0;
  private readonly minCount: number;
  private readonly limit: number;
  private readonly jieba;
  private readonly tokens = new Map<string, number>();
  private tokenTotal = 0;
  private readonly phrases = new Map<string, PhraseEntry>();
  private readonly colls = new Map<string, Entry & { head: string; next: string }>();
  private readonly heads = new Map<string, number>();
  private readonly parallels = new Map<string, Entry & { template: string; separator: string; items: string[] }>();
  private readonly enums = new Map<string, Entry & { family: string; length: number }>();
  private readonly concepts = new Map<string, Entry & { expansion: string[] }>();
  private readonly sections = new Map<string, Entry & { instances: string[] }>();
  private readonly openings = new Map<string, Entry>();
  private readonly closings = new Map<string, Entry>();

  constructor(opts: MinerOptions = {}) {
    this.minCount = opts.minCount ?? 2;
    this.limit = opts.maxCandidates ?? 400_000;
    this.jieba = loadSegmenter(opts.userWords ?? []);
  }

  /** Add one document's text; `rel` is its path relative to the mined root. */
  addDocument(rel: string, text: string, opts: { markdown?: boolean } = {}): void {
    this.doc++;
    const lines = cleanDocument(text, opts);
    for (const l of lines) {
      this.chars += l.text.length;
      this.mineLine(rel, l);
    }
    this.mineStructure(rel, lines);
    prune(this.phrases, this.limit);
    prune(this.colls, this.limit);
    if (this.tokens.size > this.limit * 2) for (const [k, v] of this.tokens) if (v <= 1) this.tokens.delete(k);
    if (this.heads.size > this.limit * 2) for (const [k, v] of this.heads) if (v <= 1) this.heads.delete(k);
  }

  private mineLine(rel: string, l: Line): void {
    const ex = { doc: rel, line: l.line };
    const words = this.jieba.cut(l.text, true);
    // clause pieces: runs of tokens between punctuation; keep quoted terms as units for collocations
    let clause: string[] = [];
    const flush = () => {
      if (clause.length) this.mineClause(clause, ex);
      clause = [];
    };
    for (let i = 0; i < words.length; i++) {
      const w = words[i].trim();
      if (!w || CLAUSE.test(w)) {
        flush();
        continue;
      }
      clause.push(w);
    }
    flush();
    this.mineCollocations(words, ex);
  }

  private mineClause(t: string[], ex: Example): void {
    for (const w of t) {
      this.tokens.set(w, (this.tokens.get(w) ?? 0) + 1);
      this.tokenTotal++;
    }
    for (let i = 0; i < t.length; i++) {
      if (FUNC_START.has(t[i]) || !HAN.test(t[i])) continue;
      let chars = 0;
      for (let n = 1; n <= 6 && i + n <= t.length; n++) {
        const last = t[i + n - 1];
        if (!HAN.test(last)) break;
        chars += last.length;
        if (chars > 16) break;
        if (FUNC_END.has(last)) continue;
        if (n === 1 && t[i].length < 4) continue;
        if (chars < 3) continue;
        const key = n === 1 ? t[i] : t.slice(i, i + n).join(' ');
        const e = bump(this.phrases, key, this.doc, ex, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1, n, left: new Map(), right: new Map(), lOpen: 0, rOpen: 0 }));
        // a function-word neighbour (在…, …的) says nothing about where the phrase ends: count it as open
        const lw = i > 0 && !FUNC_START.has(t[i - 1]) && !FUNC_END.has(t[i - 1]) ? t[i - 1] : undefined;
        const rw = i + n < t.length && !FUNC_END.has(t[i + n]) && !FUNC_START.has(t[i + n]) ? t[i + n] : undefined;
        if (lw === undefined || (!e.left.has(lw) && e.left.size >= NEIGHBOUR_CAP)) e.lOpen++;
        else e.left.set(lw, (e.left.get(lw) ?? 0) + 1);
        if (rw === undefined || (!e.right.has(rw) && e.right.size >= NEIGHBOUR_CAP)) e.rOpen++;
        else e.right.set(rw, (e.right.get(rw) ?? 0) + 1);
      }
    }
  }

  /** head (1–2 content tokens) → what follows directly: a token or a quoted term “…”. */
  private mineCollocations(words: string[], ex: Example): void {
    for (let i = 0; i < words.length - 1; i++) {
      let next: string | undefined;
      let j = i + 1;
      if (words[j] === '“') {
        let k = j + 1;
        let inner = '';
        while (k < words.length && words[k] !== '”' && inner.length <= 10) inner += words[k++];
        if (k < words.length && words[k] === '”' && inner.length >= 2 && HAN.test(inner)) next = `“${inner}”`;
      } else if (HAN.test(words[j]) && words[j].length >= 2 && !FUNC_END.has(words[j]) && !FUNC_START.has(words[j])) next = words[j];
      if (!next) continue;
      for (let h = 1; h <= 2 && i - h + 1 >= 0; h++) {
        const ht = words.slice(i - h + 1, i + 1);
        if (!ht.every((w) => HAN.test(w)) || FUNC_START.has(ht[0]) || FUNC_END.has(ht[ht.length - 1])) continue;
        const head = ht.join('');
        if (head.length < 2) continue;
        this.heads.set(head, (this.heads.get(head) ?? 0) + 1);
        bump(this.colls, `${head}\t${next}`, this.doc, ex, () => ({ count: 0, docs: 0, examples: [], lastDoc: -1, head, next: next! }));
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

  /** Cohesion of an n-gram: average pointwise mutual information per junction (natural log). */
  private cohesion(key: string, count: number): number {
    const parts = key.split(' ');
    if (parts.length === 1) return 10;
    const N = Math.max(this.tokenTotal, 1);
    let s = Math.log(count / N);
    for (const p of parts) s -= Math.log(Math.max(this.tokens.get(p) ?? 1, count) / N);
    return s / (parts.length - 1);
  }

  /** Score and select phrases. */
  private selectPhrases(): Phrase[] {
    const accepted: { key: string; e: PhraseEntry; score: number }[] = [];
    for (const [key, e] of this.phrases) {
      if (e.count < this.minCount) continue;
      const hl = entropy(e.left, e.lOpen);
      const hr = entropy(e.right, e.rOpen);
      const h = Math.min(hl, hr);
      const coh = this.cohesion(key, e.count);
      // boundary freedom: both sides must vary; more so the more often it was seen
      const needH = e.count <= 3 ? 0.6 : Math.min(1.0, 0.35 * Math.log(e.count));
      if (h < needH) continue;
      // cohesion: words that co-occur more than chance; single-document phrases need more
      const needC = e.docs >= 2 ? 2.0 : 4.0;
      if (coh < needC) continue;
      if (e.n === 1 && e.count < 3 && e.docs < 2) continue;
      accepted.push({ key, e, score: Math.log(1 + e.count) * (1 + h) * Math.min(coh, 10) });
    }
    // drop a phrase that mostly occurs inside a longer accepted phrase
    const byText = new Map(accepted.map((a) => [a.key.replace(/ /g, ''), a]));
    const keep = accepted.filter((a) => {
      const t = a.key.replace(/ /g, '');
      for (const b of accepted) {
        if (b === a) continue;
        const u = b.key.replace(/ /g, '');
        if (u.length > t.length && u.includes(t) && b.e.count >= 0.7 * a.e.count) return false;
      }
      return byText.get(t) === a;
    });
    return keep.map(({ key, e }) => ({ text: key.replace(/ /g, ''), ...counted(e) }));
  }

  private selectCollocations(phrases: Phrase[]): Collocation[] {
    const out: (Collocation & { p: number })[] = [];
    const inPhrase = (s: string) => phrases.some((p) => p.text.includes(s));
    for (const e of this.colls.values()) {
      if (e.count < this.minCount) continue;
      // a pair that is (part of) a mined phrase is a phrase, not a collocation
      if (inPhrase(e.head + e.next)) continue;
      const hc = this.heads.get(e.head) ?? e.count;
      const p = e.count / hc;
      if (p < 0.25 && !(e.docs >= 3 && p >= 0.1)) continue;
      out.push({ head: e.head, next: e.next, ...counted(e), p });
    }
    // a one-word head is dropped when a two-word head ending with it explains most of it
    return out
      .filter((c) => !out.some((o) => o !== c && o.next === c.next && o.head.endsWith(c.head) && o.head.length > c.head.length && o.count >= 0.6 * c.count))
      .map(({ p: _p, ...c }) => c);
  }

  finish(): Patterns {
    const min = this.minCount;
    const keyed = <E extends Entry>(m: Map<string, E>) => [...m].filter(([, e]) => e.count >= min);
    const sortK = <T extends Counted>(arr: T[], key: (t: T) => string) => arr.sort(byCount(key));
    const phrases = sortK(this.selectPhrases(), (p) => p.text);
    const patterns: Patterns = {
      version: 1,
      source: { documents: this.doc + 1, characters: this.chars },
      phrases,
      collocations: sortK(this.selectCollocations(phrases), (c) => `${c.head}\t${c.next}`),
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
    };
    void keyed;
    return patterns;
  }
}
