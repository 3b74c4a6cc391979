/**
 * The clause index the misquote rule (src/core/rules/misquote.ts) reads sentences with: every
 * canonical clause of the glossary by its character bigrams, and the anchors the shared automaton
 * looks for. Its tables are its own: the rule asks it which sentences to read and which clauses a
 * sentence comes close to, and compares those.
 *
 * Cheap filters first: a sentence is a candidate for a clause only when it shares most of the
 * clause's distinct bigrams (`need`).
 * - Which sentences are read at all is decided from the shared automaton's hits, by pigeonhole:
 *   each clause gives the automaton `anchors` among its bigrams (the rarest ones); a sentence can
 *   reach the clause's share only if it holds at least `required` distinct anchors of that clause
 *   (`need` less the clause's bigrams that are not anchors). Anchors are chosen so that `required`
 *   is 2 where the clause is long enough: one common anchor alone (平新 of 习近平新时代…) reads
 *   nothing. Sentence ends come from the text model's marks.
 * - A sentence is read from char codes: a unit table says which units start a clause bigram, a
 *   bloom bit and a typed hash table find the bigram.
 */
import type { Hits } from '../ahocorasick';
import type { Glossary } from '../glossary';
import type { GlossaryEntry } from '../model';
import { requireMarks } from '../text';

/** A canonical text of a glossary entry, or one clause of it. */
export interface Clause {
  readonly entry: GlossaryEntry;
  readonly text: string;
  /** The entry's whole canonical text (not one of its clauses). */
  readonly whole: boolean;
}

/** Which anchors an index chose: stored with the precompiled built-in data (choosing reads all the data's prose). */
export interface AnchorChoice {
  anchors: string[];
  anchorStart: Int32Array;
  anchorClauses: Int32Array;
  required: Int32Array;
}

/** Shortest clause compared (a shorter sentence is not read either). */
export const MIN_CLAUSE = 10;
/** Minimum share of a clause's distinct bigrams a sentence must contain to be compared. */
const MIN_SHARED = 0.7;
/** Distinct anchors a sentence must hold (where the clause has bigrams enough): see the module comment. */
const ANCHORS_REQUIRED = 2;

const pack = (a: number, b: number) => ((a << 16) | b) >>> 0;
const bloomHash = (key: number) => (Math.imul(key, 0x85ebca6b) >>> 16) & 0xffff;
const slot = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
const STOP = 1;
const FIRST = 2;
const STOP_CHARS = '。！？!?\n\r';
requireMarks(STOP_CHARS); // sentence ends are found among the text model's marks

function bigramsOf(s: string): string[] {
  const set = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) set.add(s.slice(i, i + 2));
  return [...set];
}

export class MisquoteIndex {
  readonly clauses: readonly Clause[];
  /**
   * Anchor bigrams, for the shared automaton (the dataset adds them to its literals; a hit of
   * anchor k reaches `sentencesToRead` as `k`).
   */
  readonly anchors: readonly string[];
  // Anchor k → the clauses it anchors (CSR); per clause, how many distinct anchors a sentence
  // must hold before it is read.
  private readonly anchorStart: Int32Array;
  private readonly anchorClauses: Int32Array;
  private readonly required: Int32Array;
  // Bigram table, open addressing: key (two UTF-16 units, packed) → bigram id, or -1.
  private readonly keys: Uint32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;
  /** Per UTF-16 unit: STOP (ends a sentence) and/or FIRST (starts some clause bigram). */
  private readonly cls: Uint8Array;
  /** A 2^16-bit filter of the bigrams (hashed): the cheap test before the table. */
  private readonly bloom: Int32Array;
  // Bigram id → the clauses containing it (CSR).
  private readonly clauseStart: Int32Array;
  private readonly clauseList: Int32Array;
  /** Per clause: how many of its distinct bigrams a sentence must share to be compared. */
  private readonly need: Int32Array;

