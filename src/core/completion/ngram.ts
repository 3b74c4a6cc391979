/**
 * The continuation model at run time: word n-gram counts of one or several mined archives (the
 * built-in seeds, the user's own archives weighted higher), combined by adding weighted counts
 * ("count merging") at query time, with interpolated absolute-discount smoothing. It also
 * segments typed text into the model's words (a unigram Viterbi over its vocabulary), so no word
 * segmenter is needed at run time.
 *
 * Each archive is one `NgramStore`: its n-grams in breadth-first order as flat typed arrays
 * (children of a node contiguous and sorted by word id, found by binary search), decoded straight
 * from the stored varints — no hash table to build, so loading costs little more than reading.
 */
import { decodeVarints } from './codec';

export interface SerializedModel {
  /** Longest n-gram stored. */
  order: number;
  /** Tokens of the mined archive (paragraph boundaries included). */
  tokens: number;
  /** Absolute discount per order 2..order. */
  discounts: number[];
  /** Vocabulary joined by line breaks; id 0 is the paragraph boundary (the empty string). */
  words: string;
  /** Varints, base64: see src/mining/model.ts. */
  data: string;
  /**
   * The model is in a binary file beside the patterns file instead (`words` and `data` empty):
   * the arrays the run time uses, ready to use (see binary.ts). `stamp` ties the two files.
   */
  binary?: { file: string; stamp: string; bytes: number; phrases?: number };
}

/** Problem of a serialized model in Chinese, or undefined. */
export function modelProblem(m: unknown): string | undefined {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return '续写模型应为对象';
  const o = m as Record<string, unknown>;
  if (!Number.isInteger(o.order) || (o.order as number) < 1 || (o.order as number) > 8) return '续写模型的 order 应为 1 到 8 的整数';
  if (typeof o.tokens !== 'number' || typeof o.words !== 'string' || typeof o.data !== 'string') return '续写模型缺少 tokens/words/data';
  if (!Array.isArray(o.discounts) || !o.discounts.every((d) => typeof d === 'number' && d >= 0 && d < 1)) return '续写模型的 discounts 应为 0 到 1 之间的数';
  if (o.binary !== undefined) {
    const b = o.binary as Record<string, unknown> | null;
    if (!b || typeof b !== 'object' || typeof b.file !== 'string' || !/^[^/\\]+\.bin$/.test(b.file) || b.file.startsWith('.'))
      return '续写模型的 binary.file 应为同一目录下的 .bin 文件名';
    if (typeof b.stamp !== 'string' || !/^[0-9a-f]{32}$/.test(b.stamp) || !Number.isInteger(b.bytes)) return '续写模型的 binary 缺少 stamp/bytes';
  }
  return undefined;
}

/** A store's arrays as it keeps them (what a binary model file holds). */
export interface StoreParts {
  order: number;
  words: string[];
  discounts: number[];
  word: Int32Array;
  count: Int32Array;
  distinct: Int32Array;
  first: Int32Array;
  /** Local ids of the words (not the boundary) by text. */
  sorted?: Int32Array;
}

/** A paragraph boundary: the start of the typed paragraph, or its end in the model. */
export const BOUNDARY = 0;

/** One mined archive's n-grams. Node 0 is the empty context. */
export class NgramStore {
  readonly order: number;
  readonly words: string[];
  readonly discounts: number[];
  readonly word: Int32Array;
  readonly count: Int32Array;
  readonly distinct: Int32Array;
  /** Children of node i: first[i] .. first[i+1) (breadth-first layout). */
  readonly first: Int32Array;
  private readonly byCount = new Map<number, Int32Array>();
  private sortedCache: Int32Array | undefined;

