import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { loadBuiltinDataset } from '../../src/core/dataset';
import type { RuleContext } from '../../src/core/rules/context';
import { collectFindings } from '../../src/core/findings';
import { bringsOwnWords, checkMisquotes as writeAnchored, checkMisquotesEverywhere as writeEverywhere } from '../../src/core/rules/misquote';
import { TextDoc } from '../../src/core/text';
import type { Finding } from '../../src/core/types';

const ROOT = join(__dirname, '..', '..');
const ds = loadBuiltinDataset();
const ctxOf = (text: string): RuleContext => {
  const doc = new TextDoc(text);
  return { text, date: '2026-06-01', dataset: ds, hits: ds.matcher.scan(doc.codes).hits, language: 'plaintext', doc };
};
const checkMisquotes = (ctx: RuleContext) => collectFindings((out) => writeAnchored(ctx, out));
const checkMisquotesEverywhere = (ctx: RuleContext) => collectFindings((out) => writeEverywhere(ctx, out));
const show = (fs: Finding[], text: string) => fs.map((f) => `${f.start}-${f.end}:${text.slice(f.start, f.end)}→${f.fix?.text}`);
const canonicals = ds.glossary.entries.filter((e) => e.canonical).map((e) => e.canonical!);

describe('misquote: anchored reading', () => {
  it('has anchors for every clause that can be a candidate, and none with a sentence end', () => {
    const idx = ds.misquote;
    assert.ok(idx.clauses.length >= canonicals.length);
    idx.clauses.forEach((c, i) => {
      const bigrams = [...new Set(Array.from({ length: c.text.length - 1 }, (_, k) => c.text.slice(k, k + 2)))];
      const countable = bigrams.filter((b) => !/[。！？!?\n\r]/.test(b));
      const { anchors: mine, required, need } = idx.clauseAnchors(i);
      assert.ok(mine.every((a) => countable.includes(a)), `${c.text}: an anchor that is not its bigram`);
      assert.equal(need, Math.ceil(bigrams.length * 0.7 - 1e-9), c.text);
      // Pigeonhole: a sentence sharing `need` of the countable bigrams holds at least `required`
      // of its anchors, since at most (countable - anchors) shared bigrams are not anchors.
      assert.equal(required, need - (countable.length - mine.length), c.text);
      assert.ok(required >= 1, `${c.text}: required ${required}`);
      // Clauses this long have bigrams to spare: one common anchor alone never reads a sentence.
      if (countable.length >= 10) assert.equal(required, 2, c.text);
    });
    for (const a of idx.anchors) assert.ok(!/[。！？!?\n\r]/.test(a), a);
  });

  it('finds what reading every sentence finds, on the seed corpus and the sample speech', () => {
    const dir = join(ROOT, 'data', 'corpus');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
    files.push(join(ROOT, 'data', 'samples', 'sample-speech.txt'));
    let total = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const want = checkMisquotesEverywhere(ctxOf(text));
      assert.deepEqual(show(checkMisquotes(ctxOf(text)), text), show(want, text), f);
      total += want.length;
    }
    assert.ok(total >= 1, 'the sample speech has a misquote of 两个维护');
  });

  it('finds what reading every sentence finds, on canonical wording edited at random inside corpus prose', () => {
    const prose = readFileSync(join(ROOT, 'data', 'corpus', '004_85827a7d0dd7b7d7.txt'), 'utf8').split('\n').filter((l) => l.length > 30);
    const edit = fc.record({
      kind: fc.constantFrom('delete', 'insert', 'replace', 'swap'),
      at: fc.nat(),
      ch: fc.constantFrom(...'的和是在党要全面坚决维护习近平总书记中央核心'),
    });
    let found = 0;
    fc.assert(
      fc.property(
        fc.nat(canonicals.length - 1),
        fc.array(edit, { maxLength: 6 }),
        fc.nat(prose.length - 1),
        fc.constantFrom('。', '，', '\n', '！'),
        (ci, edits, pi, sep) => {
          let s = canonicals[ci];
          for (const e of edits) {
            const i = e.at % (s.length + 1);
            if (e.kind === 'delete') s = s.slice(0, i) + s.slice(i + 1);
            else if (e.kind === 'insert') s = s.slice(0, i) + e.ch + s.slice(i);
            else if (e.kind === 'replace') s = s.slice(0, i) + e.ch + s.slice(i + 1);
            else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
          }
          const line = prose[pi];
          const cut = Math.floor(line.length / 2);
          const text = line.slice(0, cut) + sep + s + '。' + line.slice(cut);
          const want = checkMisquotesEverywhere(ctxOf(text));
          found += want.length;
          assert.deepEqual(show(checkMisquotes(ctxOf(text)), text), show(want, text));
        },
      ),
      { numRuns: 400, seed: 20261123 },
    );
    assert.ok(found > 50, `only ${found} misquotes among the generated texts: the property would say little`);
  });
});

describe('misquote: one clause with words of its own', () => {
  const ids = (text: string) => checkMisquotes(ctxOf(text)).map((f) => text.slice(f.start, f.end));
  it('a statement that shares one clause of a formulation but says something else is not a misquote', () => {
    assert.deepEqual(ids('党的十九大确立了习近平新时代中国特色社会主义思想的历史地位。'), []);
  });
  it('the same words are a misquote where the sentence names the formulation', () => {
    assert.equal(ids('深刻领悟“两个确立”，确立了习近平新时代中国特色社会主义思想的历史地位。').length, 1);
  });
  it('a clause with a word dropped is still a misquote on its own', () => {
    assert.deepEqual(ids('要坚决维护党中央权威和统一领导。'), ['坚决维护党中央权威和统一领导']);
  });
  it('bringsOwnWords: two or more characters in a row that the canonical does not supply', () => {
    assert.equal(bringsOwnWords('确立了思想的历史地位', '确立思想的指导地位'), true);
    assert.equal(bringsOwnWords('维护党中央权威和统一领导', '维护党中央权威和集中统一领导'), false);
    assert.equal(bringsOwnWords('确立了思想的指导地位', '确立思想的指导地位'), false);
  });
});
