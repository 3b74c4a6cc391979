/**
 * The continuation model as mined: word n-gram counts of the archive (orders 1..MODEL_ORDER), read
 * in one pass over the sorted windows of the token stream (windows.ts; every n-gram is a run of
 * consecutive windows, closed before the shorter one it extends). Stored: every word with its
 * count; every longer n-gram seen at least twice; for each stored context, how many distinct words
 * followed it (all of them, before pruning) — what absolute-discount smoothing needs. Layout of
 * `data` (varints):
 *   for each level k = 1 .. order-1, for each node of level k in order
 *   (level 1: word ids 0 .. V-1; deeper levels: in the order their entries were written):
 *     distinct followers, number of stored children, then per child: word id delta, count.
 * Unigram counts come first: V varints.
 */
import { VarintWriter } from '../core/completion/codec';
import type { SerializedModel } from '../core/completion/ngram';
import { BOUNDARY, IntList } from './stream';

export const MODEL_ORDER = 6;
/** Longer n-grams are stored when seen at least this often. */
export const MODEL_MIN_COUNT = 2;

/**
 * Builds the model from the n-grams as they close, in sorted order: `close(n, key, count)` for the
 * n-gram key[0..n) seen `count` times, every n-gram after all the (n+1)-grams extending it.
 */
export class ModelBuilder {
  /** 0: unigram counts; k: the nodes of level k. */
  private readonly sections: VarintWriter[] = [];
  private readonly distinct: Int32Array;
  /** Per level k: the stored children (word id, count) of the open node of level k. */
  private readonly kids: IntList[] = [];
  private readonly n1: Int32Array;
  private readonly n2: Int32Array;
  private unigrams = 0;

  constructor(readonly order = MODEL_ORDER) {
    for (let k = 0; k < order; k++) {
      this.sections.push(new VarintWriter());
      this.kids.push(new IntList(64));
    }
    this.distinct = new Int32Array(order + 1);
    this.n1 = new Int32Array(order + 1);
    this.n2 = new Int32Array(order + 1);
  }

  /**
   * An n-gram may start or end with a paragraph boundary, never hold one inside, and is not two
   * boundaries in a row.
   */
  private static valid(key: Int32Array, n: number): boolean {
    for (let j = 1; j < n - 1; j++) if (key[j] === BOUNDARY) return false;
    return !(n >= 2 && key[0] === BOUNDARY && key[1] === BOUNDARY);
  }

  close(n: number, key: Int32Array, count: number): void {
    if (n > this.order) return;
    // one more distinct follower of the parent context, stored or not
    if (n >= 2) this.distinct[n - 1]++;
    let stored = false;
    if (ModelBuilder.valid(key, n)) {
      stored = n === 1 || count >= MODEL_MIN_COUNT;
      if (n >= 2 && count === 1) this.n1[n]++;
      else if (n >= 2 && count === 2) this.n2[n]++;
    }
    if (n === 1) {
      this.sections[0].write(count);
      this.unigrams++;
    } else if (stored) {
      const kids = this.kids[n - 1];
      kids.push(key[n - 1]);
      kids.push(count);
    }
    if (n < this.order) {
      const kids = this.kids[n];
      // a stored n-gram's prefix is stored: an unstored node has no stored children
      if (stored) {
        const w = this.sections[n];
        w.write(this.distinct[n]);
        w.write(kids.length >> 1);
        let prev = 0;
        for (let c = 0; c < kids.length; c += 2) {
          const word = kids.data[c];
          w.write(word - prev);
          prev = word;
          w.write(kids.data[c + 1]);
        }
      }
      kids.length = 0;
      this.distinct[n] = 0;
    }
  }

  /** The model, once every n-gram is closed; `tokens`: the stream's length. */
  finish(words: readonly string[], tokens: number): SerializedModel {
    if (this.unigrams !== words.length) throw new Error('every word of the vocabulary must occur in the stream');
    const discounts: number[] = [];
    for (let n = 2; n <= this.order; n++) {
      const { [n]: a } = this.n1;
      const { [n]: b } = this.n2;
      discounts.push(a + b > 0 ? Math.round((a / (a + 2 * b || 1)) * 1000) / 1000 : 0.75);
    }
    return {
      order: this.order,
      tokens,
      discounts: discounts.map((d) => Math.min(0.95, Math.max(0.3, d))),
      words: words.join('\n'),
      data: Buffer.concat(this.sections.map((w) => w.bytes())).toString('base64'),
    };
  }
}
