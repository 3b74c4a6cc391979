/**
 * The completion engine: what may come after the cursor.
 *
 * Sources, all ranked on one scale — expected keystrokes saved, i.e. the estimated probability that
 * the text goes on with the suggestion times its length:
 * - the canon (canon.ts): standard formulations from their first characters, boosted above
 *   corpus fragments;
 * - the continuation model (predict.ts): an n-gram model of the mined archives (built-in seeds and
 *   the user's own, the user's weighted higher), decoded to a phrase boundary;
 * - structure: the next item of a parallel (parallel.ts), the next enumeration marker
 *   (enumeration.ts), an enumeration item shaped like the items before it (sibling.ts), the
 *   expansion of a numbered concept (expansion.ts).
 * Outdated and non-standard wording (as of the reference date) is never suggested (filter.ts).
 * The top 5 are chosen as a set (chooseList): nested prefixes of one continuation are right together.
 * Every index is built in the constructor; a request costs well under a millisecond typically.
 */
import { foldQuotes } from '../context';
import type { Dataset } from '../dataset';
import { todayIso } from '../date';
import type { Patterns } from '../patterns';
import type { IsoDate } from '../types';
import { phraseTexts } from './binary';
import { CanonIndex, type CanonEntry } from './canon';
import { echoCandidates } from './echo';
import { EnumerationSource } from './enumeration';
import { ExpansionSource } from './expansion';
import { WordingFilter } from './filter';
import { NgramModel } from './ngram';
import { modelFromSequences } from './train';
import { ParallelIndex } from './parallel';
import { SiblingSource } from './sibling';
import { ModelPredictor, modelCandidates, NO_END, readWindow, type TypedWindow } from './predict';
import { type Candidate, type CompleteOptions, type Suggestion } from './types';
import { UnitIndex } from './units';

/** One mined archive and how much its evidence counts. */
export interface PatternsSource {
  patterns: Patterns;
  /** Weight of its counts (built-in seeds 1; the user's archives more: see USER_WEIGHT). */
  weight: number;
}

/** How much more the user's own archives count than the built-in seeds. */
export const USER_WEIGHT = 4;

export interface CompleterOptions {
  /** Reference date for the outdated-wording filter and the canon's dates (default today). */
  date?: IsoDate;
  /** Suggestions less likely than this are dropped (default MIN_PROB). */
  minProb?: number;
  /** The curated standard formulations (data/canon.json); none when absent. */
  canon?: readonly CanonEntry[];
}

/** How much of the typed text the filter sees before an insert. */
const CHECK_TAIL = 24;
/** How many previous paragraphs matter for enumerations and headings. */
const CONTEXT_PARAGRAPHS = 80;
/** Typed characters segmented to tell where words start (for the canon's keys). */
const SEGMENT_TAIL = 40;
/** The draft's own paragraphs as a model: its order and its weight (per token, ÷ its size: see NgramModel.setCache). */
const CACHE_ORDER = 4;
/** At most this many characters of the draft before the cursor go into its cache model. */
const CACHE_CHARS = 6000;
const CACHE_WEIGHT = 0.15;
/** Log score of a canon word the model lacks, in segmentation (like a rare word). */
const CANON_WORD_LOG = -12;
/** Keystrokes that accepting a suggestion costs (what it saves is its length less this). */
const ACCEPT_KEYS = 1;
/**
 * How much each character of a suggestion beyond the second is doubted in the ranking: its value
 * is multiplied by prob^(LENGTH_DOUBT × (length − 2)). The sources' probabilities of long
 * continuations are too high (an n-gram path through a phrase the archive repeats, a clause the
 * draft wrote once): measured on the seeds typed with the archive, model continuations of six
 * characters or more estimated at 0.86 were right 7 % of the time, two-character ones at 0.91 right
 * 70 %; the same holds on held-out external documents. The doubt grows with length and with the
 * uncertainty: a near-certain continuation (引领力、群众组织力、社会号召力 at 0.93) keeps its
 * length, an unsure one (0.1) counts half for every further character.
 */