  /**
   * The index of a glossary's canonical texts. `prose`: text to estimate how common a bigram is
   * (the rules' and glossary's own explanations); it only decides which anchors are chosen, never
   * a result. `anchors`: the choice an index of the same glossary made before (then `prose` is not
   * read).
   */
  constructor(glossary: Glossary, prose: string | (() => string) = '', anchors?: AnchorChoice) {
    const clauses: Clause[] = [];
    const bigrams: string[][] = [];
    for (const entry of glossary.entries) {
      if (!entry.canonical) continue;
      const parts = entry.canonical.split(/[，；]/).filter((p) => p.length >= MIN_CLAUSE);
      const texts = new Map<string, boolean>([[entry.canonical, true]]);
      if (parts.length > 1) for (const p of parts) if (!texts.has(p)) texts.set(p, false);
      for (const [text, whole] of texts) {
        clauses.push({ entry, text, whole });
        bigrams.push(bigramsOf(text));
      }
    }
    this.clauses = clauses;
    const bigramId = new Map<number, number>();
    const clausesOf: number[][] = [];
    const cls = new Uint8Array(65536);
    for (const ch of STOP_CHARS) cls[ch.charCodeAt(0)] = STOP;
    const bloom = new Int32Array(2048);
    bigrams.forEach((list, i) => {
      for (const b of list) {
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
    this.mask = size - 1;
    this.keys = new Uint32Array(size);
    this.ids = new Int32Array(size).fill(-1);
    for (const [key, id] of bigramId) {
      let h = slot(key, this.mask);
      while (this.ids[h] !== -1) h = (h + 1) & this.mask;
      this.keys[h] = key;
      this.ids[h] = id;
    }
    this.cls = cls;
    this.bloom = bloom;
    this.clauseStart = new Int32Array(clausesOf.length + 1);
    for (let b = 0; b < clausesOf.length; b++) this.clauseStart[b + 1] = this.clauseStart[b] + clausesOf[b].length;
    this.clauseList = Int32Array.from(clausesOf.flat());
    this.need = Int32Array.from(bigrams, (list) => Math.ceil(list.length * MIN_SHARED - 1e-9));
    if (anchors && anchors.required.length !== clauses.length) throw new RangeError('anchor choice of another glossary');
    const choice = anchors ?? chooseAnchors(bigrams, this.need, typeof prose === 'function' ? prose() : prose);
    this.anchors = choice.anchors;
    this.anchorStart = choice.anchorStart;
    this.anchorClauses = choice.anchorClauses;
    this.required = choice.required;
  }

  /**
   * What the index holds for clause `i`: its anchors, how many distinct ones a sentence must hold
   * to be read, and how many of its distinct bigrams it must share to be compared (tests and docs).
   */
  clauseAnchors(i: number): { anchors: string[]; required: number; need: number } {
    const anchors: string[] = [];
    for (let k = 0; k < this.anchors.length; k++) {
      for (let j = this.anchorStart[k]; j < this.anchorStart[k + 1]; j++) if (this.anchorClauses[j] === i) anchors.push(this.anchors[k]);
    }
    return { anchors, required: this.required[i], need: this.need[i] };
  }

  /** The anchors chosen (to store with precompiled data; see the constructor). */
  anchorChoice(): AnchorChoice {
    return { anchors: [...this.anchors], anchorStart: this.anchorStart, anchorClauses: this.anchorClauses, required: this.required };
  }

  /**
   * The starts of the sentences worth reading: those where the shared automaton found, among the
   * hits, enough distinct anchors of one clause. `anchorOf[pattern]`: the anchor a hit's pattern
   * is (its index in `anchors`), or -1. `marks`: the text model's marks (sentence ends).
   */
  sentencesToRead(hits: Hits, anchorOf: Int32Array, codes: Uint16Array, marks: Int32Array, visit: (start: number) => void): void {
    const { cls, anchorStart, anchorClauses, required } = this;
    const counts = new Int32Array(this.clauses.length);
    // The clauses counted in the current sentence. A typed buffer with its own count: emptying a
    // small array by `length = 0` lets V8 drop its backing store, which the next push then makes
    // again, once per sentence (about 1.8 MB a check at 8 MB).
    const touched = new Int32Array(this.clauses.length);
    let nTouched = 0;
    const seen = new Int32Array(this.anchors.length); // sentence number that last counted each anchor
    let sentenceNo = 0;
    let start = 0; // the current sentence: [start, end), `end` a sentence end or the text length
    let end = -1;
    let m = 0; // next mark
    let read = false;
    for (let k = 0; k < hits.count; k++) {
      const a = anchorOf[hits.pattern[k]];
      if (a < 0) continue;
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
      if (read) visit(start);
    }
  }

  /**
   * A reader of one text's sentences: `read(s, onCandidates)` reads the sentence starting at `s`;
   * when it is long enough and reaches the share of some clauses, it gives them (indices into
   * `clauses`) to `onCandidates` with the sentence's end. `read` returns the end (a sentence end's
   * offset, or the length).
   */
  reader(codes: Uint16Array): SentenceReader {
    const { cls, bloom, clauseStart, clauseList, need } = this;
    const nClauses = this.clauses.length;
    const counts = new Int32Array(nClauses);
    // Clauses counted in the current sentence, and those that reached their share (typed buffers:
    // this is reset for every sentence).
    const touched = new Int32Array(nClauses);
    const candidates = new Int32Array(nClauses);
    // Which sentence last counted each bigram: counts each distinct bigram once per sentence.
    const stamp = new Int32Array(clauseStart.length).fill(-1);
    let sentenceNo = 0;
    const n = codes.length;
    const read = (s: number, onCandidates: (start: number, end: number, clauses: number[]) => void): number => {
      sentenceNo++;
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
            const id = this.bigramId(key);
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
      if (nCandidates > 0 && e - s >= MIN_CLAUSE) onCandidates(s, e, Array.from(candidates.subarray(0, nCandidates)));
      for (let k = 0; k < nTouched; k++) counts[touched[k]] = 0;
      return e;
    };
    return { read };
  }

  /** The id of a bigram (packed key), or -1. */
  private bigramId(key: number): number {
    const { keys, ids, mask } = this;
    for (let h = slot(key, mask); ; h = (h + 1) & mask) {
      const id = ids[h];
      if (id === -1 || keys[h] === key) return id;
    }
  }
}

/** See `MisquoteIndex.reader`. */
export interface SentenceReader {
  read(s: number, onCandidates: (start: number, end: number, clauses: number[]) => void): number;
}

/**
 * Per clause, its rarest countable bigrams: as many as the pigeonhole needs for a sentence at its
 * share to hold `ANCHORS_REQUIRED` of them, or all of them for a short clause.
 */
function chooseAnchors(bigrams: string[][], need: Int32Array, prose: string): AnchorChoice {
  const freq = new Map<string, number>();
  for (let i = 0; i + 1 < prose.length; i++) {
    const b = prose.slice(i, i + 2);
    freq.set(b, (freq.get(b) ?? 0) + 1);
  }
  const chosen: string[][] = [];
  const required = new Int32Array(bigrams.length);
  bigrams.forEach((list, i) => {
    // A bigram with a sentence end in it is never counted (the sentence ends there).
    const countable = list.filter((b) => !STOP_CHARS.includes(b[0]) && !STOP_CHARS.includes(b[1]));
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
