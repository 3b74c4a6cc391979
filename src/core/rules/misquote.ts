/**
 * Misquoted canonical formulations: a sentence that comes close to a glossary entry's canonical
 * text (or one clause of it) without matching it — words dropped, changed or reordered — gets the
 * canonical text as its fix. Exact quotes are silent.
 *
 * Cheap filters first: every canonical clause is indexed by its character bigrams; a sentence is a
 * candidate for a clause only when it shares most of the clause's bigrams (`need`).
 * - Which sentences are read at all is decided from the shared automaton's hits, by pigeonhole:
 *   each clause gives the automaton `anchors` among its bigrams (the rarest ones); a sentence can
 *   reach the clause's share only if it holds at least `required` distinct anchors of that clause
 *   (`need` less the clause's bigrams that are not anchors). Anchors are chosen so that `required`
 *   is 2 where the clause is long enough: one common anchor alone (平新 of 习近平新时代…) reads
 *   nothing. Sentence ends come from the text model's marks.
 * - A sentence is read from char codes: a unit table says which units start a clause bigram, a
 *   bloom bit and a typed hash table find the bigram.
 * Only for a candidate is the Levenshtein distance (fast-levenshtein) computed, on one window per
 * candidate.
 */
import { sinceToIso } from '../date';
import type { Glossary } from '../glossary';
import type { GlossaryEntry } from '../model';
import type { FindingKind, FindingSink } from '../findings';
import { requireMarks } from '../text';
import type { RuleContext } from './context';
import { kindOf, type RuleMeta } from './meta';

export const canonicalWording: RuleMeta = {
  id: 'canonical-wording',
  category: 'nonstandard',
  severity: 'info',
  description: '引用固定提法时增删、改动字词或调整顺序',
  tags: ['提法', '引文'],
  details:
    '释义库中有规范全文的固定提法（如“两个维护”“四个意识”的完整表述、党的基本路线），文稿中的句子与其全文或其中一个分句十分接近却不一致时提示，并给出规范全文。' +
    '一字不差的引用不提示；相差太多（编辑距离超过分句长度的四分之一）的句子视为另说一事，也不提示。规范全文和出处见各提法的释义（“解释光标处提法”）。',
};

interface Clause {
  entry: GlossaryEntry;
  text: string;
  whole: boolean;
  bigrams: string[];
  /** What a misquote of the entry says (the same for each of its clauses). */
  kind: FindingKind;
  /**
   * The first day the canonical wording is certainly in force (the entry's `since`, read as rule
   * since-dates are): a text dated before it may word the formulation as it was then worded (the
   * 2018 government work report's 坚决维护习近平总书记核心地位…), and is not compared.
   */
  since?: string;
  /** Other wordings that central documents use verbatim for the same clause (see `DESIGNATIONS`). */
  variants: string[];
}

/**
 * Designations central documents use interchangeably inside a canonical formulation: the 6th
 * plenum's communiqué (2021-11-11) writes 坚决维护习近平同志党中央的核心、全党的核心地位 where
 * other documents write 习近平总书记. A quote with either is verbatim, not a misquote.
 */
const DESIGNATIONS: Array<[string, string]> = [['习近平总书记', '习近平同志']];

function variantsOf(text: string): string[] {
  const out: string[] = [];
  for (const [a, b] of DESIGNATIONS) {
    if (text.includes(a)) out.push(text.split(a).join(b));
    if (text.includes(b)) out.push(text.split(b).join(a));
  }
  return out;
}

export interface MisquoteIndex {
  clauses: Clause[];
  /**
   * Anchor bigrams, for the shared automaton: a sentence can reach a clause's share only if it
   * holds one of the clause's anchors (its distinct bigrams minus the share, plus one: pigeonhole).
   * The anchors chosen are the rarest bigrams in the data's own prose, so few sentences are read.
   */
  anchors: string[];
  /** Anchor index → the clauses it anchors (CSR), and per clause how many distinct anchors a
   * sentence must hold before it is read. */
  anchorStart: Int32Array;
  anchorClauses: Int32Array;
  required: Int32Array;
  /** Bigram table, open addressing: key (two UTF-16 units, packed) → bigram id, or -1. */
  keys: Uint32Array;
  ids: Int32Array;
  mask: number;
  /** Per UTF-16 unit: STOP (ends a sentence) and/or FIRST (starts some clause bigram). */
  cls: Uint8Array;
  /** A 2^16-bit filter of the bigrams (hashed): the cheap test before the table. */
  bloom: Int32Array;
  /** Bigram id → the clauses containing it (CSR). */
  clauseStart: Int32Array;
  clauseList: Int32Array;
  /** Per clause: how many of its distinct bigrams a sentence must share to be compared. */
  need: Int32Array;
}