const LENGTH_DOUBT = 0.3;
/** A canon formulation at least this likely is ranked whole (as likely as ghost text needs). */
const CANON_WHOLE = 0.3;
/** Default least probability of a suggestion. */
export const MIN_PROB = 0.03;

export class Completer {
  private readonly model?: NgramModel;
  private readonly predictor?: ModelPredictor;
  private readonly units: UnitIndex;
  private readonly canon: CanonIndex;
  private readonly parallels: ParallelIndex;
  private readonly enums: EnumerationSource;
  private readonly expansions: ExpansionSource;
  private readonly siblings = new SiblingSource((t) => this.wordStarts(t));
  private readonly filter: WordingFilter;
  private readonly minProb: number;
  /** The cached paragraphs, segmented (see cacheDocument). */
  private segmented = new Map<string, string[]>();
  /** The earlier paragraphs of the last request, and quote-folded (the same on most keystrokes). */
  private lastBefore = '';
  private lastBeforeFolded = '';

  /** `sources`: one patterns object (the built-in one) or several archives with weights. */
  constructor(sources: Patterns | readonly PatternsSource[], dataset: Dataset, opts: CompleterOptions = {}) {
    const list: readonly PatternsSource[] = Array.isArray(sources) ? sources : [{ patterns: sources as Patterns, weight: 1 }];
    const date = opts.date ?? todayIso();
    this.filter = new WordingFilter(dataset, date);
    this.minProb = opts.minProb ?? MIN_PROB;
    const models = list.filter((s) => s.patterns.model).map((s) => ({ model: s.patterns.model!, weight: s.weight }));
    if (models.length) this.model = new NgramModel(models);
    const ok = (s: string) => this.filter.ok(s);
    this.canon = canonIndex(opts.canon ?? [], dataset, date, () => new CanonIndex(opts.canon ?? [], dataset, date, (t) => this.wordStarts(t), ok));
    // known units: the mined phrases and the canon's formulations and terms
    // (a phrase the model has as one word needs no entry: a key never starts inside a word)
    const units: string[] = [];
    for (const s of list) for (const t of phraseTexts(s.patterns)) if (this.model?.id(t) === undefined) units.push(t);
    this.units = new UnitIndex([...units, ...this.canon.formulations()]);
    if (this.model) {
      // the canon's words segment like ordinary words (the typed text splits where they do)
      this.model.addWords(this.canon.terms, CANON_WORD_LOG);
      this.predictor = new ModelPredictor(this.model, this.units);
    }
    const weighted = <T extends { count: number }>(pick: (p: Patterns) => readonly T[]) =>
      list.flatMap((s) => pick(s.patterns).map((x) => (s.weight === 1 ? x : { ...x, count: Math.round(x.count * s.weight) })));
    this.parallels = new ParallelIndex(weighted((p) => p.parallels));
    this.enums = new EnumerationSource(weighted((p) => p.enumerations));
    this.expansions = new ExpansionSource(weighted((p) => p.concepts), dataset.glossary);
  }

  /** Where words start in `text` (the model's segmentation; every character without a model). */
  private wordStarts(text: string): number[] {
    return this.words(text).starts;
  }

  /**
   * Words of a segmentation (from the end back): where each starts and its model id (-1: a word
   * the model lacks), and how surprising the text is from each word start to the end (−log10 of
   * its unigram probability: 我们 is not, 以高质量党建引领 is).
   */
  private words(text: string, seg?: { back: Int32Array; ids: Int32Array }): { starts: number[]; ids: number[]; surprise: Map<number, number> } {
    const surprise = new Map<number, number>();
    if (!this.model) {
      const starts = Array.from({ length: text.length }, (_, i) => i);
      starts.forEach((i) => surprise.set(i, 2 * (text.length - i)));
      return { starts, ids: starts.map(() => -1), surprise };
    }
    seg ??= this.model.segment(text);
    const starts: number[] = [];
    const ids: number[] = [];
    let sum = 0;
    for (let j = text.length; j > 0; j = seg.back[j]) {
      sum += this.model.surprise(seg.ids[j]);
      starts.push(seg.back[j]);
      ids.push(seg.ids[j]);
      surprise.set(seg.back[j], sum);
    }
    return { starts: starts.reverse(), ids: ids.reverse(), surprise };
  }

