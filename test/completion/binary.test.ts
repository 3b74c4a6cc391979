import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkedPatterns, Completer, loadCanon, loadCompletionDataset, loadPatterns, USER_WEIGHT } from '../../src/core/completion';
import { decodeStore, encodeStore } from '../../src/core/completion/binary';
import { BOUNDARY, NgramModel, NgramStore } from '../../src/core/completion/ngram';
import { modelFromSequences } from '../../src/core/completion/train';
import { DataError } from '../../src/core/data';
import { emptyPatterns, type Patterns } from '../../src/core/patterns';
import { completionView, readPatterns, writeCompletionView } from '../../src/mining/output';
import { fixture, ROOT } from '../support/data';
import { runCli } from '../support/cli';

const builtin = loadPatterns();
const dataset = loadCompletionDataset();
const canon = loadCanon(fixture('canon', 'canon.json'));
const DATE = '2026-06-01';
const seedText = fs
  .readdirSync(path.join(ROOT, 'data', 'corpus'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(ROOT, 'data', 'corpus', f), 'utf8'));
const paragraphs = seedText.flatMap((t) => t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));

/**
 * A second archive with many words the built-in model lacks: the seed speeches cut into pieces of
 * two and three characters (real text, another vocabulary), as a user's archive would add words.
 */
function otherArchive(): Patterns {
  const sentences = paragraphs.map((p) => {
    const out: string[] = [];
    for (let i = 0; i < p.length; ) {
      const L = 2 + ((i * 7) % 2);
      out.push(p.slice(i, i + L));
      i += L;
    }
    return out;
  });
  // with real mined phrases (the shipped ones): completion reads their texts as known units
  return { ...emptyPatterns(), source: { documents: 5, characters: 1 }, phrases: builtin.phrases, model: modelFromSequences(sentences, 4) };
}

/** Run `fn` in a fresh temporary folder, removed afterwards (after its promise, when it returns one). */
function inTmpDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-binary-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    result = fn(dir);
  } catch (e) {
    remove();
    throw e;
  }
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}

/** The segmenter as it was before the sorted-vocabulary walk: a set of every word's prefixes. */
function referenceSegment(m: NgramModel, extra: Map<string, number>, text: string): { back: number[]; ids: number[] } {
  const prefixes = new Set<string>();
  for (const w of [...m.words, ...extra.keys()]) for (let k = 1; k <= Math.min(w.length, 24); k++) prefixes.add(w.slice(0, k));
  const { logUni, unknownLog } = m as unknown as { logUni: Float64Array; unknownLog: number };
  const n = text.length;
  const best = new Array<number>(n + 1).fill(-Infinity);
  const back = new Array<number>(n + 1).fill(0);
  const ids = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    for (let j = i + 1; j <= n && j - i <= 24; j++) {
      const w = text.slice(i, j);
      const known = prefixes.has(w);
      if (!known && j > i + 1) break;
      const id = known ? m.id(w) : undefined;
      let score: number;
      if (id !== undefined && id !== BOUNDARY) score = logUni[id];
      else if (known && extra.has(w)) score = extra.get(w)!;
      else if (j === i + 1) score = unknownLog;
      else continue;
      if (best[i] + score > best[j]) {
        best[j] = best[i] + score;
        back[j] = i;
        ids[j] = id !== undefined && id !== BOUNDARY ? id : -1;
      }
    }
  }
  return { back, ids };
}

