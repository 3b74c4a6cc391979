/**
 * Misquoted canonical formulations: a sentence that comes close to a glossary entry's canonical
 * text (or one clause of it) without matching it — words dropped, changed or reordered — gets the
 * canonical text as its fix. Exact quotes are silent.
 *
 * Cheap filter first: every canonical clause is indexed by its character bigrams; a sentence is a
 * candidate for a clause only when it shares most of the clause's bigrams. Only then is the
 * Levenshtein distance (fast-levenshtein) computed, on one window per candidate.
 */
import { get as levenshtein } from 'fast-levenshtein';
import type { Glossary } from '../glossary';
import type { GlossaryEntry } from '../model';
import type { Finding } from '../types';
import type { RuleContext } from './context';

interface Clause {
  entry: GlossaryEntry;
  text: string;
  whole: boolean;
  bigrams: string[];
}

interface Index {
  clauses: Clause[];
  /** Bigram (two UTF-16 units packed in a number) → its id. */
  bigramId: Map<number, number>;
  /** Bigram id → the clauses containing it. */
  clausesOf: number[][];
}

const pack = (s: string, i: number) => s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);

/** Minimum share of a clause's distinct bigrams a sentence must contain to be compared. */
const MIN_SHARED = 0.7;
/** Largest edit distance, relative to the clause length, still taken as a misquote. */
const MAX_RATIO = 0.25;
const MIN_CLAUSE = 10;

const cache = new WeakMap<Glossary, Index>();

function bigramsOf(s: string): string[] {
  const set = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) set.add(s.slice(i, i + 2));
  return [...set];
}

function indexFor(glossary: Glossary): Index {
  let idx = cache.get(glossary);
  if (idx) return idx;
  const clauses: Clause[] = [];
  for (const entry of glossary.entries) {
    if (!entry.canonical) continue;
    const parts = entry.canonical.split(/[，；]/).filter((p) => p.length >= MIN_CLAUSE);
    const texts = new Map<string, boolean>([[entry.canonical, true]]);
    if (parts.length > 1) for (const p of parts) if (!texts.has(p)) texts.set(p, false);
    for (const [text, whole] of texts) clauses.push({ entry, text, whole, bigrams: bigramsOf(text) });
  }
  const bigramId = new Map<number, number>();
  const clausesOf: number[][] = [];
  clauses.forEach((c, i) => {
    for (const b of c.bigrams) {
      const key = pack(b, 0);
      let id = bigramId.get(key);
      if (id === undefined) {
        id = clausesOf.length;
        bigramId.set(key, id);
        clausesOf.push([]);
      }
      clausesOf[id].push(i);
    }
  });
  idx = { clauses, bigramId, clausesOf };
  cache.set(glossary, idx);
  return idx;
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

export function checkMisquotes(ctx: RuleContext): Finding[] {
  const idx = indexFor(ctx.dataset.glossary);
  if (!idx.clauses.length) return [];
  const { text } = ctx;
  const findings: Finding[] = [];
  const counts = new Int32Array(idx.clauses.length);
  // Which sentence last counted each bigram: counts each distinct bigram once per sentence.
  const stamp = new Int32Array(idx.clausesOf.length).fill(-1);
  let sentenceNo = 0;
  const sentenceRe = /[^。！？!?\n\r]+/g;
  let m: RegExpExecArray | null;
  while ((m = sentenceRe.exec(text))) {
    const sentence = m[0];
    if (sentence.length < MIN_CLAUSE) continue;
    sentenceNo++;
    let any = false;
    for (let i = 0; i + 1 < sentence.length; i++) {
      const id = idx.bigramId.get(pack(sentence, i));
      if (id === undefined || stamp[id] === sentenceNo) continue;
      if (!any) {
        counts.fill(0);
        any = true;
      }
      stamp[id] = sentenceNo;
      for (const c of idx.clausesOf[id]) counts[c]++;
    }
    if (!any) continue;
    const covered: Array<[number, number]> = [];
    const candidates = idx.clauses
      .map((c, i) => ({ c, shared: counts[i] / c.bigrams.length }))
      .filter((x) => x.shared >= MIN_SHARED)
      .sort((a, b) => Number(b.c.whole) - Number(a.c.whole) || b.c.text.length - a.c.text.length);
    const satisfied = new Set<GlossaryEntry>();
    for (const { c } of candidates) {
      if (sentence.includes(c.text)) {
        if (c.whole) satisfied.add(c.entry);
        const at = sentence.indexOf(c.text);
        covered.push([at, at + c.text.length]);
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
      covered.push([ws, we]);
      const start = m.index + ws;
      findings.push({
        ruleId: 'canonical-wording',
        category: 'nonstandard',
        severity: 'info',
        start,
        end: start + found.length,
        message: `与“${c.entry.term}”的规范表述有出入（相差 ${d} 处），规范表述为：${c.text}`,
        fix: { start, end: start + found.length, text: c.text },
        reason: `“${c.entry.term}”有固定的规范表述，引用时不宜增删或改动字词、调整顺序。`,
        source: c.entry.source,
        confidence: 'medium',
      });
    }
  }
  return findings;
}