  /**
   * What the archives say about the typed words from `start` (an offset in the segmented `text`)
   * to the end: how often they saw them, and followed by `next`. A last word that may be
   * unfinished (no `next`: the key ends inside a word of the formulation) is left out.
   */
  private keyEvidence(seg: { starts: number[]; ids: number[] }, start: number, next: string | undefined): { seen: number; agree: number } {
    const model = this.model;
    if (!model) return { seen: 0, agree: 0 };
    const k = seg.starts.indexOf(start);
    if (k < 0) return { seen: 0, agree: 0 };
    let ids = seg.ids.slice(k);
    if (next === undefined) ids = ids.slice(0, -1);
    if (!ids.length || ids.includes(-1)) return { seen: 0, agree: 0 };
    ids = ids.slice(-(model.order - 1));
    const c = model.context(ids);
    if (c.depth < ids.length) return { seen: 0, agree: 0 };
    const seen = model.level(c, c.depth).ch;
    const nid = next === undefined ? undefined : model.id(next);
    return { seen, agree: nid === undefined ? 0 : model.countAfter(c, c.depth, nid) };
  }

  /**
   * The paragraphs before the cursor as a small model of their own (a cache model): the draft
   * repeats its words and phrases more than any archive predicts. Rebuilt when they change (a new
   * paragraph), not on every keystroke.
   */
  private cacheDocument(before: string): void {
    const model = this.model;
    if (!model) return;
    if (!before.trim() || CACHE_WEIGHT <= 0) {
      model.setCache(undefined);
      return;
    }
    // the last CACHE_CHARS characters, each paragraph segmented once (kept while it stays in view)
    const lines = before.split('\n');
    let chars = 0;
    let from = lines.length;
    while (from > 0 && chars < CACHE_CHARS) chars += lines[--from].length;
    const seen = new Map<string, string[]>();
    const sentences = lines.slice(from).map((line) => {
      let words = this.segmented.get(line) ?? seen.get(line);
      if (!words) {
        const seg = model.segment(line);
        words = [];
        for (let j = line.length; j > 0; j = seg.back[j]) words.push(line.slice(seg.back[j], j));
        words.reverse();
      }
      seen.set(line, words);
      return words;
    });
    this.segmented = seen;
    model.setCache(modelFromSequences(sentences, Math.min(CACHE_ORDER, model.order)), CACHE_WEIGHT);
  }

  /**
   * The common beginning of continuations that part ways (坚持 of 坚持党的领导 and 坚持人民至上):
   * one entry that is right whichever of them the drafter writes, as likely as they are together
   * (the likeliest of each branch, at most 0.95). Only where a word ends (the model's segmentation
   * of the typed tail and the longest of them), never on 的/和/对…, never inside a quotation it
   * opens.
   */
  private commonBeginnings(top: readonly Candidate[], known: ReadonlyMap<string, Candidate>, folded: string, tail: string): Candidate[] {
    const begins = new Set<string>();
    for (let i = 0; i < top.length; i++) {
      const a = top[i].insert;
      for (let j = i + 1; j < top.length; j++) {
        const b = top[j].insert;
        let k = 0;
        while (k < a.length && k < b.length && a[k] === b[k]) k++;
        if (k >= 2 && k < a.length && k < b.length) begins.add(a.slice(0, k));
      }
    }
    const out: Candidate[] = [];
    if (!begins.size) return out;
    const before = folded.slice(-SEGMENT_TAIL);
    for (const l of begins) {
      if (known.has(l) || opensQuote(l)) continue;
      const branches = new Map<string, number>();
      let longest = '';
      for (const c of top) {
        if (c.insert.length <= l.length || !c.insert.startsWith(l)) continue;
        const next = c.insert[l.length];
        branches.set(next, Math.max(branches.get(next) ?? 0, Math.min(1, c.prob)));
        if (c.insert.length > longest.length) longest = c.insert;
      }
      let prob = 0;
      for (const p of branches.values()) prob += p;
      prob = Math.min(0.95, prob);
      // a word ends there, and not one that needs what follows
      const starts = this.wordStarts(before + longest);
      const end = before.length + l.length;
      if (!starts.includes(end)) continue;
      let last = 0;
      for (const x of starts) if (x < end && x > last) last = x;
      if (NO_END.has((before + l).slice(last, end))) continue;
      out.push({ insert: l, label: l, kind: 'next', detail: `几种续写的共同开头（约 ${Math.max(1, Math.round(Math.min(0.99, prob) * 100))}%）`, prob, score: prob * l.length, checkText: tail + l });
    }
    return out;
  }

