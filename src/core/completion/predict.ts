/**
 * Continuations from the n-gram model: what the drafter's archive says comes next, decoded to a
 * phrase boundary and ranked by expected keystrokes saved (probability × length).
 *
 * The typed text is segmented into the model's words. Its last characters may be the start of a
 * word not finished yet (学懂弄 of 学懂弄通做实), so several readings are weighed: "the last word
 * is complete" and "the last L characters begin a longer word", each by the probability the model
 * gives the typed text under it. A key is therefore always a whole-word context: 国家 at the end
 * of 现代化国家 is the word 国家 after 现代化, never the start of 国家机关 matched inside a word.
 *
 * Decoding is best-first over word paths; a path is offered where a phrase can end: the model
 * expects punctuation or the paragraph's end next, or no next word dominates (it is not in the
 * middle of 做好机关党建工作的责任感), or it finishes the word being typed.
 */
import { foldQuotes } from '../context';
import type { Candidate } from './types';
import { BOUNDARY, NgramModel, type Context } from './ngram';
import type { UnitIndex } from './units';

/** Typed characters the model looks at (a window starting at a clause edge when there is one). */
const WINDOW = 40;
/** Typed characters before the longest unfinished word that the readings are scored on. */
const SCORE_BEFORE = 8;
/** Longest unfinished word considered. */
const MAX_PARTIAL = 8;
/** Paths expanded per reading, and their limits. */
const MAX_POPS = 24;
const MAX_WORDS = 8;
const MAX_CHARS = 24;
/** Next words looked at from each context when a path is extended. */
const FOLLOWERS = 8;
/** Paths less likely than this are not expanded (after weighing the reading). */
const MIN_PATH = 0.02;
/** Below this share of the readings a reading is not decoded. */
const MIN_READING = 0.02;
/** A path is offered when its boundary weight is at least this. */
const MIN_BOUNDARY = 0.3;

