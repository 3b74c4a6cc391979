/**
 * A continuation model stored as the arrays the run time uses (NgramStore), in a binary file beside
 * the patterns file: loading it is a read and a check, with nothing to decode or sort. The editor
 * keeps the user's re-mined archive this way (src/mining/output.ts writeCompletionView); the
 * patterns file's `model.binary` names the file, its size and a random stamp written into both, so
 * a binary file from another mining (one of the two writes failed) is refused, never mixed in.
 *
 * Layout, little-endian 32-bit integers:
 *   magic "GWM1", format version, stamp (16 bytes), order, V (words, boundary included),
 *   n (nodes), byte length of the words;
 *   word[n], count[n], distinct[n], first[n+1], sorted[V-1] (local ids by text);
 *   the words in UTF-8, joined by line breaks (id 0, the boundary, is the empty string), padded to 4;
 *   the texts of the mined phrases that are not words of the model (completion's known units: see
 *   units.ts), UTF-8, joined by line breaks — kept here rather than as 20 000 JSON objects to parse
 *   and check (the patterns file's `phrases` is then empty).
 */
import os = require('os');
import { NgramStore } from './ngram';

const MAGIC = 0x314d5747; // "GWM1"
const VERSION = 1;
const HEADER = 11;

/** The phrase texts read with a model's binary file (see phraseTexts). */
const phrasesOf = new WeakMap<object, string[]>();

/** The texts of a patterns object's phrases: its `phrases`, and those kept in its model's binary file. */
export function phraseTexts(p: { phrases: readonly { text: string }[]; model?: object }): string[] {
  const more = p.model ? phrasesOf.get(p.model) : undefined;
  const own = p.phrases.map((x) => x.text);
  return more ? own.concat(more) : own;
}

/** Records the phrase texts read from a model's binary file. */
export function attachPhrases(model: object, texts: string[]): void {
  phrasesOf.set(model, texts);
}

/** The binary form of a store, with its stamp (32 hex digits). */
export function encodeStore(st: NgramStore, stamp: string, phrases: readonly string[] = []): Uint8Array {
  if (!/^[0-9a-f]{32}$/.test(stamp)) throw new Error('stamp: 32 hex digits');
  const words = Buffer.from(st.words.join('\n'), 'utf8');
  const texts = Buffer.from(phrases.filter((t) => t && !t.includes('\n')).join('\n'), 'utf8');
  const V = st.words.length;
  const n = st.size;
  const ints = HEADER + 4 * n + 1 + (V - 1);
  const out = new Uint8Array(4 * ints + ((words.length + 3) & ~3) + texts.length);
  const a = new Int32Array(out.buffer, 0, ints);
  a[0] = MAGIC;
  a[1] = VERSION;
  out.set(Buffer.from(stamp, 'hex'), 8);
  a[6] = st.order;
  a[7] = V;
  a[8] = n;
  a[9] = words.length;
  a[10] = texts.length;
  let at = HEADER;
  for (const arr of [st.word, st.count, st.distinct, st.first, st.sortedWords()]) {
    a.set(arr, at);
    at += arr.length;
  }
  out.set(words, 4 * ints);
  out.set(texts, 4 * ints + ((words.length + 3) & ~3));
  if (os.endianness() !== 'LE') throw new Error('binary model files are little-endian');
  return out;
}

/**
 * The store in `buf` (a binary model file's bytes), checked: its stamp and order must be what the
 * patterns file says, and its arrays a well-formed store (every child list sorted, every index in
 * range, `sorted` the vocabulary in text order). Throws an Error with a Chinese reason.
 */
export function decodeStore(buf: Uint8Array, expect: { stamp: string; order: number; discounts: number[] }): { store: NgramStore; phrases: string[] } {
  if (os.endianness() !== 'LE') throw new Error('本机字节序不支持二进制续写模型');
  if (buf.byteOffset % 4) buf = buf.slice();
  if (buf.length < 4 * HEADER) throw new Error('文件不完整');
  const h = new Int32Array(buf.buffer, buf.byteOffset, HEADER);
  if (h[0] !== MAGIC) throw new Error('不是续写模型文件');
  if (h[1] !== VERSION) throw new Error(`格式版本 ${h[1]} 不支持`);
  if (Buffer.from(buf.buffer, buf.byteOffset + 8, 16).toString('hex') !== expect.stamp) throw new Error('与模式文件不是同一次挖掘的结果');
  const [order, V, n, wordBytes, phraseBytes] = [h[6], h[7], h[8], h[9], h[10]];
  if (order !== expect.order) throw new Error('order 与模式文件不符');
  if (V < 1 || n < 1 + V || wordBytes < 0 || phraseBytes < 0) throw new Error('大小不对');
  const ints = HEADER + 4 * n + 1 + (V - 1);
  const textsAt = 4 * ints + ((wordBytes + 3) & ~3);
  if (buf.length !== textsAt + phraseBytes) throw new Error('文件大小不对');
  const all = new Int32Array(buf.buffer, buf.byteOffset, ints);
  let at = HEADER;
  const take = (len: number) => all.subarray(at, (at += len));
  const word = take(n);
  const count = take(n);
  const distinct = take(n);
  const first = take(n + 1);
  const sorted = take(V - 1);
  const words = Buffer.from(buf.buffer, buf.byteOffset + 4 * ints, wordBytes).toString('utf8').split('\n');
  if (words.length !== V || words[0] !== '') throw new Error('词表大小不对');
  // the structure child() and the model rely on
  if (first[0] !== 1 || first[n] !== n) throw new Error('结构损坏');
  for (let i = 1; i <= V; i++) if (word[i] !== i - 1) throw new Error('结构损坏');
  for (let i = 0; i < n; i++) {
    const a = first[i];
    const b = first[i + 1];
    if (a > b || a <= i || b > n || count[i] < 0 || distinct[i] < 0) throw new Error('结构损坏');
    for (let j = a + 1; j < b; j++) if (word[j] <= word[j - 1]) throw new Error('结构损坏');
    if (a < b && (word[a] < 0 || word[b - 1] >= V)) throw new Error('结构损坏');
  }
  const seen = new Uint8Array(V);
  for (let i = 0; i < V - 1; i++) {
    const id = sorted[i];
    if (id < 1 || id >= V || seen[id]) throw new Error('词序损坏');
    seen[id] = 1;
    if (i > 0 && !(words[sorted[i - 1]] < words[id])) throw new Error('词序损坏');
  }
  const phrases = phraseBytes ? Buffer.from(buf.buffer, buf.byteOffset + textsAt, phraseBytes).toString('utf8').split('\n') : [];
  return { store: new NgramStore({ order, words, discounts: expect.discounts, word, count, distinct, first, sorted }), phrases };
}
