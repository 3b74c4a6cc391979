/**
 * The continuation model as mined: word n-gram counts of the archive (orders 1..MODEL_ORDER), read
 * off the suffix index of the token stream. Stored: every word with its count; every longer n-gram
 * seen at least twice; for each stored context, how many distinct words followed it (all of them,
 * before pruning) — what absolute-discount smoothing needs. Layout of `data` (varints):
 *   for each level k = 1 .. order-1, for each node of level k in order
 *   (level 1: word ids 0 .. V-1; deeper levels: in the order their entries were written):
 *     distinct followers, number of stored children, then per child: word id delta, count.
 * Unigram counts come first: V varints.
 */
import { VarintWriter } from '../core/completion/codec';
import type { SerializedModel } from '../core/completion/ngram';
import { BOUNDARY, forEachInterval, type SuffixIndex } from './stream';

export const MODEL_ORDER = 6;
/** Longer n-grams are stored when seen at least this often. */
export const MODEL_MIN_COUNT = 2;

export function buildModel(s: Int32Array, words: readonly string[], idx: SuffixIndex, order = MODEL_ORDER): SerializedModel {
  if (idx.depth < order) throw new Error('suffix index too shallow for the model order');
  const V = words.length;
  const { sa, lcp } = idx;
  const at = (q: number) => (q < s.length ? s[q] : BOUNDARY);
  // An n-gram may start or end with a paragraph boundary, never hold one inside.
  const valid = (p0: number, n: number) => {
    for (let k = 1; k < n - 1; k++) if (at(p0 + k) === BOUNDARY) return false;
    return !(n >= 2 && at(p0) === BOUNDARY && at(p0 + 1) === BOUNDARY);
  };
  // Per level: the stored nodes as [first rank, end rank) of their interval, in rank order.
  // Rank order = lexicographic order of the n-gram = grouped by parent in the parent's order.
  const unigram = new Array<number>(V).fill(0);
  const levels: { start: number; end: number }[][] = [];
  const countOfCounts: { n1: number; n2: number }[] = [];
  for (let n = 1; n <= order; n++) {
    const nodes: { start: number; end: number }[] = [];
    const cc = { n1: 0, n2: 0 };
    forEachInterval(idx, n, (start, end) => {
      const p0 = sa[start];
      if (!valid(p0, n)) return;
      const c = end - start;
      if (n === 1) {
        unigram[s[p0]] = c;
        nodes.push({ start, end });
        return;
      }
      if (c === 1) cc.n1++;
      else if (c === 2) cc.n2++;
      if (c >= MODEL_MIN_COUNT) nodes.push({ start, end });
    });
    levels.push(nodes);
    countOfCounts.push(cc);
  }
  // Level 1 must list every word id in order (the decoder walks ids 0..V-1): sort by id.
  levels[0].sort((a, b) => s[sa[a.start]] - s[sa[b.start]]);
  const w = new VarintWriter();
  for (let id = 0; id < V; id++) w.write(unigram[id]);
  // Children of a node at level k are the level k+1 nodes inside its interval.
  let childOrder: { start: number; end: number }[] = levels[0];
  for (let k = 1; k < order; k++) {
    const children = levels[k];
    // children sorted by rank start; for each parent (in parent order) find its children by binary search
    const starts = children.map((c) => c.start);
    const next: { start: number; end: number }[] = [];
    for (const parent of childOrder) {
      // distinct followers: runs of depth k+1 inside the parent's interval
      let distinct = 1;
      for (let r = parent.start + 1; r < parent.end; r++) if (lcp[r] < k + 1) distinct++;
      let lo = lowerBound(starts, parent.start);
      const kids: { start: number; end: number }[] = [];
      for (; lo < children.length && children[lo].start < parent.end; lo++) kids.push(children[lo]);
      w.write(distinct);
      w.write(kids.length);
      let prev = 0;
      const byWord = kids.map((c) => ({ c, word: s[sa[c.start] + k] })).sort((a, b) => a.word - b.word);
      for (const { c, word } of byWord) {
        w.write(word - prev);
        prev = word;
        w.write(c.end - c.start);
        next.push(c);
      }
    }
    childOrder = next;
  }
  const discounts = countOfCounts.slice(1).map(({ n1, n2 }) => (n1 + n2 > 0 ? Math.round((n1 / (n1 + 2 * n2 || 1)) * 1000) / 1000 : 0.75));
  return {
    order,
    tokens: s.length,
    discounts: discounts.map((d) => Math.min(0.95, Math.max(0.3, d))),
    words: words.join('\n'),
    data: w.toBase64(),
  };
}

function lowerBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
