/**
 * The next item of an enumeration takes the shape of the items before it. A drafter writes
 * 一要进一步强化主角意识。二要进一步强化主业意识。三要进一步强化主动意识, 一是持续加强政治建设；
 * 二是持续加强思想建设, （一）充分感受到机关党建工作地位比以往任何时候都高 / （二）充分感受到机关
 * 党建工作责任比以往任何时候都重: the items share their verb, their frame, or everything but one
 * slot. So after a marker (二是, 三要, 第二, （二）, 二、, 2.) the earlier items of the same run
 * (same family, ordinals counting down to it) are read, and lined up with what is typed of the new
 * item:
 * - nothing typed yet, or the typed part is how an earlier item began: what followed there;
 * - the typed part differs in one short slot of the same length (主角 → 主业, 政治 → 思想): the
 *   rest of the earlier item after that slot;
 * - the typed part ends with two or more characters the earlier item has after the shared start:
 *   what followed them there.
 * A continuation is offered at each of its word ends (never on 的/和/对…, never inside a quotation
 * it opens), each further word less sure; where several earlier items agree, it is surer.
 */
import { markersIn, type Family, type ScannedMarker } from '../markers';
import { NO_END } from './predict';
import type { Candidate } from './types';

/** Where a marker may stand inside a paragraph besides its start. */
const MARKER_AFTER = '。；！？：:;!?';
/** An item's first sentence ends here (what is compared). */
const ITEM_END = /[。；！？;!?\n]/;
const MAX_ITEM = 32;
/** Longest typed part of the new item still lined up with the earlier ones. */
const MAX_TYPED = 24;
/** Longest differing slot (characters) in a same-length substitution. */
const MAX_SLOT = 4;
/** Earlier items of the run looked at. */
const MAX_SIBLINGS = 3;
/** How sure a continuation is, by how it lines up (before agreement and length). */
const SURE_START = 0.45;
const SURE_PREFIX = 0.6;
const SURE_SLOT = 0.45;
/** The same, when the slot is the item's first characters (勇于担当作为 → 敢于 → 担当作为). */
const SURE_FIRST_SLOT = 0.25;
const SURE_RESYNC = 0.4;
/** Each further word of a continuation. */
const DECAY = 0.75;
const CLOSING = /[”’》）」』)]/;
const OPENING_G = /[“‘《（「『(]/g;
const CLOSING_G = /[”’》）」』)]/g;

interface Item {
  family: Family;
  ordinal: number;
  /** The item's text after its marker (its first sentence, at most MAX_ITEM characters). */
  text: string;
}

export class SiblingSource {
  private lastBefore = '';
  private beforeItems: Item[] = [];

  constructor(private readonly wordStarts: (s: string) => number[]) {}

  /** Items of the paragraphs before (joined by line breaks; scanned again only when they change). */
  private itemsBefore(before: string): Item[] {
    if (before === this.lastBefore) return this.beforeItems;
    this.lastBefore = before;
    this.beforeItems = markersIn(before, MARKER_AFTER).map((m) => itemAt(before, m));
    return this.beforeItems;
  }

  query(prefix: string, before: string, tailForCheck: string, out: Candidate[]): void {
    if (!prefix.trim()) return;
    this.markerRun(prefix, before, tailForCheck, out);
  }

  /** Items of an enumeration run (二是 after 一是 …). */
  private markerRun(prefix: string, before: string, tailForCheck: string, out: Candidate[]): void {
    const ms = markersIn(prefix, MARKER_AFTER);
    const cur = ms[ms.length - 1];
    if (!cur || cur.ordinal < 2 || cur.family === '附件') return;
    const typed = prefix.slice(cur.end);
    if (typed.length > MAX_TYPED || ITEM_END.test(typed)) return;
    // the earlier items of this run: same family, ordinals counting down (the nearest first)
    const earlier = [...this.itemsBefore(before), ...ms.slice(0, -1).map((m) => itemAt(prefix, m))];
    const siblings: string[] = [];
    let want = cur.ordinal - 1;
    for (let i = earlier.length - 1; i >= 0 && want >= 1 && siblings.length < MAX_SIBLINGS; i--) {
      const it = earlier[i];
      if (it.family !== cur.family) continue;
      if (it.ordinal !== want) break; // another run
      if (it.text) siblings.push(it.text);
      want--;
    }
    this.offer(typed, siblings, 1, `与前${siblings.length > 1 ? ` ${siblings.length} ` : ''}项同构（${cur.marker}）`, tailForCheck, out);
  }

