/**
 * Dates in the rule data: since-dates read conservatively, replacements that change with the
 * reference date (replacementByDate), the data's own date (data-currency, --version).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check, checkInChunks } from '../../src/core/check';
import { readData } from '../../src/core/data';
import { builtinDataVersion } from '../../src/core/data-version';
import { Dataset, loadBuiltinDataset, proposalAt } from '../../src/core/dataset';
import { findDateLine, sinceToIso } from '../../src/core/date';
import { applyFixes } from '../../src/core/fix';
import { isPastData, nextMonthStart } from '../../src/core/rules/currency';
import { loadCheckedDataset, runRuleExamples } from '../../src/core/selftest';
import { fixture } from '../support/data';
import { runCli } from '../support/cli';

const ds = new Dataset(readData([fixture('rules', 'dates.gongwen-rules.json')], []), { currentTo: '2026-12-01' });
const run = (text: string, date: string) => check(text, { dataset: ds, date }).findings.filter((f) => f.ruleId !== 'data-currency');

describe('since-dates', () => {
  it('reads a partial date as the first day after the period it names', () => {
    assert.equal(sinceToIso('2016'), '2017-01-01');
    assert.equal(sinceToIso('2016-10'), '2016-11-01');
    assert.equal(sinceToIso('2018-03'), '2018-04-01');
    assert.equal(sinceToIso('2022-12'), '2023-01-01');
    assert.equal(sinceToIso('2022-10-22'), '2022-10-22');
  });
  it('a rule dated 2022-10 is silent all October and fires from November; messages print the date as given', () => {
    assert.deepEqual(run('学习十九大精神', '2022-10-10'), []);
    assert.deepEqual(run('学习十九大精神', '2022-10-31'), []);
    const f = run('学习十九大精神', '2022-11-01');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /自2022年10月起/);
    assert.equal(f[0].since, '2022-10');
  });
});

describe('replacementByDate', () => {
  it('takes the last period on or before the reference date, whatever order the data lists them in', () => {
    const r = ds.byId.get('t-plan-13')!;
    assert.equal(proposalAt(r, '2020-06-01').replacement, '十四五'); // before the first: the rule's own
    assert.equal(proposalAt(r, '2021-01-01').replacement, '十四五');
    assert.equal(proposalAt(r, '2025-12-31').replacement, '十四五');
    assert.equal(proposalAt(r, '2026-01-01').replacement, '十五五');
    assert.equal(proposalAt(r, '2030-01-01').replacement, '十五五');
  });
  it('fixes 十三五 to 十四五 in 2021–2025 and to 十五五 from 2026', () => {
    const t = '要推进十三五规划实施。';
    const fix = (date: string) => applyFixes(t, run(t, date).map((f) => f.fix!).filter(Boolean));
    assert.equal(fix('2023-05-01'), '要推进十四五规划实施。');
    assert.equal(fix('2026-03-01'), '要推进十五五规划实施。');
    assert.match(run(t, '2026-03-01')[0].message, /可改为“十五五”/);
  });
  it('a period without a replacement gives no fix, and the message lists its alternatives', () => {
    const t = '向扶贫办报告。';
    const before = run(t, '2022-01-01');
    assert.equal(before[0].fix?.text, '乡村振兴局');
    const after = run(t, '2024-01-01');
    assert.equal(after.length, 1);
    assert.equal(after[0].fix, undefined);
    assert.match(after[0].message, /“农业农村部”或“农业农村部（国家乡村振兴局）”/);
  });
  it('works for regex rules (the period’s replacement is the template)', () => {
    const t = '实施第十三个五年规划。';
    assert.equal(run(t, '2022-01-01')[0].fix?.text, '第十四个五年规划');
    assert.equal(run(t, '2026-01-01')[0].fix?.text, '第十五个五年规划');
  });
  it('the rules’ own examples, each as of its own date, pass (fixed as of that date)', () => {
    assert.deepEqual(runRuleExamples(ds), []);
  });
  it('a user rule file whose dated example fixes to the wrong period is refused at load time', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-dates-'));
    const file = path.join(dir, 'x.gongwen-rules.json');
    const rule = JSON.parse(fs.readFileSync(fixture('rules', 'dates.gongwen-rules.json'), 'utf8')).rules[0];
    rule.id = 'u-plan';
    rule.examples.fire = [{ text: '要推进十三五规划实施', date: '2026-06-01', fixed: '要推进十四五规划实施' }];
    fs.writeFileSync(file, JSON.stringify({ rules: [rule] }));
    assert.throws(() => loadCheckedDataset({ ruleFiles: [file], builtin: false }), /u-plan.*修复结果不符/);
    rule.examples.fire = [{ text: '要推进十三五规划实施', date: '2026-06-01', fixed: '要推进十五五规划实施' }];
    fs.writeFileSync(file, JSON.stringify({ rules: [rule] }));
    assert.equal(loadCheckedDataset({ ruleFiles: [file], builtin: false }).dataset.rules.length, 1);
  });
  it('the schema refuses a period without a full from-date', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-dates-'));
    const file = path.join(dir, 'x.gongwen-rules.json');
    const rule = JSON.parse(fs.readFileSync(fixture('rules', 'dates.gongwen-rules.json'), 'utf8')).rules[0];
    rule.replacementByDate = [{ from: '2026', replacement: '十五五' }];
    fs.writeFileSync(file, JSON.stringify({ rules: [rule] }));
    assert.throws(() => readData([file], []), /replacementByDate/);
  });
});

describe('data currency', () => {
  it('the built-in data says what it is current to', () => {
    assert.equal(builtinDataVersion().currentTo, '2026-12-01');
    assert.equal(loadBuiltinDataset().currentTo, '2026-12-01');
  });
  it('the month of the data counts as covered', () => {
    assert.equal(nextMonthStart('2026-12-01'), '2027-01-01');
    assert.equal(nextMonthStart('2026-03-15'), '2026-04-01');
    assert.ok(!isPastData('2026-12-31', '2026-12-01'));
    assert.ok(isPastData('2027-01-01', '2026-12-01'));
    assert.ok(!isPastData('2030-01-01', undefined));
  });
  it('one info, on the date line when the draft gives its date, else at the first character', () => {
    const dated = '关于某项工作的通知\n\n各单位：\n  现将有关事项通知如下。\n\n　2027年3月1日　\n';
    const f = check(dated, { dataset: ds }).findings.filter((x) => x.ruleId === 'data-currency');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'info');
    assert.equal(dated.slice(f[0].start, f[0].end), '2027年3月1日');
    assert.match(f[0].message, /2026年12月/);
    const undated = '\n  现将有关事项通知如下。';
    const g = check(undated, { dataset: ds, date: '2027-02-01' }).findings.filter((x) => x.ruleId === 'data-currency');
    assert.equal(g.length, 1);
    assert.equal(undated.slice(g[0].start, g[0].end), '现');
    assert.deepEqual(check(undated, { dataset: ds, date: '2026-12-31' }).findings, []);
  });
  it('is a normal rule: severity settings and disable comments apply', () => {
    const t = '现将有关事项通知如下。';
    assert.equal(check(t, { dataset: ds, date: '2027-02-01', severity: { 'data-currency': 'off' } }).findings.length, 0);
    assert.equal(check(t, { dataset: ds, date: '2027-02-01', severity: { 'data-currency': 'hint' } }).findings[0].severity, 'hint');
    assert.equal(check(`gongwen-disable data-currency\n${t}`, { dataset: ds, date: '2027-02-01' }).findings.length, 0);
  });
  it('is given once for a text checked in chunks', () => {
    const t = '现将有关事项通知如下。\n'.repeat(400);
    const all: string[] = [];
    const r = checkInChunks(t, { dataset: ds, date: '2027-02-01' }, (fs) => all.push(...fs.map((f) => f.ruleId)), 1000);
    assert.ok(r.chunks > 3);
    assert.deepEqual(all.filter((id) => id === 'data-currency'), ['data-currency']);
  });
  it('a dataset without the built-in data has no date, and no such note', () => {
    const bare = new Dataset(readData([fixture('rules', 'dates.gongwen-rules.json')], []));
    assert.deepEqual(check('现将有关事项通知如下。', { dataset: bare, date: '2040-01-01' }).findings, []);
  });
  it('finds the date line and where its date stands', () => {
    const t = '标题\r\n  （二〇二〇年五月十二日）\r\n正文';
    const d = findDateLine(t)!;
    assert.equal(d.date, '2020-05-12');
    assert.equal(t.slice(d.start, d.end), '（二〇二〇年五月十二日）');
  });
  it('gongwen --version prints the data date', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d+\.\d+\.\d+\n规则数据截至 2026年12月/);
  });
});

describe('canonical wording and dates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-canon-'));
  const file = path.join(dir, 'g.gongwen-glossary.json');
  const entry = JSON.parse(fs.readFileSync(fixture('glossary', 'canonical.gongwen-glossary.json'), 'utf8')).entries[0];
  fs.writeFileSync(file, JSON.stringify({ entries: [{ ...entry, since: '2018' }] }));
  const gds = new Dataset(readData([], [file]));
  const older = '坚决维护习近平总书记核心地位，坚决维护党中央权威和集中统一领导。';
  const misquotes = (date: string) => check(older, { dataset: gds, date, kinds: ['misquote'] }).findings;
  it('a text dated before the entry’s since-date may word the formulation as it was worded then', () => {
    assert.deepEqual(misquotes('2018-03-05'), []);
    assert.deepEqual(misquotes('2018-12-31'), []); // since 2018 counts from 2019-01-01
    assert.equal(misquotes('2019-01-01').length, 1);
  });
  it('an entry without a since-date is compared at any date', () => {
    const bare = new Dataset(readData([], [fixture('glossary', 'canonical.gongwen-glossary.json')]));
    assert.equal(check(older, { dataset: bare, date: '2000-01-01', kinds: ['misquote'] }).findings.length, 1);
  });
});
