/**
 * The canon list for completion (data/canon.json): it validates against its schema, texts are
 * unique, every entry names a source, and no entry is outdated or non-standard in the eyes of
 * the checker itself, as of the first and the last day of the window in which it is current
 * (its `since`, and its `until` or the day the data is current to).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { check } from '../../src/core/check';
import { loadBuiltinDataset } from '../../src/core/dataset';

const root = path.resolve(__dirname, '../..');
const readJson = (p: string): any => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

interface CanonEntry {
  text: string;
  source: string;
  since?: string;
  until?: string;
  topic: string;
}

/** The last day the canon is claimed current: the day before `until`, or the data's date. */
const CURRENT_TO = '2026-12-01';
const dayBefore = (iso: string) => new Date(Date.parse(iso) - 86400000).toISOString().slice(0, 10);

describe('data: canon list for completion', () => {
  const data = readJson('data/canon.json');
  const entries: CanonEntry[] = data.entries;

  it('validates against canon.schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(readJson('data/schema/canon.schema.json'));
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 1));
  });

  it('has at least 300 entries with unique texts', () => {
    assert.ok(entries.length >= 300, `only ${entries.length} entries`);
    const seen = new Set<string>();
    for (const e of entries) {
      assert.ok(!seen.has(e.text), `duplicate text ${e.text}`);
      seen.add(e.text);
    }
  });

  it('every entry has a source, a topic and a window that is not empty', () => {
    for (const e of entries) {
      assert.ok(e.source.trim().length >= 4 && /[\u4e00-\u9fff]/.test(e.source), `${e.text}: source`);
      assert.ok(e.topic.trim().length >= 2, `${e.text}: topic`);
      if (e.since && e.until) assert.ok(e.since < e.until, `${e.text}: since ${e.since} is not before until ${e.until}`);
    }
  });

  it('is current as of late 2026: none ends before the data date', () => {
    for (const e of entries) if (e.until) assert.ok(e.until > CURRENT_TO, `${e.text}: until ${e.until}`);
  });

  it('no entry is outdated or non-standard for the checker inside its own window', () => {
    const dataset = loadBuiltinDataset();
    const bad: string[] = [];
    for (const e of entries) {
      const last = e.until ? dayBefore(e.until) : CURRENT_TO;
      for (const date of new Set([e.since ?? last, last])) {
        const found = check(e.text, { date, dataset, kinds: ['formulation', 'collocation', 'misquote'] }).findings.filter(
          (f) => f.category === 'outdated' || f.category === 'nonstandard',
        );
        for (const f of found) bad.push(`${date} ${e.text} → ${f.ruleId}: ${f.message}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the checker does flag an outdated formulation written the same way (the test can fail)', () => {
    const found = check('决胜全面建成小康社会', { date: CURRENT_TO }).findings.filter((f) => f.category === 'outdated');
    assert.ok(found.length >= 1, 'expected the checker to flag a formulation of 2017–2020 as of 2026');
  });
});