  complete(prefix: string, opts: CompleteOptions = {}): Suggestion[] {
    const limit = opts.limit ?? 5;
    if (limit <= 0) return [];
    const folded = foldQuotes(prefix);
    const tail = prefix.slice(-CHECK_TAIL);
    const cands: Candidate[] = [];
    // the paragraphs before: what the draft already said, and its cache model (first: every
    // source below reads the model)
    const before = contextParagraphs(opts.context).join('\n');
    if (before !== this.lastBefore) {
      this.lastBefore = before;
      this.lastBeforeFolded = foldQuotes(before);
      this.cacheDocument(before);
    }
    let read: TypedWindow | undefined;
    if (prefix) {
      // the typed tail, segmented once for every source
      read = this.model ? readWindow(prefix, this.model, this.units, folded) : undefined;
      const from = read?.from ?? Math.max(0, prefix.length - SEGMENT_TAIL);
      const seg = this.words(prefix.slice(from), read?.seg);
      const starts = new Set(seg.starts.map((s) => s + from));
      const inside = read?.inside ?? this.units.inside(folded.slice(from));
      // a key starts where a word starts (the typed text's first character and every character
      // after punctuation too), never inside a known unit (unless the key is a unit itself)
      const isBoundary = (i: number) =>
        (starts.has(i) || i === 0 || /[\s，。、；：！？,.;:!?（）()“”"'《》]/.test(folded[i - 1])) && !(i > from && inside[i - from] && !this.units.has(folded.slice(i)));
      const surprise = (i: number) => seg.surprise.get(i - from) ?? 2 * (folded.length - i);
      this.canon.query(folded, tail, isBoundary, (i, next) => this.keyEvidence(seg, i - from, next), cands);
      echoCandidates({ written: prefix, folded, before, beforeFolded: this.lastBeforeFolded, isBoundary, surprise, wordStarts: (t) => this.wordStarts(t), tailForCheck: tail }, cands);
      this.parallels.query(prefix, cands);
      this.siblings.query(prefix, before, tail, cands);
      this.expansions.query(folded, cands);
    }
    if (this.predictor) modelCandidates(this.predictor.predict(prefix, 10, read), tail, cands);
    const enumFrom = cands.length;
    this.enums.query(prefix, prefix.trim() ? [] : contextParagraphs(opts.context), cands);
    // the next marker together with how the run's items began (二是 → 二是持续加强)
    for (const e of cands.slice(enumFrom)) {
      const shaped: Candidate[] = [];
      this.siblings.query(prefix + e.insert, before, tail + e.insert, shaped);
      for (const x of shaped) {
        const prob = e.prob * x.prob;
        const insert = e.insert + x.insert;
        cands.push({ ...x, insert, label: insert, kind: 'enumeration', prob, score: prob * insert.length, checkText: tail + insert });
      }
    }

    // Best score per insert text; agreement of several sources adds a little.
    const best = new Map<string, Candidate>();
    for (const c of cands) {
      if (!c.insert.trim() || c.prob < this.minProb) continue;
      if (prefix.endsWith(c.insert) || folded.endsWith(foldQuotes(c.insert))) continue; // would repeat what was just typed
      const prev = best.get(c.insert);
      if (!prev) best.set(c.insert, { ...c });
      else if (c.score > prev.score) best.set(c.insert, { ...c, score: c.score + 0.1 * prev.score, prob: Math.max(c.prob, prev.prob) });
      else {
        prev.score += 0.1 * c.score;
        prev.prob = Math.max(c.prob, prev.prob);
      }
    }
    const ranked = [...best.values()].sort(byRank);
    // where several continuations begin alike, their common beginning is a suggestion of its own
    const shared = this.commonBeginnings(ranked.slice(0, SET_POOL), best, folded, tail);
    if (shared.length) {
      ranked.push(...shared);
      ranked.sort(byRank);
    }
    const ok = (c: Candidate) => {
      const text = c.checkText ?? tail + c.insert;
      return this.filter.ok(text, text.length - c.insert.length);
    };
    const out: Suggestion[] = [];
    for (const { c, value } of chooseList(ranked, limit, ok)) {
      out.push({ insert: c.insert, label: c.label, kind: c.kind, detail: c.detail, prob: Math.round(Math.min(1, c.prob) * 1000) / 1000, score: Math.round(value * 1000) / 1000 });
    }
    return out;
  }
}

/**
 * The canon's index depends on the canon, the dataset and the date, not on the archives: built
 * once and shared by the completers of the same data (the editor builds one per reference date and
 * again when the archive is re-mined).
 */
const canonCache = new WeakMap<readonly CanonEntry[], WeakMap<Dataset, Map<IsoDate, CanonIndex>>>();
function canonIndex(canon: readonly CanonEntry[], dataset: Dataset, date: IsoDate, build: () => CanonIndex): CanonIndex {
  let byDataset = canonCache.get(canon);
  if (!byDataset) canonCache.set(canon, (byDataset = new WeakMap()));
  let byDate = byDataset.get(dataset);
  if (!byDate) byDataset.set(dataset, (byDate = new Map()));
  let index = byDate.get(date);
  if (!index) byDate.set(date, (index = build()));
  return index;
}

/**
 * The order of the list: what accepting a suggestion is expected to save — its score (probability
 * × length, with the sources' boosts) for the characters beyond the key that accepts it, each
 * character past the second doubted (LENGTH_DOUBT) — except a canon formulation the drafter
 * is likely writing (CANON_WHOLE): a standard formulation is one unit, curated and dated, and is
 * meant to come whole and first. A one-character insert saves nothing and goes last.
 */
function rankValue(c: Candidate): number {
  const L = c.insert.length;
  const saved = (c.score * Math.max(0, L - ACCEPT_KEYS)) / L;
  if (c.kind === 'canon' && c.prob >= CANON_WHOLE) return saved;
  return saved * Math.min(1, Math.max(1e-9, c.prob)) ** (LENGTH_DOUBT * Math.max(0, L - 2));
}

/** Candidates looked at when the list is chosen (the best by rankValue). */
const SET_POOL = 20;
/**
 * After a prefix of a continuation is accepted, the share of what the rest would save that the
 * next request recovers (it offers the rest, mostly first). Measured by typing with this list:
 * 0.66 on held-out external documents (protocol 3 of bench/eval.ts), 0.63 on the seeds alone.
 */
const RECOVERED = 0.65;

const byRank = (a: Candidate, b: Candidate) => rankValue(b) - rankValue(a) || b.insert.length - a.insert.length || (a.insert < b.insert ? -1 : 1);

/**
 * The list as a set. Accepting the suggestion at rank r costs r keys and skips its length, and the
 * drafter takes the best one that is right: what a list is worth is the expected best of its
 * entries, not the sum of their values. The candidates' events are nested: a continuation and its
 * prefixes are right together (if 和改进机关党的建设 is right, 和改进 is too); continuations that
 * part ways are never right together. So each candidate's "own" chance is that it is the longest
 * candidate the text goes on with (its probability less that of its nearest longer candidates), and
 * the list is chosen rank by rank: each time the candidate that adds most to what the list is
 * expected to save, given the entries above it. A prefix of an entry listed above adds only where
 * that entry is wrong; a continuation that parts ways with every entry adds its whole chance. A
 * listed prefix of the continuation the text goes on with is worth its own saving plus what the
 * next request recovers of the rest (RECOVERED). A candidate's probability is the one the ranking
 * uses (rankValue ÷ what it saves at rank 1: the source's estimate with its boost, doubted for
 * length). Once nothing adds anything, the rest follows by rankValue. `value` is what the entry
 * adds (never more than the one above).
 */
export function chooseList<C extends Candidate>(ranked: readonly C[], limit: number, ok: (c: C) => boolean): { c: C; value: number }[] {
  const pool = ranked.slice(0, SET_POOL);
  const n = pool.length;
  const len = pool.map((c) => c.insert.length);
  const q = pool.map((c, i) => rankValue(c) / Math.max(1, len[i] - ACCEPT_KEYS));
  // longer[a]: the candidates that go on from a
  const longer: number[][] = pool.map(() => []);
  for (let a = 0; a < n; a++) for (let i = 0; i < n; i++) if (len[i] > len[a] && pool[i].insert.startsWith(pool[a].insert)) longer[a].push(i);
  const own = q.map((p, a) => {
    // less the nearest longer ones (no other longer one of a in between)
    for (const i of longer[a]) if (!longer[a].some((k) => longer[k].includes(i))) p -= q[i];
    return Math.max(0, p);
  });
  const saves = (a: number, i: number, rank: number) => len[a] - rank + (i === a ? 0 : RECOVERED * Math.max(0, len[i] - len[a] - ACCEPT_KEYS));
  const got = new Float64Array(n);
  const tried = new Uint8Array(n);
  const out: { c: C; value: number }[] = [];
  while (out.length < limit) {
    const rank = out.length + 1;
    let best = -1;
    let bestAdd = 0;
    for (let a = 0; a < n; a++) {
      // accepting costs `rank` keys: it must save more than that
      if (tried[a] || len[a] <= rank) continue;
      let add = own[a] * Math.max(0, saves(a, a, rank) - got[a]);
      for (const i of longer[a]) add += own[i] * Math.max(0, saves(a, i, rank) - got[i]);
      if (add > bestAdd + 1e-12) {
        bestAdd = add;
        best = a;
      }
    }
    if (best < 0) break;
    tried[best] = 1;
    if (!ok(pool[best])) continue;
    got[best] = Math.max(got[best], saves(best, best, rank));
    for (const i of longer[best]) got[i] = Math.max(got[i], saves(best, i, rank));
    out.push({ c: pool[best], value: Math.min(bestAdd, out.length ? out[out.length - 1].value : Infinity) });
  }
  // nothing adds anything more: the rest by rankValue
  const listed = new Set(out.map((x) => x.c));
  for (let k = 0; k < ranked.length && out.length < limit; k++) {
    const c = ranked[k];
    if (listed.has(c) || (k < n && tried[k])) continue;
    if (ok(c)) out.push({ c, value: 0 });
  }
  return out;
}

/** Opens a quotation or a title it does not close (“两个 of “两个维护”). */
function opensQuote(s: string): boolean {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  return count(/[“"]/g) > count(/[”"]/g) || count(/《/g) > count(/》/g) || count(/（/g) > count(/）/g);
}

function contextParagraphs(ctx: CompleteOptions['context']): string[] {
  if (!ctx) return [];
  const list = typeof ctx === 'string' ? ctx.split(/\r\n|\r|\n/) : ctx.flatMap((p) => p.split(/\r\n|\r|\n/));
  const pars = list.filter((p) => p.trim());
  return pars.slice(-CONTEXT_PARAGRAPHS);
}