describe('completion: the model in a binary file beside the patterns file', () => {
  it('round-trips the shipped model: the same arrays, checked', () => {
    const st = new NgramStore(builtin.model!);
    const stamp = '0123456789abcdef0123456789abcdef';
    const texts = builtin.phrases.map((p) => p.text);
    const { store: back, phrases } = decodeStore(encodeStore(st, stamp, texts), { stamp, order: st.order, discounts: st.discounts });
    assert.deepEqual(phrases, texts);
    assert.deepEqual(back.words, st.words);
    for (const k of ['word', 'count', 'distinct', 'first'] as const) assert.deepEqual([...back[k]], [...st[k]], k);
    assert.deepEqual([...back.sortedWords()], [...st.sortedWords()]);
    // sortedWords is the vocabulary in the engine's own string order
    assert.deepEqual(
      [...st.sortedWords()].map((i) => st.words[i]),
      st.words.slice(1).sort(),
    );
  });

  it('completes exactly as the JSON model does, with the built-in data, while typing the seeds', () => {
    inTmpDir((dir) => {
      const user = otherArchive();
      const file = path.join(dir, 'archive.json');
      writeCompletionView(file, user);
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(json.model.data, '');
      assert.deepEqual(json.phrases, []);
      assert.ok(json.model.binary.phrases > 100, 'the phrases are kept in the binary file');
      assert.equal(json.model.binary.file, 'archive.model.bin');
      assert.ok(fs.existsSync(path.join(dir, 'archive.model.bin')));
      const fromBinary = new Completer([{ patterns: builtin, weight: 1 }, { patterns: loadPatterns(file), weight: USER_WEIGHT }], dataset, { date: DATE, canon });
      const fromJson = new Completer([{ patterns: builtin, weight: 1 }, { patterns: JSON.parse(completionView(user)), weight: USER_WEIGHT }], dataset, { date: DATE, canon });
      let compared = 0;
      let nonEmpty = 0;
      for (const p of paragraphs.slice(0, 12)) {
        for (let i = 0; i <= Math.min(p.length, 80); i += 3) {
          const a = fromBinary.complete(p.slice(0, i), { limit: 5 });
          assert.deepEqual(a, fromJson.complete(p.slice(0, i), { limit: 5 }), p.slice(0, i));
          compared++;
          if (a.length) nonEmpty++;
        }
      }
      assert.ok(compared > 150 && nonEmpty > compared / 2, `${nonEmpty}/${compared}`);
    });
  });

  it('the merged vocabulary is in text order and segments as the set of prefixes did', () => {
    const user = otherArchive();
    const m = new NgramModel([
      { model: builtin.model!, weight: 1 },
      { model: user.model!, weight: USER_WEIGHT },
    ]);
    assert.ok(m.words.length > new NgramStore(builtin.model!).words.length + 1000, 'the second archive adds words');
    const extra = new Map([
      ['习近平新时代中国特色社会主义思想', -12],
      ['两个维护', -12],
    ]);
    m.addWords(extra.keys(), -12);
    // prefix queries read the sorted vocabulary: compare with a scan of every word
    for (const prefix of ['党', '坚持', '全面', '高质量', '中国特', '以习']) {
      const longer = m.words.filter((w) => w.length > prefix.length && w.startsWith(prefix));
      assert.equal(m.hasLongerWord(prefix), longer.length > 0, prefix);
      const mass = longer.reduce((s, w) => s + m.uni[m.id(w)!], 0) / m.uniTotal;
      assert.ok(Math.abs(m.prefixMass(prefix) - mass) < 1e-12, prefix);
    }
    let chars = 0;
    for (const p of paragraphs.slice(0, 40)) {
      const got = m.segment(p);
      const want = referenceSegment(m, extra, p);
      assert.deepEqual([...got.back], want.back, p);
      assert.deepEqual([...got.ids], want.ids, p);
      chars += p.length;
    }
    assert.ok(chars > 3000);
  });

  it('an old patterns file (the model as varints in the JSON) still loads', () => {
    inTmpDir((dir) => {
      const file = path.join(dir, 'old.json');
      fs.writeFileSync(file, completionView(builtin));
      const p = loadPatterns(file);
      assert.ok(p.model && p.model.data.length > 1000 && !p.model.binary);
      const c = new Completer([{ patterns: builtin, weight: 1 }, { patterns: p, weight: USER_WEIGHT }], dataset, { date: DATE, canon });
      assert.equal(c.complete('全市各级党组织要坚持以习近平新时代中国特色社会主义思想为')[0].insert, '指导');
    });
  });

  it('a missing, stale, truncated or damaged binary file → a DataError naming it and asking to re-mine; the built-in data keeps working', () => {
    inTmpDir((dir) => {
      const user = otherArchive();
      const file = path.join(dir, 'archive.json');
      const bin = path.join(dir, 'archive.model.bin');
      writeCompletionView(file, user);
      const good = fs.readFileSync(bin);
      const expectError = (why: string, pattern: RegExp) => {
        assert.throws(
          () => loadPatterns(file),
          (e: unknown) => e instanceof DataError && e.file === bin && /请重新挖掘/.test(e.problem) && pattern.test(e.problem),
          why,
        );
      };
      // another mining's binary file (the JSON was not replaced): same size, other stamp
      const other = path.join(dir, 'other.json');
      writeCompletionView(other, user);
      fs.copyFileSync(path.join(dir, 'other.model.bin'), bin);
      expectError('stale', /不是同一次挖掘/);
      fs.writeFileSync(bin, good.subarray(0, good.length - 8));
      expectError('truncated', /大小/);
      // a child list out of order (the first word id of a deeper node's children bumped)
      const damaged = Buffer.from(good);
      const ints = new Int32Array(damaged.buffer, damaged.byteOffset, damaged.length >> 2);
      const n = ints[8];
      const V = ints[7];
      const word = 11; // after the header
      const first = 11 + 3 * n;
      let node = V + 1;
      while (ints[first + node + 1] - ints[first + node] < 2) node++;
      ints[word + ints[first + node]] = ints[word + ints[first + node] + 1] + 1;
      fs.writeFileSync(bin, damaged);
      expectError('damaged', /结构损坏/);
      fs.rmSync(bin);
      expectError('missing', /不存在/);
      // a name leading out of the folder is refused by the check of the patterns file itself
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      json.model.binary.file = '../archive.model.bin';
      assert.throws(() => checkedPatterns(json, file), (e: unknown) => e instanceof DataError && e.file === file);
      // the built-in data is untouched by all this
      const c = new Completer(builtin, dataset, { date: DATE, canon });
      assert.equal(c.complete('始终在思想上政治上行动上')[0].insert, '同以习近平同志为核心的党中央保持高度一致');
    });
  });

  it('merging refuses the editor\'s form (the model is not in the JSON), naming the file', () => {
    inTmpDir((dir) => {
      const file = path.join(dir, 'archive.json');
      writeCompletionView(file, otherArchive());
      assert.throws(() => readPatterns(file), (e: unknown) => e instanceof Error && e.message.startsWith(file) && /不能合并/.test(e.message));
    });
  });

  it('gongwen complete --patterns with a stale binary model → exit 2, one line naming the binary file', async () => {
    return inTmpDir(async (dir) => {
      const own = {
        ...emptyPatterns(),
        source: { documents: 3, characters: 60 },
        model: modelFromSequences(Array.from({ length: 3 }, () => ['要', '在', '学懂弄通做实', '上', '持续用力'])),
      };
      const file = path.join(dir, 'own.json');
      writeCompletionView(file, own);
      const ok = await runCli(['complete', '--format', 'json', '--patterns', file, '要在学懂弄通做实上']);
      assert.equal(ok.code, 0, ok.err);
      assert.equal(JSON.parse(ok.out).suggestions[0].insert, '持续用力');
      writeCompletionView(path.join(dir, 'again.json'), own);
      fs.copyFileSync(path.join(dir, 'again.model.bin'), path.join(dir, 'own.model.bin'));
      const r = await runCli(['complete', '--patterns', file, '要在学懂弄通做实上']);
      assert.equal(r.code, 2);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
      assert.ok(r.err.includes(path.join(dir, 'own.model.bin')), r.err);
      assert.equal(r.out, '');
    });
  });
});
