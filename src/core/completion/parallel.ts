/**
 * The next item of a parallel structure (排比): once one item of a mined parallel is typed
 * (往深里走、), suggest the next item and the rest of the series (往心里走、往实里走), in corpus order.
 * Also completes a next item that is partly typed (往深里走、往心 → 里走).
 */
import type { Parallel } from '../patterns';
import { corpusDetail, evidence, STRUCTURE_BOOST, type Candidate } from './types';

interface Member {
  p: Parallel;
  index: number;
}

const SEPARATORS = ['、', '，', ',', '；'];
/** Longest typed tail we look at: a few items. */
const TAIL = 80;
const MAX_ITEM = 16;
/** Items of a series offered at once. */
const MAX_SERIES = 3;

export class ParallelIndex {
  private readonly byItem = new Map<string, Member[]>();

  constructor(parallels: readonly Parallel[]) {
    for (const p of parallels) {
      if (p.items.length < 2) continue;
      p.items.forEach((item, index) => {
        if (item.length < 2) return;
        let l = this.byItem.get(item);
        if (!l) this.byItem.set(item, (l = []));
        l.push({ p, index });
      });
    }
  }

  query(prefix: string, out: Candidate[]): void {
    const tail = prefix.slice(-TAIL);
    if (!tail) return;
    let tailItem: string | undefined;
    for (const sep of SEPARATORS) {
      if (!tail.includes(sep)) {
        // no separator typed: only "a whole item, separator to come" can apply
        tailItem ??= this.itemAtEnd(clauseTail(tail));
        if (tailItem && this.byItem.has(tailItem)) this.suggest([tailItem], null, sep, tail, out);
        continue;
      }
      const parts = tail.split(sep);
      if (parts.length < 1) continue;
      // parts[last] is what is typed of the next item ('' right after a separator);
      // when the tail does not end with a separator, the last part may also be a whole item.
      const last = parts[parts.length - 1];
      const done = parts.slice(0, -1).map((x) => this.itemAtEnd(clauseTail(x)));
      if (done.length) this.suggest(done, last, sep, tail, out);
      // The typed text ends on a complete item with no separator yet: offer separator + next item.
      const whole = last ? this.itemAtEnd(clauseTail(last)) : '';
      if (whole && this.byItem.has(whole)) this.suggest([...done, whole], null, sep, tail, out);
    }
  }

  /** The longest known item `s` ends with (the clause may begin with other words), else `s`. */
  private itemAtEnd(s: string): string {
    for (let L = Math.min(s.length, MAX_ITEM); L >= 2; L--) {
      const t = s.slice(s.length - L);
      if (this.byItem.has(t)) return t;
    }
    return s;
  }

  /** `typed`: the complete items before the cursor (last = most recent); `partial`: start of the next one (null: separator still to type). */
  private suggest(typed: string[], partial: string | null, sep: string, tail: string, out: Candidate[]): void {
    const lastItem = typed[typed.length - 1];
    const members = this.byItem.get(lastItem);
    if (!members) return;
    for (const { p, index } of members) {
      if (p.separator !== sep && !(sep === ',' && p.separator === '，')) continue;
      const have = new Set(typed.slice(-p.items.length));
      // How many of the typed items belong to this parallel (evidence that we are inside it).
      let inSeries = 0;
      for (let i = typed.length - 1; i >= 0 && p.items.includes(typed[i]); i--) inSeries++;
      const rest: string[] = [];
      for (let k = 1; k < p.items.length; k++) {
        const item = p.items[(index + k) % p.items.length];
        if (!have.has(item)) rest.push(item);
      }
      // Items after the last typed one in corpus order come first; wrap-around only after two typed items.
      const after = p.items.slice(index + 1).filter((x) => !have.has(x));
      const order = after.length ? after : inSeries >= 2 ? [] : rest;
      if (!order.length) continue;
      // how likely the next item follows: more so the more items of the series are typed and the more often it recurs
      // (a template with many items — *建设 — says little about which one comes next)
      const prob = Math.min(0.8, (0.25 + 0.15 * Math.min(inSeries, 3)) * (p.count >= 2 ? 1 : 0.8) * (1 + 0.05 * Math.min(evidence(p.count, p.docs), 4)) * Math.min(1, 4 / p.items.length));
      const detail = `排比 ${p.template}，${corpusDetail(p.count, p.docs)}`;
      const typedPart = partial ?? '';
      const next = order[0];
      if (!next.startsWith(typedPart) || next.length === typedPart.length) continue;
      const lead = partial === null ? sep : '';
      const one = lead + next.slice(typedPart.length);
      out.push({ insert: one, label: next, kind: 'parallel', detail, prob, score: prob * one.length * STRUCTURE_BOOST, checkText: tail.slice(-20) + one });
      // the rest of the series, a few items at most: each further item is less sure to follow
      for (let k = 2; k <= Math.min(order.length, MAX_SERIES); k++) {
        const all = lead + [next, ...order.slice(1, k)].join(sep).slice(typedPart.length);
        const pk = prob * Math.pow(0.7, k - 1);
        out.push({ insert: all, label: order.slice(0, k).join(sep), kind: 'parallel', detail, prob: pk, score: pk * all.length * STRUCTURE_BOOST, checkText: tail.slice(-20) + all });
      }
    }
  }
}

/** The item part of a piece between separators: after the last clause punctuation. */
function clauseTail(s: string): string {
  const m = /[^，。；：！？,.;:!?（）()“”"\s]*$/.exec(s);
  return m ? m[0] : s;
}
