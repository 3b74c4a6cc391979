/**
 * Misquoted canonical formulations: a sentence that comes close to a glossary entry's canonical
 * text (or one clause of it) without matching it — words dropped, changed or reordered — gets the
 * canonical text as its fix. Exact quotes are silent.
 *
 * Which sentences are read, and which clauses a sentence comes close to, the dataset's clause
 * index says (src/core/rules/misquote-index.ts: bigrams, anchors in the shared automaton). Only for
 * such a candidate is the Levenshtein distance (fast-levenshtein) computed, on one window per
 * candidate.
 */
import { sinceToIso } from '../date';
import type { GlossaryEntry } from '../model';
import type { FindingKind, FindingSink } from '../findings';
import type { RuleContext } from './context';
import { kindOf, type RuleMeta } from './meta';
import type { Clause, MisquoteIndex } from './misquote-index';

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

/** Largest edit distance, relative to the clause length, still taken as a misquote. */
const MAX_RATIO = 0.25;

// fast-levenshtein is loaded on the first comparison: its module set-up builds an Intl.Collator
// (ICU data), which would otherwise cost every activation and CLI start about 8 ms.
let levenshteinFn: ((a: string, b: string) => number) | undefined;
function levenshtein(a: string, b: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  levenshteinFn ??= (require('fast-levenshtein') as typeof import('fast-levenshtein')).get;
  return levenshteinFn(a, b);
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

/** What the rule knows of a clause besides the index: its variants and since when it holds. */
interface ClauseFacts {
  /** Other wordings that central documents use verbatim for the same clause (see `DESIGNATIONS`). */
  variants: string[];
  /**
   * The first day the canonical wording is certainly in force (the entry's `since`, read as rule
   * since-dates are): a text dated before it may word the formulation as it was then worded (the
   * 2018 government work report's 坚决维护习近平总书记核心地位…), and is not compared.
   */
  since?: string;
}
const FACTS = new WeakMap<Clause, ClauseFacts>();
function factsOf(c: Clause): ClauseFacts {
  let f = FACTS.get(c);
  if (!f) {
    f = { variants: variantsOf(c.text), ...(c.entry.since ? { since: sinceToIso(c.entry.since) } : {}) };
    FACTS.set(c, f);
  }
  return f;
}

/** What a misquote of an entry says (the same for each of its clauses): one kind per entry. */
const KINDS = new WeakMap<GlossaryEntry, FindingKind>();
function kindFor(entry: GlossaryEntry): FindingKind {
  let k = KINDS.get(entry);
  if (!k) {
    k = kindOf(canonicalWording, {
      reason: `“${entry.term}”有固定的规范表述，引用时不宜增删或改动字词、调整顺序。`,
      source: entry.source,
      confidence: 'medium',
    });
    KINDS.set(entry, k);
  }
  return k;
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

/**
 * Misquotes, reading only the sentences where the shared automaton found enough distinct anchors
 * of one clause (an anchor's automaton pattern has `anchorOfPattern[p]`, its index in `anchors`).
 */
export function checkMisquotes(ctx: RuleContext, out: FindingSink): void {
  const { text, hits, dataset } = ctx;
  const idx = dataset.misquote;
  if (!idx.clauses.length) return;
  const { codes, marks } = ctx.doc;
  const reader = idx.reader(codes);
  const compareSentence = (s: number, e: number, clauses: number[]) => compare(idx, s, text.slice(s, e), clauses, out, ctx.date);
  idx.sentencesToRead(hits, dataset.anchorOfPattern, codes, marks, (start) => reader.read(start, compareSentence));
}

/** Misquotes, reading every sentence: the reference the anchored reading is tested against. */
export function checkMisquotesEverywhere(ctx: RuleContext, out: FindingSink): void {
  const idx = ctx.dataset.misquote;
  if (!idx.clauses.length) return;
  const reader = idx.reader(ctx.doc.codes);
  const compareSentence = (s: number, e: number, clauses: number[]) => compare(idx, s, ctx.text.slice(s, e), clauses, out, ctx.date);
  for (let s = 0; s < ctx.text.length; ) s = reader.read(s, compareSentence) + 1;
}

/** The candidate clauses of one sentence: exact quotes are silent, near ones are findings. */
function compare(idx: MisquoteIndex, offset: number, sentence: string, cands: number[], out: FindingSink, date: string): void {
  const covered: Array<[number, number]> = [];
  const candidates = cands
    .map((i): Clause => idx.clauses[i])
    .filter((c) => {
      const since = factsOf(c).since;
      return since === undefined || date >= since;
    })
    .sort((a, b) => Number(b.whole) - Number(a.whole) || b.text.length - a.text.length);
  const satisfied = new Set<GlossaryEntry>();
  for (const c of candidates) {
    const verbatim = sentence.includes(c.text) ? c.text : factsOf(c).variants.find((v) => sentence.includes(v));
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
    out.add(kindFor(c.entry), start, end, `与“${c.entry.term}”的规范表述有出入（相差 ${d} 处），规范表述为：${c.text}`, { start, end, text: c.text });
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
