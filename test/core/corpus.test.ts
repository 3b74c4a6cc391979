/**
 * The seed corpus (data/corpus, described in its README) checked with the shipped data, as of each
 * document's own year: its real defects are flagged, its traps are not.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { check } from '../../src/core/check';
import { TextDoc } from '../../src/core/text';
import { corpusFile } from '../support/data';

function run(name: string, date: string) {
  const text = fs.readFileSync(corpusFile(name), 'utf8');
  const doc = new TextDoc(text);
  const findings = check(text, { date }).findings.map((f) => ({
    ...f,
    line: doc.positionAt(f.start).line,
    matched: text.slice(f.start, f.end),
  }));
  return { text, findings };
}

const S001 = '001_adaabb19d8d79920.txt';
const S003 = '003_e202da5d409c69b3.txt';
const S004 = '004_85827a7d0dd7b7d7.txt';

describe('seed corpus: real defects are flagged', () => {
  it('001 (2020): 习总书记 on line 15, with 习近平总书记 as the fix', () => {
    const { findings } = run(S001, '2020-06-01');
    const f = findings.find((x) => x.matched === '习总书记');
    assert.ok(f, '习总书记 not flagged');
    assert.equal(f.line, 15);
    assert.equal(f.fix?.text, '习近平总书记');
  });
  it('001 (2020): 做出了应有的贡献 → 作出', () => {
    const { findings } = run(S001, '2020-06-01');
    const f = findings.find((x) => x.line === 6 && x.matched.startsWith('做出'));
    assert.ok(f, '做出…贡献 not flagged');
    assert.ok(f.fix?.text.startsWith('作出'));
  });
  it('001: 精准脱贫攻坚战 is right in 2020 and outdated as of today', () => {
    assert.ok(!run(S001, '2020-06-01').findings.some((x) => x.matched.includes('脱贫攻坚')));
    const now = run(S001, '2026-11-23').findings.find((x) => x.matched.includes('脱贫攻坚'));
    assert.ok(now, 'not flagged as of 2026');
    assert.equal(now.line, 12);
    assert.equal(now.category, 'outdated');
  });
  it('003 (2023): 以习近平同志为总书记的党中央 and 系列重要讲话精神 on line 6, 新时期 on line 7', () => {
    const { findings } = run(S003, '2023-06-01');
    const l6 = findings.filter((x) => x.line === 6 && x.category === 'outdated').map((x) => x.matched);
    assert.ok(l6.some((m) => m.includes('以习近平同志为总书记的党中央')), l6.join('|'));
    assert.ok(l6.some((m) => m.includes('系列重要讲话精神')), l6.join('|'));
    assert.ok(findings.some((x) => x.line === 7 && x.matched === '新时期'));
  });
});

describe('seed corpus: traps stay silent', () => {
  it('004: 学习总书记 (line 11) is 学习 + 总书记, not 习总书记', () => {
    const { findings } = run(S004, '2026-11-23');
    assert.deepEqual(findings.filter((x) => x.line === 11 && x.matched.includes('总书记')), []);
  });
  it('004: 新冠肺炎疫情 is right in a 2020 speech and flagged as of 2023', () => {
    assert.ok(!run(S004, '2020-06-01').findings.some((x) => x.matched.includes('新冠肺炎')));
    const later = run(S004, '2023-06-01').findings.find((x) => x.matched.includes('新冠肺炎'));
    assert.ok(later);
    assert.equal(later.line, 4);
  });
  it('no formulation warning in the four well-edited seeds beyond the listed defects', () => {
    const known = new Set(['习总书记', '做出了应有的贡献']);
    for (const [name, date] of [
      ['000_aadf67c685c78a25.txt', '2021-07-01'],
      ['001_adaabb19d8d79920.txt', '2020-06-01'],
      ['002_62cb6a94fe40cc07.txt', '2021-07-01'],
      [S004, '2020-06-01'],
    ]) {
      const loud = run(name, date).findings.filter(
        (x) => (x.category === 'outdated' || x.category === 'nonstandard') && (x.severity === 'warning' || x.severity === 'error'),
      );
      assert.deepEqual(loud.filter((x) => !known.has(x.matched)).map((x) => `${x.ruleId}:${x.matched}@${x.line}`), [], name);
    }
  });
});