const pack = (a: number, b: number) => ((a << 16) | b) >>> 0;
const bloomHash = (key: number) => (Math.imul(key, 0x85ebca6b) >>> 16) & 0xffff;
const STOP = 1;
const FIRST = 2;
const slot = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 0) & mask;

/** Minimum share of a clause's distinct bigrams a sentence must contain to be compared. */
const MIN_SHARED = 0.7;
/** Distinct anchors a sentence must hold (where the clause has bigrams enough): see the module comment. */
const ANCHORS_REQUIRED = 2;
/** Largest edit distance, relative to the clause length, still taken as a misquote. */
const MAX_RATIO = 0.25;
const MIN_CLAUSE = 10;

// fast-levenshtein is loaded on the first comparison: its module set-up builds an Intl.Collator
// (ICU data), which would otherwise cost every activation and CLI start about 8 ms.
let levenshteinFn: ((a: string, b: string) => number) | undefined;
function levenshtein(a: string, b: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  levenshteinFn ??= (require('fast-levenshtein') as typeof import('fast-levenshtein')).get;
  return levenshteinFn(a, b);
}

function bigramsOf(s: string): string[] {
  const set = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) set.add(s.slice(i, i + 2));
  return [...set];
}

const STOP_CHARS = '。！？!?\n\r';
requireMarks(STOP_CHARS); // sentence ends are found among the text model's marks

/** Which anchors an index chose: stored with the precompiled built-in data (choosing reads all the data's prose). */
export type AnchorChoice = Pick<MisquoteIndex, 'anchors' | 'anchorStart' | 'anchorClauses' | 'required'>;

/**
 * The clause index of a glossary. `prose`: text to estimate how common a bigram is (the rules'
 * and glossary's own explanations); it only decides which anchors are chosen, never a result.
 * `anchors`: the choice an index of the same glossary made before (then `prose` is not read).
 */
export function buildMisquoteIndex(glossary: Glossary, prose: string | (() => string) = '', anchors?: AnchorChoice): MisquoteIndex {
  const clauses: Clause[] = [];
  for (const entry of glossary.entries) {
    if (!entry.canonical) continue;
    const parts = entry.canonical.split(/[，；]/).filter((p) => p.length >= MIN_CLAUSE);
    const texts = new Map<string, boolean>([[entry.canonical, true]]);
    if (parts.length > 1) for (const p of parts) if (!texts.has(p)) texts.set(p, false);
    const kind: FindingKind = kindOf(canonicalWording, {
      reason: `“${entry.term}”有固定的规范表述，引用时不宜增删或改动字词、调整顺序。`,
      source: entry.source,
      confidence: 'medium',
    });
    const since = entry.since ? sinceToIso(entry.since) : undefined;
    for (const [text, whole] of texts) {
      clauses.push({ entry, text, whole, bigrams: bigramsOf(text), kind, variants: variantsOf(text), ...(since ? { since } : {}) });
    }
  }
  const bigramId = new Map<number, number>();
  const clausesOf: number[][] = [];
  const cls = new Uint8Array(65536);
  for (const ch of STOP_CHARS) cls[ch.charCodeAt(0)] = STOP;
  const bloom = new Int32Array(2048);
  clauses.forEach((c, i) => {
    for (const b of c.bigrams) {
      const key = pack(b.charCodeAt(0), b.charCodeAt(1));
      cls[b.charCodeAt(0)] |= FIRST;
      const bh = bloomHash(key);
      bloom[bh >>> 5] |= 1 << (bh & 31);
      let id = bigramId.get(key);
      if (id === undefined) {
        id = clausesOf.length;
        bigramId.set(key, id);
        clausesOf.push([]);
      }
      clausesOf[id].push(i);
    }
  });
  let size = 16;
  while (size < bigramId.size * 2) size *= 2;
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const ids = new Int32Array(size).fill(-1);
  for (const [key, id] of bigramId) {
    let h = slot(key, mask);
    while (ids[h] !== -1) h = (h + 1) & mask;
    keys[h] = key;
    ids[h] = id;
  }
  const clauseStart = new Int32Array(clausesOf.length + 1);
  for (let b = 0; b < clausesOf.length; b++) clauseStart[b + 1] = clauseStart[b] + clausesOf[b].length;
  const clauseList = Int32Array.from(clausesOf.flat());
  const need = Int32Array.from(clauses, (c) => Math.ceil(c.bigrams.length * MIN_SHARED - 1e-9));
  if (anchors && anchors.required.length !== clauses.length) throw new RangeError('anchor choice of another glossary');
  const choice = anchors ?? chooseAnchors(clauses, need, typeof prose === 'function' ? prose() : prose);
  return { clauses, ...choice, keys, ids, mask, cls, bloom, clauseStart, clauseList, need };
}