  constructor(m: SerializedModel | StoreParts) {
    if (!('data' in m)) {
      // already in the form a store keeps (a binary model file: see binary.ts, which checks it)
      this.order = m.order;
      this.words = m.words;
      this.discounts = m.discounts;
      this.word = m.word;
      this.count = m.count;
      this.distinct = m.distinct;
      this.first = m.first;
      this.sortedCache = m.sorted;
      return;
    }
    const problem = modelProblem(m);
    if (problem) throw new Error(problem);
    if (m.binary) throw new Error('续写模型在单独的二进制文件里，尚未载入');
    this.order = m.order;
    this.words = m.words.split('\n');
    this.discounts = m.discounts;
    const V = this.words.length;
    const data = decodeVarints(m.data);
    // every node below level 1 takes two values (word delta, count): an exact enough bound
    const cap = V + 2 + (data.length >> 1);
    const word = new Int32Array(cap);
    const count = new Int32Array(cap);
    const distinct = new Int32Array(cap);
    const first = new Int32Array(cap + 1);
    if (data.length < V) throw new Error('续写模型数据不完整');
    // root and level 1 (every word id in order)
    word[0] = -1;
    first[0] = 1;
    let total = 0;
    for (let id = 0; id < V; id++) {
      word[1 + id] = id;
      count[1 + id] = data[id];
      total += data[id];
    }
    count[0] = total;
    let at = V;
    let n = 1 + V;
    let levelStart = 1;
    let levelEnd = 1 + V;
    for (let k = 1; k < this.order; k++) {
      for (let node = levelStart; node < levelEnd; node++) {
        if (at + 2 > data.length) throw new Error('续写模型数据不完整');
        distinct[node] = data[at];
        const kids = data[at + 1];
        at += 2;
        first[node] = n;
        if (at + 2 * kids > data.length || n + kids > cap) throw new Error('续写模型数据不完整');
        let w = 0;
        for (let j = 0; j < kids; j++) {
          w += data[at];
          word[n] = w;
          count[n] = data[at + 1];
          at += 2;
          n++;
        }
      }
      levelStart = levelEnd;
      levelEnd = n;
    }
    if (at !== data.length) throw new Error('续写模型数据多余');
    // nodes of the last level have no children
    for (let node = levelStart; node <= n; node++) first[node] = n;
    // `first[i+1]` must be the end of i's children: nodes of a level are contiguous, so the end
    // of node i's children is the start of node i+1's; the last node of a level ends where the
    // next level's children of the first node of the following level start, which is the same.
    this.word = word.subarray(0, n);
    this.count = count.subarray(0, n);
    this.distinct = distinct.subarray(0, n);
    this.first = first.subarray(0, n + 1);
    this.first[0] = 1;
    this.distinct[0] = V;
  }

  get size(): number {
    return this.word.length;
  }

  /** Local ids of the words (not the boundary) by text, UTF-16 order (computed once). */
  sortedWords(): Int32Array {
    if (!this.sortedCache) {
      const ids = Array.from({ length: this.words.length - 1 }, (_, i) => i + 1);
      const w = this.words;
      ids.sort((a, b) => (w[a] < w[b] ? -1 : w[a] > w[b] ? 1 : 0));
      this.sortedCache = Int32Array.from(ids);
    }
    return this.sortedCache;
  }

