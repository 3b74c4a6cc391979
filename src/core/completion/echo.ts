/**
 * What this draft already said: when the typed text ends with words that occur earlier in the
 * document (the paragraphs before, and the current one), what followed them there, up to the next
 * clause punctuation. A speech repeats its own key phrases (机关党建工作, 走在前、作表率) far more
 * than any archive can predict; the drafter's own text is the strongest evidence there is.
 *
 * The longest typed key (≥ 2 characters, starting at a word boundary) found earlier wins; the
 * certainty grows with how unusual the key is and how many of the continuations that followed it
 * begin with the suggestion, and falls with each further word.
 */
import { NO_END } from './predict';
import type { Candidate } from './types';

const MIN_KEY = 2;
const MAX_KEY = 24;
const MAX_INSERT = 24;
/** Continuations looked at (the most frequent). */
const MAX_CONTS = 12;
/** How much less likely each further word of a repeated continuation is. */
const DECAY = 0.7;
const STOP = /[，。；：！？,.;:!?\n]/;
const CLOSING = /[”’》）」』)]/;
const CLOSING_G = /[”’》）」』)]/g;
const OPENING_G = /[“‘《（「『(]/g;

export interface EchoQuery {
  /** The typed text of the paragraph, as written and quote-folded (same offsets). */
  written: string;
  folded: string;
  /** Earlier paragraphs joined by line breaks, as written and quote-folded. */
  before: string;
  beforeFolded: string;
  isBoundary: (i: number) => boolean;
  surprise: (i: number) => number;
  /** Where words start in a piece of text (to cut a shorter suggestion at a word end). */
  wordStarts: (s: string) => number[];
  tailForCheck: string;
}

export function echoCandidates(q: EchoQuery, out: Candidate[]): void {
  const { folded } = q;
  if (folded.length < MIN_KEY) return;
  // The longest key found earlier: keys grow from the shortest, and a key not found ends the
  // search (a longer one, ending with it, cannot be found either).
  let found = -1;
  for (let L = MIN_KEY; L <= Math.min(MAX_KEY, folded.length); L++) {
    const key = folded.slice(folded.length - L);
    if (q.beforeFolded.indexOf(key) < 0 && folded.indexOf(key) === folded.length - L) break;
    if (q.isBoundary(folded.length - L) && !(STOP.test(key[key.length - 1]) && L < 6)) found = L;
  }
  if (found < 0) return;
  const L = found;
  const start = folded.length - L;
  const key = folded.slice(start);
  // occurrences before: in earlier paragraphs, and earlier in this one (not the typed key itself)
  const conts = new Map<string, number>();
  let n = 0;
  const collect = (hay: string, text: string, limit: number) => {
    for (let i = hay.indexOf(key); i >= 0 && i + L <= limit; i = hay.indexOf(key, i + 1)) {
      n++;
      const after = text.slice(i + L, Math.min(limit, i + L + MAX_INSERT));
      const m = STOP.exec(after);
      const c = m ? after.slice(0, m.index) : after;
      if (c) conts.set(c, (conts.get(c) ?? 0) + 1);
    }
  };
  collect(q.beforeFolded, q.before, q.beforeFolded.length);
  collect(folded, q.written, start);
  if (!n) return;
  const sure = Math.min(1, Math.max(0.05, (q.surprise(start) - 1.5) / 4));
  // Every piece of the continuations seen after the key that ends at a word end is a candidate,
  // with the support of all the continuations that begin with it: where they agree, a piece is as
  // likely as all of them together (和改进机关党的建设 followed 加强 three times, each time with a
  // different ending). Each further word is less sure (DECAY): a drafter repeats the start of a
  // phrase far more often than the whole clause.
  const top = [...conts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CONTS);
  const support = (piece: string) => {
    let k = 0;
    for (const [c, m] of top) if (c.startsWith(piece)) k += m;
    return k;
  };
  const pieces = new Map<string, number>();
  for (const [c] of top) {
    const cuts = q.wordStarts(c).filter((x) => x > 0 && x < c.length);
    cuts.push(c.length);
    cuts.forEach((cut, j) => {
      // never end on a word that needs what follows (的, 和, 对 …)
      if (NO_END.has(c.slice(j ? cuts[j - 1] : 0, cut))) return;
      // never end inside a quotation or title the piece opened: take its closing mark along
      while (cut < c.length && CLOSING.test(c[cut])) cut++;
      if (cut >= 2 && !pieces.has(c.slice(0, cut)) && !opensMore(c.slice(0, cut))) pieces.set(c.slice(0, cut), j + 1);
    });
  }
  for (const [piece, words] of pieces) {
    add(piece, ((sure * support(piece)) / (n + 0.5)) * DECAY ** (words - 1), out, q);
  }
}

/** Whether `s` opens more quotations or titles than it closes (it would stop inside one). */
function opensMore(s: string): boolean {
  return (s.match(OPENING_G) ?? []).length > (s.match(CLOSING_G) ?? []).length;
}

function add(insert: string, prob: number, out: Candidate[], q: EchoQuery): void {
  out.push({
    insert,
    label: insert,
    kind: 'recent',
    detail: '本文前文',
    score: Math.min(1, prob) * insert.length,
    prob: Math.min(1, prob),
    checkText: q.tailForCheck + insert,
  });
}
