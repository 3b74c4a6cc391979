/**
 * Misquoted canonical formulations: a sentence that comes close to a glossary entry's canonical
 * text (or one clause of it) without matching it — words dropped, changed or reordered — gets the
 * canonical text as its fix. Exact quotes are silent.
 *
 * Cheap filter first: every canonical clause is indexed by its character bigrams; a sentence is a
 * candidate for a clause only when it shares most of the clause's bigrams. Sentences are read once,
 * from char codes: a unit table says where a sentence ends and which units start a clause bigram,
 * a bloom bit and a typed hash table find the bigram. Only for a candidate is the Levenshtein
 * distance (fast-levenshtein) computed, on one window per candidate.
 */
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
/** Largest edit distance, relative to the clause length, still taken as a misquote. */
const MAX_RATIO = 0.25;
const MIN_CLAUSE = 10;

const cache = new WeakMap<Glossary, Index>();

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
  const cls = new Uint8Array(65536);
  for (const ch of '。！？!?\n\r') cls[ch.charCodeAt(0)] = STOP;
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
  idx = { clauses, keys, ids, mask, cls, bloom, clauseStart, clauseList, need };
  cache.set(glossary, idx);
  return idx;
}

function bigramIdAt(idx: Index, key: number): number {
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

export function checkMisquotes(ctx: RuleContext): Finding[] {
  const idx = indexFor(ctx.dataset.glossary);
  if (!idx.clauses.length) return [];
  const { text } = ctx;
  const findings: Finding[] = [];
  const { cls, bloom, clauseStart, clauseList, need } = idx;
  const counts = new Int32Array(idx.clauses.length);
  // Clauses counted in the current sentence, and those that reached their share (typed buffers:
  // this is reset for every sentence).
  const touched = new Int32Array(idx.clauses.length);
  let nTouched = 0;
  const candidates = new Int32Array(idx.clauses.length);
  let nCandidates = 0;
  // Which sentence last counted each bigram: counts each distinct bigram once per sentence.
  const stamp = new Int32Array(clauseStart.length).fill(-1);
  let sentenceNo = 0;
  const n = text.length;
  let s = 0;
  while (s < n) {
    // The sentence [s, e): bigrams are counted as it is read.
    sentenceNo++;
    let e = s;
    let prev = 0;
    let prevFirst = false;
    for (; e < n; e++) {
      const c = text.charCodeAt(e);
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
      compare(idx, s, text.slice(s, e), Array.from(candidates.subarray(0, nCandidates)), findings);
    }
    for (let k = 0; k < nTouched; k++) counts[touched[k]] = 0;
    nTouched = 0;
    nCandidates = 0;
    s = e + 1;
  }
  return findings;
}

/** The candidate clauses of one sentence: exact quotes are silent, near ones are findings. */
function compare(idx: Index, offset: number, sentence: string, cands: number[], findings: Finding[]): void {
  const covered: Array<[number, number]> = [];
  const candidates = cands
    .map((i) => idx.clauses[i])
    .sort((a, b) => Number(b.whole) - Number(a.whole) || b.text.length - a.text.length);
  const satisfied = new Set<GlossaryEntry>();
  for (const c of candidates) {
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
    const start = offset + ws;
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