/**
 * Per clause, its rarest countable bigrams: as many as the pigeonhole needs for a sentence at its
 * share to hold `ANCHORS_REQUIRED` of them, or all of them for a short clause.
 */
function chooseAnchors(
  clauses: Clause[],
  need: Int32Array,
  prose: string,
): Pick<MisquoteIndex, 'anchors' | 'anchorStart' | 'anchorClauses' | 'required'> {
  const freq = new Map<string, number>();
  for (let i = 0; i + 1 < prose.length; i++) {
    const b = prose.slice(i, i + 2);
    freq.set(b, (freq.get(b) ?? 0) + 1);
  }
  const chosen: string[][] = [];
  const required = new Int32Array(clauses.length);
  clauses.forEach((c, i) => {
    // A bigram with a sentence end in it is never counted (the sentence ends there).
    const countable = c.bigrams.filter((b) => !STOP_CHARS.includes(b[0]) && !STOP_CHARS.includes(b[1]));
    const atLeastOne = countable.length - need[i] + 1;
    if (atLeastOne <= 0) return void chosen.push([]); // can never reach its share
    const k = Math.min(countable.length, atLeastOne + ANCHORS_REQUIRED - 1);
    const rarest = [...countable].sort((a, b) => (freq.get(a) ?? 0) - (freq.get(b) ?? 0) || (a < b ? -1 : 1));
    chosen.push(rarest.slice(0, k));
    // At `need` shared bigrams, at most (countable - k) of them are not anchors.
    required[i] = need[i] - (countable.length - k);
  });
  const anchors = [...new Set(chosen.flat())].sort();
  const at = new Map(anchors.map((a, k) => [a, k]));
  const of: number[][] = anchors.map(() => []);
  chosen.forEach((list, i) => list.forEach((a) => of[at.get(a)!].push(i)));
  const anchorStart = new Int32Array(anchors.length + 1);
  for (let k = 0; k < anchors.length; k++) anchorStart[k + 1] = anchorStart[k] + of[k].length;
  return { anchors, anchorStart, anchorClauses: Int32Array.from(of.flat()), required };
}

function bigramIdAt(idx: MisquoteIndex, key: number): number {
  const { keys, ids, mask } = idx;
  for (let h = slot(key, mask); ; h = (h + 1) & mask) {
    const id = ids[h];
    if (id === -1 || keys[h] === key) return id;
  }
}

/**
 * Windows of the sentence that may line up with the clause: from an occurrence of the clause's
 * first two characters to the last occurrence of its last two. A quote must begin and end as the
 * canonical text does; a sentence that only shares its middle (以…思想为指导 against
 * 确立…思想的指导地位) is another sentence, not a misquote.
 */
function windowsFor(sentence: string, clause: string): Array<[number, number]> {
  const e = sentence.lastIndexOf(clause.slice(-2));
  if (e < 0) return [];
  const out: Array<[number, number]> = [];
  const head = clause.slice(0, 2);
  for (let s = sentence.indexOf(head); s >= 0 && s < e && out.length < 6; s = sentence.indexOf(head, s + 1)) {
    out.push([s, e + 2]);
  }
  return out;
}