/** Token classes. */
const STOP = 1;
const PASS = 2;
const STOP_RE = /^[\s，。；：！？,.;:!?（）()【】〈〉—…·|/\\]+$/;
/** Words a phrase never ends with: they need what follows (的, 和, 对, 要 …). */
export const NO_END = new Set(
  '的 之 地 得 和 与 及 或 以及 并 而 在 对 把 将 被 为 以 从 向 于 由 同 跟 让 给 使 令 关于 对于 围绕 通过 按照 根据 随着 为了 面对 及其 或者 并且 而且 但是 但 如果 虽然 因为 所以 这 那 其 各 每 本 此 该 要 是 也 都 就 又 还 更 最 很 不 一 一个 这个 这些 那些 着 把握'.split(' '),
);
const PASS_RE = /^[、“”‘’《》"']+$/;

interface Path {
  ids: number[];
  text: string;
  prob: number;
}

export interface Prediction {
  insert: string;
  /** The word being finished plus the insert. */
  label: string;
  prob: number;
  boundary: number;
}

export class ModelPredictor {
  private readonly cls: Uint8Array;

  constructor(
    readonly model: NgramModel,
    private readonly units?: UnitIndex,
  ) {
    const words = model.words;
    this.cls = new Uint8Array(words.length);
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      if (id === BOUNDARY || STOP_RE.test(w)) this.cls[id] = STOP;
      else if (PASS_RE.test(w)) this.cls[id] = PASS;
    }
  }

  /**
   * Predictions after `prefix` (the typed part of the paragraph), best first. `read`: the typed
   * window already segmented (the completer shares it with its other sources).
   */
  predict(prefix: string, limit = 12, read?: TypedWindow): Prediction[] {
    if (!prefix) return this.decode([BOUNDARY], '', 1, limit);
    const model = this.model;
    const { window, atStart, seg, inside } = read ?? readWindow(prefix, model, this.units);
    const readings: { p: string; ctx: number[]; score: number }[] = [];
    const maxL = Math.min(MAX_PARTIAL, window.length, model.maxWordLength - 1);
    // readings differ only near the end: the typed words are scored from a little before the
    // longest unfinished word on (the text before weighs the same in every reading)
    const anchor = Math.max(0, window.length - maxL - SCORE_BEFORE);
    const contexts = new Map<string, Context>();
    const contextOf = (ids: number[]) => {
      const key = ids.join(',');
      let c = contexts.get(key);
      if (!c) contexts.set(key, (c = model.context(ids)));
      return c;
    };
    for (let L = 0; L <= maxL; L++) {
      const j = window.length - L;
      const p = window.slice(j);
      if (L > 0 && (/[\s，。；：！？,.;:!?（）()、“”"《》]/.test(p) || !model.hasLongerWord(p))) continue;
      // the unfinished word is a key too: it may not start inside a known unit
      if (L > 0 && inside?.[j]) continue;
      const path = NgramModel.wordsBefore(seg, j, 64);
      const ids = atStart ? [BOUNDARY, ...path.ids] : path.ids;
      const starts = atStart ? [-1, ...path.starts] : path.starts;
      // probability of the typed words under this reading
      let score = 0;
      for (let i = 1; i < ids.length; i++) {
        if (starts[i] < anchor) continue;
        if (ids[i] < 0) {
          score += Math.log(1e-6);
          continue;
        }
        score += Math.log(model.prob(contextOf(contextIds(ids.slice(0, i), model.order)), ids[i]));
      }
      if (L > 0) {
        const c = contextOf(contextIds(ids, model.order));
        const pp = model.prefixProb(c, p);
        if (pp <= 0) continue;
        score += Math.log(pp);
      }
      // the key: the longest context the model knows that does not start inside a known unit
      // (unless the key is a unit itself: 习近平新时代中国特色社会主义思想 at the end of a formulation)
      let ctx = contextIds(ids, model.order);
      if (inside) {
        let d = contextOf(ctx).depth;
        const inUnit = (i: number) => i >= 0 && inside[i] === 1 && !this.units?.has(foldQuotes(window.slice(i, j)));
        while (d > 0 && inUnit(starts[starts.length - d])) d--;
        ctx = d ? ctx.slice(ctx.length - d) : [];
      }
      readings.push({ p, ctx, score });
    }
    if (!readings.length) return [];
    const top = Math.max(...readings.map((r) => r.score));
    let z = 0;
    for (const r of readings) z += Math.exp(r.score - top);
    const merged = new Map<string, Prediction>();
    for (const r of readings) {
      const share = Math.exp(r.score - top) / z;
      if (share < MIN_READING) continue;
      for (const pr of this.decode(r.ctx, r.p, share, limit)) {
        const prev = merged.get(pr.insert);
        if (!prev) merged.set(pr.insert, pr);
        else {
          // the same text read as different words: the readings add up (at most certainty)
          prev.prob = Math.min(1, prev.prob + pr.prob);
          prev.boundary = Math.max(prev.boundary, pr.boundary);
        }
      }
    }
    return [...merged.values()].sort((a, b) => b.prob * b.insert.length - a.prob * a.insert.length || (a.insert < b.insert ? -1 : 1)).slice(0, limit);
  }

  /** Paths after the context `ctx` whose first word starts with `p` (longer than it when p is given). */
  private decode(ctx: number[], p: string, share: number, limit: number): Prediction[] {
    const model = this.model;
    const c0 = model.context(ctx);
    if (!p && c0.depth === 0) return [];
    // a bare function word (和, 的, 在 …) as the only context known says nothing of what follows
    if (!p && c0.depth === 1 && NO_END.has(model.words[ctx[ctx.length - 1]])) return [];
    const first: Path[] = [];
    if (p) {
      const pp = model.prefixProb(c0, p);
      if (pp <= 0) return [];
      for (const w of model.followersWithPrefix(c0, p, 12)) {
        if (this.cls[w] === STOP) continue;
        first.push({ ids: [w], text: model.words[w], prob: Math.min(1, model.prob(c0, w) / pp) });
      }
    } else {
      for (const w of model.followers(c0, 12)) {
        if (this.cls[w] === STOP) continue;
        first.push({ ids: [w], text: model.words[w], prob: model.prob(c0, w) });
      }
    }
    const out: Prediction[] = [];
    const queue = first.filter((x) => x.prob * share >= MIN_PATH);
    let pops = 0;
    while (queue.length && pops < MAX_POPS) {
      let bi = 0;
      for (let i = 1; i < queue.length; i++) if (queue[i].prob > queue[bi].prob) bi = i;
      const path = queue[bi];
      queue[bi] = queue[queue.length - 1];
      queue.pop();
      pops++;
      const ids = contextIds([...ctx, ...path.ids], model.order);
      const c = model.context(ids);
      // what follows: the likeliest words after the two longest contexts known (the shorter ones
      // add little past the first word)
      const next = model.followers(c, FOLLOWERS, Math.max(1, c.depth - 1));
      let stop = 0;
      let maxGo = 0;
      const go: { w: number; q: number }[] = [];
      for (const w of next) {
        const q = model.prob(c, w);
        if (this.cls[w] === STOP) stop += q;
        else {
          go.push({ w, q });
          if (q > maxGo) maxGo = q;
        }
      }
      const last = path.ids[path.ids.length - 1];
      let boundary =
        (this.cls[last] === PASS && model.words[last] !== '”' && model.words[last] !== '》') || NO_END.has(model.words[last]) ? 0 : Math.min(1, stop + 0.5 * (1 - maxGo));
      if (p && path.ids.length === 1 && !NO_END.has(path.text)) boundary = Math.max(boundary, 0.6);
      const insert = path.text.slice(p.length);
      if (boundary >= MIN_BOUNDARY && insert) out.push({ insert, label: path.text, prob: share * path.prob, boundary });
      if (path.ids.length >= MAX_WORDS) continue;
      for (const { w, q } of go) {
        const prob = path.prob * q;
        const text = path.text + model.words[w];
        if (prob * share < MIN_PATH || text.length > MAX_CHARS) continue;
        queue.push({ ids: [...path.ids, w], text, prob });
      }
    }
    return out.sort((a, b) => b.prob * b.insert.length - a.prob * a.insert.length).slice(0, limit);
  }
}

/** The last order-1 words (the model's context length). */
function contextIds(ids: readonly number[], order: number): number[] {
  return ids.slice(Math.max(0, ids.length - (order - 1)));
}

/** The typed tail the sources read, segmented once per request. */
export interface TypedWindow {
  window: string;
  /** Offset of the window in the typed text. */
  from: number;
  /** The window is the whole paragraph typed so far. */
  atStart: boolean;
  seg: { back: Int32Array; ids: Int32Array };
  /** Offsets inside a known unit (see UnitIndex), of the quote-folded window. */
  inside?: Uint8Array;
}

/** The typed tail: from a clause edge within the last WINDOW characters if any. */
export function readWindow(prefix: string, model: NgramModel, units: UnitIndex | undefined, folded = foldQuotes(prefix)): TypedWindow {
  let from = 0;
  if (prefix.length > WINDOW) {
    from = prefix.length - WINDOW;
    const m = /[，。；：！？,.;:!?]/.exec(prefix.slice(from));
    if (m && m.index < WINDOW - 4) from += m.index;
  }
  const window = prefix.slice(from);
  return { window, from, atStart: from === 0, seg: model.segment(window), inside: units?.inside(folded.slice(from)) };
}

/** Candidates for the completer from the model's predictions. */
export function modelCandidates(preds: readonly Prediction[], tailForCheck: string, out: Candidate[]): void {
  for (const p of preds) {
    out.push({
      insert: p.insert,
      label: p.label,
      kind: 'next',
      detail: `语料续写（约 ${Math.max(1, Math.round(Math.min(0.99, p.prob) * 100))}%）`,
      score: p.prob * p.insert.length,
      prob: p.prob,
      checkText: tailForCheck + p.insert,
    });
  }
}