  private offer(typed: string, siblings: string[], factor: number, detail: string, tailForCheck: string, out: Candidate[]): void {
    if (!siblings.length) return;
    const pieces = new Map<string, { sure: number; votes: number; words: number }>();
    for (const s of siblings) {
      const seen = new Set<string>();
      for (const { from, sure } of alignments(typed, s)) {
        for (const { piece, words } of this.piecesOf(s, from)) {
          if (seen.has(piece)) continue;
          seen.add(piece);
          const p = pieces.get(piece);
          if (!p) pieces.set(piece, { sure, votes: 1, words });
          else {
            p.sure = Math.max(p.sure, sure);
            p.votes++;
            p.words = Math.min(p.words, words);
          }
        }
      }
    }
    const n = siblings.length;
    for (const [piece, p] of pieces) {
      // never an earlier item again whole (a series does not repeat an item)
      if (siblings.includes(piece)) continue;
      const prob = Math.min(0.95, factor * p.sure * ((p.votes + 0.5) / (n + 0.5)) * DECAY ** (p.words - 1));
      out.push({ insert: piece, label: piece, kind: 'parallel', detail, prob, score: prob * piece.length, checkText: tailForCheck + piece });
    }
  }

  /** The continuations of `s` from offset `from` that end at a word end (and at its end). */
  private piecesOf(s: string, from: number): { piece: string; words: number }[] {
    if (from >= s.length) return [];
    const cuts = this.wordStarts(s).filter((x) => x > from && x < s.length);
    cuts.push(s.length);
    const out: { piece: string; words: number }[] = [];
    let prev = from;
    cuts.forEach((cut, j) => {
      const word = s.slice(prev, cut);
      prev = cut;
      if (NO_END.has(word)) return;
      while (cut < s.length && CLOSING.test(s[cut])) cut++;
      const piece = s.slice(from, cut);
      if (piece.length < 2 || opensMore(piece) || /[，、,：:]$/.test(piece)) return;
      out.push({ piece, words: j + 1 });
    });
    return out;
  }
}

function itemAt(text: string, m: ScannedMarker): Item {
  const rest = text.slice(m.end, m.end + MAX_ITEM);
  const e = ITEM_END.exec(rest);
  return { family: m.family, ordinal: m.ordinal, text: (e ? rest.slice(0, e.index) : rest).trimStart() };
}

/** Where in the earlier item `s` the new item goes on, given its typed part `t`, and how sure. */
function alignments(t: string, s: string): { from: number; sure: number }[] {
  if (!t) return [{ from: 0, sure: SURE_START }];
  if (s.startsWith(t)) return t.length < s.length ? [{ from: t.length, sure: SURE_PREFIX }] : [];
  let p = 0;
  while (p < t.length && p < s.length && t[p] === s[p]) p++;
  const out: { from: number; sure: number }[] = [];
  const slot = t.length - p;
  // one slot of the same length replaced (the rest of the typed part shared before it)
  if (slot <= MAX_SLOT && t.length >= 2 && t.length < s.length) out.push({ from: t.length, sure: p > 0 ? SURE_SLOT : SURE_FIRST_SLOT });
  // the typed part's last characters met again further on in the earlier item
  for (let k = Math.min(6, slot); k >= 2; k--) {
    const i = s.indexOf(t.slice(-k), p);
    if (i >= 0 && i + k < s.length) {
      out.push({ from: i + k, sure: SURE_RESYNC });
      break;
    }
  }
  return out;
}

/** Whether `s` opens more quotations or titles than it closes. */
function opensMore(s: string): boolean {
  return (s.match(OPENING_G) ?? []).length > (s.match(CLOSING_G) ?? []).length;
}