/** Reads sentences: counts their clause bigrams and compares the candidates. */
class SentenceReader {
  private readonly counts: Int32Array;
  // Clauses counted in the current sentence, and those that reached their share (typed buffers:
  // this is reset for every sentence).
  private readonly touched: Int32Array;
  private readonly candidates: Int32Array;
  // Which sentence last counted each bigram: counts each distinct bigram once per sentence.
  private readonly stamp: Int32Array;
  private sentenceNo = 0;

  constructor(
    private readonly idx: MisquoteIndex,
    private readonly text: string,
    private readonly codes: Uint16Array,
    private readonly out: FindingSink,
    /** The reference date: clauses not yet in force then are not compared. */
    private readonly date: string,
  ) {
    this.counts = new Int32Array(idx.clauses.length);
    this.touched = new Int32Array(idx.clauses.length);
    this.candidates = new Int32Array(idx.clauses.length);
    this.stamp = new Int32Array(idx.clauseStart.length).fill(-1);
  }

  /** Reads the sentence starting at `s`; returns its end (a sentence end's offset, or the length). */
  read(s: number): number {
    const { idx, text, codes, counts, touched, candidates, stamp } = this;
    const { cls, bloom, clauseStart, clauseList, need } = idx;
    const n = codes.length;
    const sentenceNo = ++this.sentenceNo;
    let nTouched = 0;
    let nCandidates = 0;
    let e = s;
    let prev = 0;
    let prevFirst = false;
    for (; e < n; e++) {
      const c = codes[e];
      const k = cls[c];
      if ((k & STOP) !== 0) break;
      if (prevFirst) {
        const key = pack(prev, c);
        const bh = bloomHash(key);
        if ((bloom[bh >>> 5] & (1 << (bh & 31))) !== 0) {
          const id = bigramIdAt(idx, key);
          if (id >= 0 && stamp[id] !== sentenceNo) {
            stamp[id] = sentenceNo;
            for (let j = clauseStart[id]; j < clauseStart[id + 1]; j++) {
              const cl = clauseList[j];
              const v = ++counts[cl];
              if (v === 1) touched[nTouched++] = cl;
              if (v === need[cl]) candidates[nCandidates++] = cl;
            }
          }
        }
      }
      prev = c;
      prevFirst = (k & FIRST) !== 0;
    }
    if (nCandidates > 0 && e - s >= MIN_CLAUSE) {
      compare(idx, s, text.slice(s, e), Array.from(candidates.subarray(0, nCandidates)), this.out, this.date);
    }
    for (let k = 0; k < nTouched; k++) counts[touched[k]] = 0;
    return e;
  }
}

/**
 * Misquotes, reading only the sentences where the shared automaton found enough distinct anchors
 * of one clause (an anchor's automaton pattern has `owners[p].anchor`, its index in `anchors`).
 */
export function checkMisquotes(ctx: RuleContext, out: FindingSink): void {
  const { text, hits, dataset } = ctx;
  const idx = dataset.misquote;
  if (!idx.clauses.length) return;
  const { codes, marks } = ctx.doc;
  const reader = new SentenceReader(idx, text, codes, out, ctx.date);
  const { owners } = dataset;
  const { cls, anchorStart, anchorClauses, required } = idx;
  const counts = new Int32Array(idx.clauses.length);
  // The clauses counted in the current sentence. A typed buffer with its own count: emptying a
  // small array by `length = 0` lets V8 drop its backing store, which the next push then makes
  // again, once per sentence (about 1.8 MB a check at 8 MB).
  const touched = new Int32Array(idx.clauses.length);
  let nTouched = 0;
  const seen = new Int32Array(idx.anchors.length); // sentence number that last counted each anchor
  let sentenceNo = 0;
  let start = 0; // the current sentence: [start, end), `end` a sentence end or the text length
  let end = -1;
  let m = 0; // next mark
  let read = false;
  for (let k = 0; k < hits.count; k++) {
    const a = owners[hits.pattern[k]].anchor;
    if (a === undefined) continue;
    const hitStart = hits.start[k];
    if (hitStart > end) {
      // A later sentence: its ends are the sentence-end marks around the hit (an anchor holds none).
      while (m < marks.length && (marks[m] < hitStart || (cls[codes[marks[m]]] & STOP) === 0)) {
        if ((cls[codes[marks[m]]] & STOP) !== 0) start = marks[m] + 1;
        m++;
      }
      end = m < marks.length ? marks[m] : codes.length;
      sentenceNo++;
      for (let t = 0; t < nTouched; t++) counts[touched[t]] = 0;
      nTouched = 0;
      read = false;
    }
    if (read || seen[a] === sentenceNo) continue;
    seen[a] = sentenceNo;
    for (let j = anchorStart[a]; j < anchorStart[a + 1]; j++) {
      const c = anchorClauses[j];
      if (counts[c]++ === 0) touched[nTouched++] = c;
      if (counts[c] === required[c]) read = true;
    }
    if (read) reader.read(start);
  }
}