  /** Child of `node` with word `w` (local id), or -1. */
  child(node: number, w: number): number {
    if (node === 0) return w >= 0 && w < this.words.length ? 1 + w : -1;
    let lo = this.first[node];
    let hi = this.first[node + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = this.word[mid];
      if (x === w) return mid;
      if (x < w) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Children of `node` by falling count (computed once per node). */
  childrenByCount(node: number): Int32Array {
    let list = this.byCount.get(node);
    if (!list) {
      const a = this.first[node];
      const b = this.first[node + 1];
      const ids = Array.from({ length: b - a }, (_, i) => a + i);
      ids.sort((x, y) => this.count[y] - this.count[x] || x - y);
      list = Int32Array.from(ids);
      if (this.byCount.size > 20000) this.byCount.clear();
      this.byCount.set(node, list);
    }
    return list;
  }
}

/** Size below which a document cache weighs as if it had this many tokens (see setCache). */
const CACHE_MIN_TOKENS = 1000;

/** Followers of a context looked at for the mass of an unfinished word (the rest: negligible). */
const PREFIX_SCAN = 256;

/** Decoded stores by their serialized model: the built-in one is decoded once, however many completers use it. */
const decoded = new WeakMap<SerializedModel, NgramStore>();
/** The store of a model whose arrays were read from its binary file (see binary.ts). */
export function attachStore(m: SerializedModel, st: NgramStore): void {
  decoded.set(m, st);
}
function storeOf(m: SerializedModel): NgramStore {
  let st = decoded.get(m);
  if (!st) decoded.set(m, (st = new NgramStore(m)));
  return st;
}

export interface ModelSource {
  model: SerializedModel;
  /** Weight of this archive's counts (the user's archives count more than the built-in seeds). */
  weight: number;
}

/** A context: per store, the node of the last k words for k = 0 .. as far as that store has them. */
export interface Context {
  /** nodes[s][k]: node of the last k words in store s (nodes[s][0] = 0). */
  nodes: number[][];
  /** Longest k any store has. */
  depth: number;
  /** Number of words the context offered (up to order-1). */
  wanted: number;
  /** factor[k][s]: what one count of store s weighs at order k (see NgramModel.context). */
  factor: number[][];
}

export class NgramModel {
  readonly order: number;
  readonly stores: NgramStore[];
  private readonly weights: number[];
  /** Global vocabulary; per store, global id → local id (-1: not in that store). */
  readonly words: string[] = [''];
  private readonly ids = new Map<string, number>([['', BOUNDARY]]);
  private readonly local: Int32Array[];
  private readonly discount: number[];
  /** Weighted unigram count per global id and their sum. */
  readonly uni: Float64Array;
  readonly uniTotal: number;
  /** Global ids by text, and prefix sums of their counts in that order (prefix ranges). */
  private readonly sorted: Int32Array;
  private readonly sortedMass: Float64Array;
  /** The words in that order. */
  private readonly sortedText: string[];
  /** By first UTF-16 unit: the range of sortedText starting with it (empty: from = to = 0). */
  private readonly firstFrom: Int32Array;
  private readonly firstTo: Int32Array;
  readonly maxWordLength: number;
  private readonly logUni: Float64Array;
  private readonly unknownLog: number;
  private readonly topByPrefix = new Map<string, Int32Array>();
  /** Per archive: its weight per token (weight / size), for the per-context mixing factors. */
  private readonly perToken: number[];
  /** Archives given to the constructor; a document cache (setCache) comes after them. */
  private readonly fixed: number;

  constructor(sources: readonly ModelSource[]) {
    const live = sources.filter((s) => s.weight > 0);
    this.stores = live.map((s) => storeOf(s.model));
    this.weights = live.map((s) => s.weight);
    this.order = Math.max(1, ...this.stores.map((s) => s.order));
    const globalOf: Int32Array[] = [];
    /** Per store: the global ids it added are those from here on (earlier ids: earlier stores' words). */
    const addedFrom: number[] = [];
    for (const st of this.stores) {
      addedFrom.push(this.words.length);
      const g = new Int32Array(st.words.length);
      st.words.forEach((w, i) => {
        let id = this.ids.get(w);
        if (id === undefined) {
          id = this.words.length;
          this.words.push(w);
          this.ids.set(w, id);
        }
        g[i] = id;
      });
      globalOf.push(g);
    }
    const V = this.words.length;
    this.local = globalOf.map((g) => {
      const l = new Int32Array(V).fill(-1);
      g.forEach((gid, i) => (l[gid] = i));
      return l;
    });
    this.discount = [];
    for (let k = 0; k <= this.order; k++) {
      let d = 0;
      let w = 0;
      this.stores.forEach((st, s) => {
        if (k >= 2 && k - 2 < st.discounts.length) {
          d += st.discounts[k - 2] * this.weights[s];
          w += this.weights[s];
        }
      });
      this.discount.push(w ? d / w : 0.75);
    }
    // unigrams: a mixture of the archives' distributions by their weights (not by their sizes:
    // a large archive of another kind of text must not drown a small one of the drafter's kind)
    this.uni = new Float64Array(V);
    let total = 0;
    const sizes = this.stores.map((st) => Math.max(1, st.count[0]));
    const allTokens = sizes.reduce((a, b) => a + b, 0);
    const wsum = this.weights.reduce((a, b) => a + b, 0);
    this.stores.forEach((st, s) => {
      const g = globalOf[s];
      const scale = (this.weights[s] / wsum) * (allTokens / sizes[s]);
      for (let i = 0; i < st.words.length; i++) {
        const c = st.count[1 + i] * scale;
        this.uni[g[i]] += c;
        total += c;
      }
    });
    this.perToken = this.weights.map((w, s) => w / sizes[s]);
    this.fixed = this.stores.length;
    this.uniTotal = Math.max(total, 1);
    // the vocabulary by text (UTF-16 order, as `<` compares and sort() sorts): each store's own
    // order (computed once per store, or stored with it), merged
    let order: Int32Array = new Int32Array(0);
    this.stores.forEach((st, s) => {
      const g = globalOf[s];
      const known = addedFrom[s];
      const mine = st.sortedWords();
      // the store's words not already in an earlier store, as global ids, by text
      const fresh = new Int32Array(mine.length);
      const taken = new Uint8Array(this.words.length - known);
      let m = 0;
      for (let i = 0; i < mine.length; i++) {
        const gid = g[mine[i]];
        if (gid >= known && !taken[gid - known]) {
          taken[gid - known] = 1;
          fresh[m++] = gid;
        }
      }
      order = mergeByText(order, fresh.subarray(0, m), this.words);
    });
    this.sorted = order;
    this.sortedText = Array.from(order, (id) => this.words[id]);
    // the range of words starting with each UTF-16 unit (the segmenter's first step)
    this.firstFrom = new Int32Array(0x10000);
    this.firstTo = new Int32Array(0x10000);
    for (let i = this.sortedText.length - 1; i >= 0; i--) {
      const c = this.sortedText[i].charCodeAt(0);
      if (this.firstTo[c] === 0) this.firstTo[c] = i + 1;
      this.firstFrom[c] = i;
    }
    this.sortedMass = new Float64Array(order.length + 1);
    for (let i = 0; i < order.length; i++) this.sortedMass[i + 1] = this.sortedMass[i] + this.uni[order[i]];
    globalOf.forEach((g, s) => (this.globalCache[s] = g));
    this.logUni = new Float64Array(V);
    let longest = 1;
    for (let id = 0; id < V; id++) {
      this.logUni[id] = Math.log((this.uni[id] + 0.1) / (this.uniTotal + 0.1 * V));
      const L = this.words[id].length;
      if (L > longest && L <= 24) longest = L;
    }
    this.maxWordLength = longest;
    this.unknownLog = Math.log(0.05 / (this.uniTotal + 0.1 * V)) - 2;
  }

  /**
   * The draft's own text as one more, small archive (a cache model): what this document says after
   * a context weighs, per token, `weight` ÷ its size — much more than the archives, where it has
   * seen the context. Words the model lacks are left out. `undefined` removes it.
   */
  setCache(model: SerializedModel | undefined, weight = 1): void {
    (this.stores as NgramStore[]).length = this.fixed;
    (this.weights as number[]).length = this.fixed;
    (this.local as Int32Array[]).length = this.fixed;
    this.perToken.length = this.fixed;
    this.globalCache.length = this.fixed;
    if (!model) return;
    const st = new NgramStore(model);
    const g = Int32Array.from(st.words, (w) => this.ids.get(w) ?? -1);
    const l = new Int32Array(this.words.length).fill(-1);
    g.forEach((gid, i) => {
      if (gid >= 0) l[gid] = i;
    });
    (this.stores as NgramStore[]).push(st);
    (this.weights as number[]).push(weight);
    (this.local as Int32Array[]).push(l);
    // (a few sentences are little evidence: the cache counts as at least CACHE_MIN_TOKENS tokens)
    this.perToken.push(weight / Math.max(CACHE_MIN_TOKENS, st.count[0]));
    this.globalCache.push(g);
  }

  /** Stored n-grams over all archives. */
  get size(): number {
    return this.stores.reduce((s, st) => s + st.size, 0);
  }

  id(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** The context of the words `ctx` (global ids, oldest first; -1 for a word the model lacks). */
  context(ctx: readonly number[]): Context {
    const wanted = Math.min(this.order - 1, ctx.length);
    let depth = 0;
    const nodes = this.stores.map((st, s) => {
      const loc = this.local[s];
      const list = [0];
      for (let k = 1; k <= Math.min(st.order - 1, wanted); k++) {
        // the node of the last k words: walk from the root
        let n = 0;
        for (let i = ctx.length - k; i < ctx.length && n !== -1; i++) n = ctx[i] < 0 ? -1 : st.child(n, loc[ctx[i]]);
        if (n === -1 || st.count[n] === 0) break;
        list.push(n);
      }
      depth = Math.max(depth, list.length - 1);
      return list;
    });
    // Per order: how much each archive's counts weigh. The archives' counts are added, each
    // scaled by its weight per token, then rescaled to keep the total: an archive that has seen
    // this context relatively more often (for its size) speaks for it more — a Bayesian mixture
    // by how likely each archive makes the context, with the discounts still in count units.
    const factor: number[][] = [[]];
    for (let k = 1; k <= depth; k++) {
      let raw = 0;
      let scaled = 0;
      for (let s = 0; s < this.stores.length; s++) {
        if (k >= nodes[s].length) continue;
        const c = this.stores[s].count[nodes[s][k]];
        raw += c;
        scaled += this.perToken[s] * c;
      }
      factor.push(this.stores.map((_, s) => (scaled > 0 ? (this.perToken[s] * raw) / scaled : 0)));
    }
    return { nodes, depth, wanted, factor };
  }

  /** Smoothed unigram probability. */
  unigram(w: number): number {
    return (this.uni[w] + 0.1) / (this.uniTotal + 0.1 * this.words.length);
  }

  /** Merged count of the order-k context and its back-off weight γ (0 when no store has it). */
  level(c: Context, k: number): { ch: number; gamma: number; D: number } {
    let ch = 0;
    let dMax = 0;
    let dSum = 0;
    for (let s = 0; s < this.stores.length; s++) {
      const list = c.nodes[s];
      if (k >= list.length) continue;
      const st = this.stores[s];
      const wt = c.factor[k][s];
      ch += wt * st.count[list[k]];
      const d = wt * st.distinct[list[k]];
      if (d > dMax) dMax = d;
      dSum += d;
    }
    const D = this.discount[k + 1];
    if (ch <= 0) return { ch: 0, gamma: 1, D };
    // distinct followers of the merged context: the largest store's and half of the others'
    const distinct = dMax + 0.5 * (dSum - dMax);
    return { ch, gamma: Math.min(1, (D * Math.max(distinct, 1)) / ch), D };
  }

  /** Merged count of word `w` after the order-k context. */
  countAfter(c: Context, k: number, w: number): number {
    let chw = 0;
    for (let s = 0; s < this.stores.length; s++) {
      const list = c.nodes[s];
      if (k >= list.length) continue;
      const lw = this.local[s][w];
      if (lw < 0) continue;
      const st = this.stores[s];
      const hw = st.child(list[k], lw);
      if (hw !== -1) chw += c.factor[k][s] * st.count[hw];
    }
    return chw;
  }

  /** P(w | context): interpolated absolute discounting over merged weighted counts. */
  prob(c: Context, w: number): number {
    let p = this.unigram(w);
    for (let k = 1; k <= c.depth; k++) {
      const { ch, gamma, D } = this.level(c, k);
      if (ch <= 0) continue;
      p = Math.max(this.countAfter(c, k, w) - D, 0) / ch + gamma * p;
    }
    return p;
  }

  /** P(the next word starts with `prefix` and is longer than it | context). */
  prefixProb(c: Context, prefix: string): number {
    let p = this.prefixMass(prefix);
    for (let k = 1; k <= c.depth; k++) {
      const { ch, gamma, D } = this.level(c, k);
      if (ch <= 0) continue;
      let seen = 0;
      for (const w of this.childrenAt(c, k, PREFIX_SCAN)) {
        const t = this.words[w];
        if (t.length > prefix.length && t.startsWith(prefix)) seen += Math.max(this.countAfter(c, k, w) - D, 0);
      }
      p = seen / ch + gamma * p;
    }
    return Math.min(1, p);
  }

  /** Global ids of the words seen after the order-k context in any store (the `max` most frequent of each). */
  private childrenAt(c: Context, k: number, max: number): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.stores.length; s++) {
      const list = c.nodes[s];
      if (k >= list.length) continue;
      const st = this.stores[s];
      const g = this.globalIds(s);
      const kids = st.childrenByCount(list[k]);
      for (let i = 0; i < kids.length && i < max; i++) if (g[st.word[kids[i]]] >= 0) out.push(g[st.word[kids[i]]]);
    }
    return this.stores.length > 1 ? [...new Set(out)] : out;
  }

  /**
   * The likeliest next words after the context (global ids), from the children of its context
   * nodes of order ≥ `minOrder` words, most frequent first in each (up to `perNode` from each).
   */
  followers(c: Context, perNode: number, minOrder = 1): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let k = c.depth; k >= Math.max(1, minOrder); k--) {
      for (let s = 0; s < this.stores.length; s++) {
        const list = c.nodes[s];
        if (k >= list.length) continue;
        const st = this.stores[s];
        const kids = st.childrenByCount(list[k]);
        const g = this.globalIds(s);
        for (let i = 0; i < kids.length && i < perNode; i++) {
          const id = g[st.word[kids[i]]];
          if (id >= 0 && !seen.has(id)) {
            seen.add(id);
            out.push(id);
          }
        }
      }
    }
    return out;
  }

  /** Next words after the context that start with `prefix` (and are longer), from its context nodes and the vocabulary. */
  followersWithPrefix(c: Context, prefix: string, limit: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let k = c.depth; k >= 1; k--) {
      for (let s = 0; s < this.stores.length; s++) {
        const list = c.nodes[s];
        if (k >= list.length) continue;
        const st = this.stores[s];
        const kids = st.childrenByCount(list[k]);
        const g = this.globalIds(s);
        let taken = 0;
        for (let i = 0; i < kids.length && taken < limit; i++) {
          const id = g[st.word[kids[i]]];
          if (id < 0) continue;
          const w = this.words[id];
          if (w.length > prefix.length && w.startsWith(prefix) && !seen.has(id)) {
            seen.add(id);
            out.push(id);
            taken++;
          }
        }
      }
    }
    for (const id of this.topWithPrefix(prefix)) {
      if (!seen.has(id)) {
        seen.add(id);
        out.push(id);
      }
    }
    return out;
  }

  private readonly globalCache: Int32Array[] = [];
  private globalIds(s: number): Int32Array {
    let g = this.globalCache[s];
    if (!g) {
      const st = this.stores[s];
      g = Int32Array.from(st.words, (w) => this.ids.get(w)!);
      this.globalCache[s] = g;
    }
    return g;
  }

  /** [lo, hi) of the vocabulary (by text) whose words start with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    const words = this.words;
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[sorted[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const start = lo;
    hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[sorted[mid]].startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return [start, lo];
  }

  /** Whether some word of the model starts with `prefix` and is longer. */
  hasLongerWord(prefix: string): boolean {
    const [a, b] = this.prefixRange(prefix);
    return b - a > (this.ids.has(prefix) ? 1 : 0);
  }

  /** Unigram probability mass of the words starting with `prefix` (longer than it). */
  prefixMass(prefix: string): number {
    const [a, b] = this.prefixRange(prefix);
    let m = this.sortedMass[b] - this.sortedMass[a];
    const self = this.ids.get(prefix);
    if (self !== undefined) m -= this.uni[self];
    return Math.max(0, m) / this.uniTotal;
  }

  /** The most frequent words (at most 8) that start with `prefix` and are longer than it. */
  topWithPrefix(prefix: string): Int32Array {
    let top = this.topByPrefix.get(prefix);
    if (top) return top;
    const [a, b] = this.prefixRange(prefix);
    const best: number[] = [];
    for (let i = a; i < b; i++) {
      const id = this.sorted[i];
      if (this.words[id].length === prefix.length) continue;
      if (best.length < 8 || this.uni[id] > this.uni[best[best.length - 1]]) {
        if (best.length === 8) best.pop();
        let j = best.length;
        while (j > 0 && this.uni[best[j - 1]] < this.uni[id]) j--;
        best.splice(j, 0, id);
      }
    }
    top = Int32Array.from(best);
    if (this.topByPrefix.size > 4096) this.topByPrefix.clear();
    this.topByPrefix.set(prefix, top);
    return top;
  }

  /** Words the segmenter knows besides the model's (the canon's), with their log score. */
  private readonly extraWords = new Map<string, number>();
  /** The extra words by text, and their log scores in that order (built on first use). */
  private extraSorted: { words: string[]; scores: Float64Array } | undefined;

  /** Let the segmenter know more words (not the model: they predict nothing). */
  addWords(words: Iterable<string>, logScore: number): void {
    for (const w of words) if (w.length >= 2 && !this.ids.has(w)) this.extraWords.set(w, logScore);
    this.extraSorted = undefined;
  }

  private extras(): { words: string[]; scores: Float64Array } {
    if (!this.extraSorted) {
      const words = [...this.extraWords.keys()].sort();
      this.extraSorted = { words, scores: Float64Array.from(words, (w) => this.extraWords.get(w)!) };
    }
    return this.extraSorted;
  }

  /**
   * Best segmentation of `text` into the words the segmenter knows (a character it lacks stands
   * alone): a unigram Viterbi, each start extended only while some word begins so. `back[j]` is
   * where the last word of the best segmentation of text[0..j) starts and `ids[j]` that word's id
   * (-1: not a model word). The words that begin with text[i..j) are a range of the vocabulary
   * sorted by text, narrowed by one character per step (no index to build, no string to hash).
   */
  segment(text: string): { back: Int32Array; ids: Int32Array } {
    const n = text.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const back = new Int32Array(n + 1);
    const ids = new Int32Array(n + 1).fill(-1);
    const sorted = this.sorted;
    const byText = this.sortedText;
    const extra = this.extras();
    const xw = extra.words;
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      // the words starting with text[i], from the table; then one character more per step
      let lo = this.firstFrom[text.charCodeAt(i)];
      let hi = this.firstTo[text.charCodeAt(i)];
      let xlo = 0;
      let xhi = xw.length;
      for (let j = i + 1; j <= n && j - i <= 24; j++) {
        // words with text[i..j) as prefix: those with text[i..j-1) as prefix (the range) whose
        // character k is c (a word of length k sorts first in the range)
        const k = j - 1 - i;
        const c = text.charCodeAt(j - 1);
        if (lo < hi && k > 0) {
          lo = narrow(byText, lo, hi, k, c);
          hi = narrowEnd;
        }
        if (xlo < xhi) {
          xlo = narrow(xw, xlo, xhi, k, c);
          xhi = narrowEnd;
        }
        const known = lo < hi || xlo < xhi;
        if (!known && j > i + 1) break;
        const id = lo < hi && byText[lo].length === k + 1 ? sorted[lo] : undefined;
        let score: number;
        if (id !== undefined) score = this.logUni[id];
        else if (xlo < xhi && xw[xlo].length === k + 1) score = extra.scores[xlo];
        else if (j === i + 1) score = this.unknownLog;
        else continue;
        const v = best[i] + score;
        if (v > best[j]) {
          best[j] = v;
          back[j] = i;
          ids[j] = id !== undefined ? id : -1;
        }
      }
    }
    return { back, ids };
  }

  /** How surprising a word is on its own: −log10 of its unigram probability (a word the model lacks: very). */
  surprise(id: number): number {
    return -(id >= 0 ? this.logUni[id] : this.unknownLog) / Math.LN10;
  }

  /** Words of the best segmentation of text[0..j) (from `segment`), oldest first, at most `max`. */
  static wordsBefore(seg: { back: Int32Array; ids: Int32Array }, j: number, max: number): { ids: number[]; starts: number[] } {
    const ids: number[] = [];
    const starts: number[] = [];
    while (j > 0 && ids.length < max) {
      ids.push(seg.ids[j]);
      starts.push(seg.back[j]);
      j = seg.back[j];
    }
    return { ids: ids.reverse(), starts: starts.reverse() };
  }
}

/** Two lists of distinct global ids, each sorted by text, merged. */
function mergeByText(a: Int32Array, b: Int32Array, words: readonly string[]): Int32Array {
  if (!a.length) return b.slice();
  if (!b.length) return a;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = words[a[i]] < words[b[j]] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** End of the range `narrow` found last (so that it allocates nothing in the segmenter's loop). */
let narrowEnd = 0;

/**
 * Of the range [lo, hi) of `list` (sorted by text) whose entries share their first k characters,
 * the part whose character k is `c` (an entry of length k, sorting first, is left out): returns its
 * start, and its end in `narrowEnd`.
 */
function narrow(list: readonly string[], lo: number, hi: number, k: number, c: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >> 1;
    const w = list[mid];
    if ((w.length > k ? w.charCodeAt(k) : -1) < c) a = mid + 1;
    else b = mid;
  }
  const start = a;
  b = hi;
  while (a < b) {
    const mid = (a + b) >> 1;
    const w = list[mid];
    if ((w.length > k ? w.charCodeAt(k) : -1) <= c) a = mid + 1;
    else b = mid;
  }
  narrowEnd = a;
  return start;
}
