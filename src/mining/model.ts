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
import { BOUNDARY, IntList, type SuffixIndex } from './stream';

export const MODEL_ORDER = 6;
/** Longer n-grams are stored when seen at least this often. */
export const MODEL_MIN_COUNT = 2;

export function buildModel(s: Int32Array, words: readonly string[], idx: SuffixIndex, order = MODEL_ORDER): SerializedModel {
  if (idx.depth < order) throw new Error('suffix index too shallow for the model order');
  const V = words.length;
  const { sa, lcp } = idx;
  // An n-gram may start or end with a paragraph boundary, never hold one inside: nextBoundary[p]
  // is the first boundary at or after p, so that test is one lookup.
  const N = s.length;
  const nextBoundary = new Int32Array(N + 2);
  nextBoundary[N] = N;
  nextBoundary[N + 1] = N + 1;
  for (let p = N - 1; p >= 0; p--) nextBoundary[p] = s[p] === BOUNDARY ? p : nextBoundary[p + 1];
  const valid = (p0: number, n: number) => {
    if (n >= 3 && nextBoundary[p0 + 1] <= p0 + n - 2) return false;
    return !(n >= 2 && s[p0] === BOUNDARY && (p0 + 1 >= N || s[p0 + 1] === BOUNDARY));
  };
  // Per level: the stored nodes as rank intervals [start, end), in rank order. Rank order is the
  // lexicographic order of the n-grams by token id, so a node's children (the next level's
  // intervals inside its own) follow each other in word-id order, and the nodes of a level are
  // grouped by parent in the parent level's order: the breadth-first layout, read with two pointers.
  const levels: { start: IntList; end: IntList }[] = [];
  const countOfCounts: { n1: number; n2: number }[] = [];
  for (let n = 1; n <= order; n++) {
    const start = new IntList();
    const end = new IntList();
    const cc = { n1: 0, n2: 0 };
    let a = 0;
    for (let r = 1; r <= N; r++) {
      if (r < N && lcp[r] >= n) continue;
      // ranks [a, r) share their first n tokens
      const c = r - a;
      if (valid(sa[a], n)) {
        if (n === 1 || c >= MODEL_MIN_COUNT) {
          start.push(a);
          end.push(r);
        }
        if (n >= 2 && c === 1) cc.n1++;
        else if (n >= 2 && c === 2) cc.n2++;
      }
      a = r;
    }
    levels.push({ start, end });
    countOfCounts.push(cc);
  }
  const w = new VarintWriter();
  // level 1: every word id in order (rank order is id order, and every id occurs)
  const l1 = levels[0];
  if (l1.start.length !== V) throw new Error('every word of the vocabulary must occur in the stream');
  for (let i = 0; i < V; i++) w.write(l1.end.data[i] - l1.start.data[i]);
  for (let k = 1; k < order; k++) {
    const parents = levels[k - 1];
    const kids = levels[k];
    let j = 0;
    for (let i = 0; i < parents.start.length; i++) {
      const a = parents.start.data[i];
      const b = parents.end.data[i];
      // distinct followers: runs of depth k+1 inside the parent's interval
      let distinct = 1;
      for (let r = a + 1; r < b; r++) if (lcp[r] < k + 1) distinct++;
      while (j < kids.start.length && kids.start.data[j] < a) j++;
      const first = j;
      while (j < kids.start.length && kids.start.data[j] < b) j++;
      w.write(distinct);
      w.write(j - first);
      let prev = 0;
      for (let c = first; c < j; c++) {
        const word = s[sa[kids.start.data[c]] + k];
        w.write(word - prev);
        prev = word;
        w.write(kids.end.data[c] - kids.start.data[c]);
      }
    }
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
