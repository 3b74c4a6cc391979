/**
 * Whole drafts, both ways: the bundled sample speech (data/samples) has one defect of each rule
 * kind and every one is found; a clean draft full of near-misses (test/fixtures/drafts) gets
 * no finding at all.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { applyFixes } from '../../src/core/fix';
import { TextDoc } from '../../src/core/text';
import { fixture, ROOT } from '../support/data';

const read = (p: string) => fs.readFileSync(p, 'utf8');

describe('whole drafts', () => {
  const sample = read(path.join(ROOT, 'data', 'samples', 'sample-speech.txt'));
  const r = check(sample); // dated 2026年3月10日 by its own date line
  const doc = new TextDoc(sample);
  const found = r.findings.map((f) => `${f.ruleId}@${doc.positionAt(f.start).line}:${sample.slice(f.start, f.end)}`);

  it('the sample speech is checked as of its own date', () => {
    assert.equal(r.date, '2026-03-10');
    assert.equal(r.dateSource, 'document');
  });
  it('finds one defect of each kind in the sample speech, and nothing else', () => {
    const want = [
      'core-not-general-secretary@7:以习近平同志为总书记的党中央', // outdated
      'col-four-consciousness@7:坚定', // collocation
      'canonical-wording@8:', // misquote (prefix: the whole window)
      'punct-ascii@8:,', // punctuation
      'outline-malformed@8:', // 三注重
      'covid-epidemic-short@11:新冠肺炎', // outdated name, dated
      'xi-zongshuji@11:习总书记', // nonstandard
      'outline-gap@12:', // 二、 → 四、
    ];
    assert.equal(found.length, want.length, found.join('\n'));
    for (const w of want) assert.ok(found.some((f) => f.startsWith(w)), `${w} not in\n${found.join('\n')}`);
    const kinds = new Set(r.findings.map((f) => f.category));
    assert.deepEqual([...kinds].sort(), ['nonstandard', 'outdated', 'outline', 'punctuation']);
  });
  it('after applying every fix only the problems without a mechanical fix remain', () => {
    const fixed = applyFixes(sample, r.findings.filter((f) => f.fix).map((f) => f.fix!));
    const left = check(fixed).findings.map((f) => f.ruleId);
    assert.deepEqual(left.sort(), ['outline-gap']);
  });
  it('a clean draft full of near-misses gets no finding at all', () => {
    const clean = read(fixture('drafts', 'near-misses.txt'));
    const res = check(clean);
    assert.equal(res.date, '2026-06-18');
    assert.deepEqual(res.findings.map((f) => `${f.ruleId}:${clean.slice(f.start, f.end)}`), []);
  });
});
