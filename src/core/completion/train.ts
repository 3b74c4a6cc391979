/**
 * Continuation models built in pure TypeScript (no suffix index, no segmenter): from already
 * segmented sentences (small texts known at run time, test fixtures), and by merging models mined
 * separately (`gongwen merge`: counts add up). The layout is the one `gongwen mine` writes (see
 * src/mining/model.ts), so NgramModel reads all of them.
 */
import { VarintWriter } from './codec';
import { NgramStore, type SerializedModel } from './ngram';

/** A trie of word n-grams with counts and distinct followers. */
interface Node {
  count: number;
  distinct: number;
  kids: Map<number, Node>;
}

const node = (): Node => ({ count: 0, distinct: 0, kids: new Map() });

/** Word ids in order of first use; id 0 is the sentence boundary ''. */
function vocabulary(): { words: string[]; id: (x: string) => number } {
  const words: string[] = [''];
  const ids = new Map<string, number>([['', 0]]);
  const id = (x: string) => {
    let i = ids.get(x);
    if (i === undefined) {
      i = words.length;
      words.push(x);
      ids.set(x, i);
    }
    return i;
  };
  return { words, id };
}

/** Encode: unigram counts by id, then level by level each node's distinct followers and children. */
function encode(words: string[], root: Node, order: number, tokens: number, discounts: number[]): SerializedModel {
  const w = new VarintWriter();
  let level: Node[] = words.map((_, i) => root.kids.get(i) ?? node());
  for (const n of level) w.write(n.count);
  for (let k = 1; k < order; k++) {
    const next: Node[] = [];
    for (const n of level) {
      const kids = [...n.kids.entries()].sort((a, b) => a[0] - b[0]);
      w.write(Math.max(n.distinct, kids.length));
      w.write(kids.length);
      let prev = 0;
      for (const [id, kid] of kids) {
        w.write(id - prev);
        prev = id;
        w.write(kid.count);
        next.push(kid);
      }
    }
    level = next;
  }
  return { order, tokens, discounts, words: words.join('\n'), data: w.toBase64() };
}

export function modelFromSequences(sentences: readonly (readonly string[])[], order = 6): SerializedModel {
  const { words, id } = vocabulary();
  // the stream: boundary, sentence, boundary, sentence, …, boundary
  const s: number[] = [0];
  for (const sent of sentences) {
    for (const x of sent) if (x) s.push(id(x));
    s.push(0);
  }
  const root = node();
  const follow = new Map<Node, Set<number>>();
  const countOfCounts = Array.from({ length: order + 1 }, () => new Map<Node, number>());
  for (let i = 0; i < s.length; i++) {
    let cur = root;
    for (let n = 1; n <= order && i + n <= s.length; n++) {
      const x = s[i + n - 1];
      // an n-gram may start or end with a boundary, never hold one inside
      if (n >= 3 && s[i + n - 2] === 0) break;
      if (n === 2 && s[i] === 0 && x === 0) break;
      let f = follow.get(cur);
      if (n >= 2) {
        if (!f) follow.set(cur, (f = new Set()));
        f.add(x);
      }
      let kid = cur.kids.get(x);
      if (!kid) cur.kids.set(x, (kid = node()));
      kid.count++;
      countOfCounts[n].set(kid, kid.count);
      cur = kid;
    }
  }
  for (const [n, f] of follow) n.distinct = f.size;
  const discounts: number[] = [];
  for (let n = 2; n <= order; n++) {
    let n1 = 0;
    let n2 = 0;
    for (const c of countOfCounts[n].values()) {
      if (c === 1) n1++;
      else if (c === 2) n2++;
    }
    discounts.push(n1 + n2 > 0 ? Math.min(0.95, Math.max(0.3, n1 / (n1 + 2 * n2))) : 0.75);
  }
  return encode(words, root, order, s.length, discounts);
}

/** Several mined models as one: counts add up; distinct followers: the largest and half the rest. */
export function mergeModels(models: readonly SerializedModel[]): SerializedModel {
  const { words, id } = vocabulary();
  const root = node();
  const order = Math.max(...models.map((m) => m.order));
  let tokens = 0;
  const disc = new Array<number>(order - 1).fill(0);
  const discWeight = new Array<number>(order - 1).fill(0);
  const distinctParts = new Map<Node, number[]>();
  for (const m of models) {
    const st = new NgramStore(m);
    const g = st.words.map(id);
    tokens += m.tokens;
    m.discounts.forEach((d, i) => {
      disc[i] += d * m.tokens;
      discWeight[i] += m.tokens;
    });
    const walk = (from: number, into: Node) => {
      for (let i = st.first[from]; i < st.first[from + 1]; i++) {
        const id = g[st.word[i]];
        let kid = into.kids.get(id);
        if (!kid) into.kids.set(id, (kid = node()));
        kid.count += st.count[i];
        if (st.distinct[i]) {
          let parts = distinctParts.get(kid);
          if (!parts) distinctParts.set(kid, (parts = []));
          parts.push(st.distinct[i]);
        }
        walk(i, kid);
      }
    };
    walk(0, root);
  }
  for (const [n, parts] of distinctParts) {
    const max = Math.max(...parts);
    n.distinct = Math.round(max + 0.5 * (parts.reduce((a, b) => a + b, 0) - max));
  }
  const discounts = disc.map((d, i) => (discWeight[i] ? Math.round((d / discWeight[i]) * 1000) / 1000 : 0.75));
  return encode(words, root, order, tokens, discounts);
}