/** Misquotes, reading every sentence: the reference the anchored reading is tested against. */
export function checkMisquotesEverywhere(ctx: RuleContext, out: FindingSink): void {
  const idx = ctx.dataset.misquote;
  if (!idx.clauses.length) return;
  const reader = new SentenceReader(idx, ctx.text, ctx.doc.codes, out, ctx.date);
  for (let s = 0; s < ctx.text.length; ) s = reader.read(s) + 1;
}

/** The candidate clauses of one sentence: exact quotes are silent, near ones are findings. */
function compare(idx: MisquoteIndex, offset: number, sentence: string, cands: number[], out: FindingSink, date: string): void {
  const covered: Array<[number, number]> = [];
  const candidates = cands
    .map((i) => idx.clauses[i])
    .filter((c) => c.since === undefined || date >= c.since)
    .sort((a, b) => Number(b.whole) - Number(a.whole) || b.text.length - a.text.length);
  const satisfied = new Set<GlossaryEntry>();
  for (const c of candidates) {
    const verbatim = sentence.includes(c.text) ? c.text : c.variants.find((v) => sentence.includes(v));
    if (verbatim !== undefined) {
      if (c.whole) satisfied.add(c.entry);
      const at = sentence.indexOf(verbatim);
      covered.push([at, at + verbatim.length]);
      continue;
    }
    if (satisfied.has(c.entry)) continue;
    // The closest of the candidate windows (a sentence may repeat the clause's first words).
    let best: { ws: number; we: number; d: number } | undefined;
    for (const [ws, we] of windowsFor(sentence, c.text)) {
      if (we - ws < c.text.length * 0.6 || we - ws > c.text.length * 1.5) continue;
      if (covered.some(([a, b]) => ws < b && we > a)) continue;
      const d = levenshtein(sentence.slice(ws, we), c.text);
      if (!best || d < best.d) best = { ws, we, d };
    }
    if (!best || best.d === 0 || best.d > c.text.length * MAX_RATIO) continue;
    const { ws, we, d } = best;
    const found = sentence.slice(ws, we);
    // One clause of a longer formulation, with words of its own in it (党的十九大确立了……的历史地位
    // against 确立……的指导地位), says something else unless the sentence names the formulation.
    if (!c.whole && bringsOwnWords(found, c.text) && !namesEntry(sentence, c.entry)) continue;
    covered.push([ws, we]);
    const start = offset + ws;
    const end = start + found.length;
    out.add(c.kind, start, end, `与“${c.entry.term}”的规范表述有出入（相差 ${d} 处），规范表述为：${c.text}`, { start, end, text: c.text });
  }
}

/**
 * Whether `found` holds two or more characters in a row that `canonical` does not supply (each
 * canonical character used once): words of its own, not a dropped, added or swapped character.
 */
export function bringsOwnWords(found: string, canonical: string): boolean {
  const pool = new Map<string, number>();
  for (const ch of canonical) pool.set(ch, (pool.get(ch) ?? 0) + 1);
  let run = 0;
  for (const ch of found) {
    const n = pool.get(ch) ?? 0;
    if (n > 0) {
      pool.set(ch, n - 1);
      run = 0;
    } else if (++run >= 2) return true;
  }
  return false;
}

function namesEntry(sentence: string, entry: GlossaryEntry): boolean {
  return sentence.includes(entry.term) || (entry.aliases ?? []).some((a) => sentence.includes(a));
}
