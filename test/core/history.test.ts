/**
 * The built-in context for old names of bodies (src/core/rules/history.ts), read on the shipped
 * rules and on test rules: history markers, 原+title, the reform itself, foreign bodies, a date
 * before the rule's day, accounts of the past (the era decision's `account`), and what rule data
 * can switch off. Properties over the shipped rules' own fire examples (fast-check).
 */
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { check } from '../../src/core/check';
import { readData } from '../../src/core/data';
import { Dataset, loadBuiltinDataset, type CompiledRule } from '../../src/core/dataset';
import { EraReader } from '../../src/core/rules/era';
import { HISTORY_MARKERS, HistoryReader, historyConfig } from '../../src/core/rules/history';
import { FOREIGN_PLACES } from '../../src/core/rules/places';
import { runRuleExamples } from '../../src/core/selftest';
import { TextDoc } from '../../src/core/text';
import type { RuleExample } from '../../src/core/model';
import { fixture } from '../support/data';

const builtin = loadBuiltinDataset();
const DRAFT = '2026-12-01';

/** The findings of `id` in `text` as of `date`, as the matched strings. */
function hits(text: string, id: string, date = DRAFT, dataset = builtin): string[] {
  return check(text, { date, dataset })
    .findings.filter((f) => f.ruleId === id)
    .map((f) => text.slice(f.start, f.end));
}

/** Which part of the built-in context silences the first `name` in `text` ('' when none). */
function why(text: string, id: string, name: string, date = DRAFT, dataset = builtin): string {
  const rule = dataset.byId.get(id)!;
  const at = text.indexOf(name);
  assert.ok(at >= 0, `${name} not in ${text}`);
  const h = new HistoryReader(text, new TextDoc(text), date);
  h.silences(rule, at, at + name.length);
  return h.why;
}

describe('old names of bodies: the built-in context', () => {
  it('a year before the rule’s day at the head of the sentence or clause, or beside the name: silent', () => {
    assert.deepEqual(hits('2016年，国土资源部印发了全国土地整治规划。', 'mlr-land-resources'), []);
    assert.equal(why('2016年，国土资源部印发这一规划。', 'mlr-land-resources', '国土资源部'), 'dated');
    assert.equal(why('国土资源部于2016年印发了这一规划。', 'mlr-land-resources', '国土资源部'), 'dated');
    assert.equal(why('据统计，2016年国土资源部共受理申请三千件。', 'mlr-land-resources', '国土资源部'), 'dated');
    assert.equal(why('早在二〇一五年，环境保护部就启动了督察试点。', 'mee-environment', '环境保护部'), 'dated');
    assert.equal(why('2018年3月，国土资源部发布通知。', 'mlr-land-resources', '国土资源部'), 'dated'); // before 04-10
    assert.deepEqual(hits('2003年，卫生部每日公布疫情。', 'moh-health'), []);
  });
  it('a source named for figures takes the date of the figures in the next clause', () => {
    assert.equal(why('据国务院扶贫办统计，2019年全国又有1109万农村贫困人口脱贫。', 'nrra-poverty-office', '国务院扶贫办'), 'dated');
    assert.equal(why('根据国土资源部发布的数据，2016年全国耕地面积为20.24亿亩。', 'mlr-land-resources', '国土资源部'), 'dated');
    // No date, a later date, or a period that runs on: the old name is used for today.
    assert.deepEqual(hits('据国务院扶贫办统计，全国又有一批贫困人口脱贫。', 'nrra-poverty-office'), ['国务院扶贫办']);
    assert.deepEqual(hits('据国务院扶贫办统计，2021年以来脱贫人口收入持续增长。', 'nrra-poverty-office'), ['国务院扶贫办']);
    assert.deepEqual(hits('据国土资源部统计，2019年全国耕地面积为20.23亿亩。', 'mlr-land-resources'), ['国土资源部']);
    // Not a source of figures: the next clause's date does not reach back.
    assert.deepEqual(hits('国土资源部要加强指导，2016年的规划要落实。', 'mlr-land-resources'), ['国土资源部']);
  });
  it('a date on or after the rule’s day, or a period that runs on, keeps the warning', () => {
    assert.deepEqual(hits('2018年5月，国土资源部发布通知。', 'mlr-land-resources'), ['国土资源部']);
    assert.deepEqual(hits('2019年，国家工商总局发布了年报。', 'samr-saic'), ['国家工商总局']);
    assert.deepEqual(hits('2016年以来，国土资源部持续推进不动产统一登记。', 'mlr-land-resources'), ['国土资源部']);
    assert.deepEqual(hits('去年，国土资源部印发了通知。', 'mlr-land-resources'), ['国土资源部']); // 2025
    assert.deepEqual(hits('今年，国土资源部要加强指导。', 'mlr-land-resources'), ['国土资源部']);
    // 去年 as of 2019-01-10 is 2018, the year of the renaming: read as history.
    assert.deepEqual(hits('去年，国土资源部印发了通知。', 'mlr-land-resources', '2019-01-10'), []);
  });
  it('a draft of today that uses the old name for today’s body still warns', () => {
    assert.deepEqual(hits('请国土资源部派员指导。', 'mlr-land-resources'), ['国土资源部']);
    assert.deepEqual(hits('农业部印发了春耕生产指导意见。', 'moa-agriculture'), ['农业部']); // a perfective alone is no account
    assert.deepEqual(hits('中央深改组会议审议通过。', 'ccdr-reform-group-short'), ['中央深改组']);
    assert.deepEqual(hits('当前国土资源部要加强对各地的指导。', 'mlr-land-resources'), ['国土资源部']); // 当前 is no 前
    assert.deepEqual(hits('太原环保局要加强执法。', 'local-environment-bureau'), ['环保局']); // 太原 is no 原
    assert.deepEqual(hits('国土资源部原则同意这一方案。', 'mlr-land-resources'), ['国土资源部']); // 原则 is no 原+title
    assert.deepEqual(hits('会前，请国土资源部派员指导。', 'mlr-land-resources'), ['国土资源部']);
    assert.deepEqual(hits('五年来，国土资源部持续推进不动产统一登记。', 'mlr-land-resources'), ['国土资源部']);
  });
  it('accounts of the past, as the era decision reads them', () => {
    assert.equal(why('当时，国家旅游局推出了新线路。', 'mct-tourism', '国家旅游局'), 'past');
    assert.equal(why('那年，国家林业局召开了会议。', 'nfga-forestry', '国家林业局'), 'past');
    assert.equal(why('机构改革时，国土资源部提出了新的工作方案。', 'mlr-land-resources', '国土资源部'), 'past');
    assert.equal(why('机构改革前，国土资源部负责这项工作。', 'mlr-land-resources', '国土资源部'), 'past');
    assert.equal(why('这项工作国家工商总局曾经牵头负责。', 'samr-saic', '国家工商总局'), 'past');
    // A time clause without a perfective is no account: 检查时，请…派员指导.
    assert.equal(why('检查时，请国土资源部派员指导。', 'mlr-land-resources', '国土资源部'), '');
  });
  it('history markers before the name, also with a place between, and 原 after it', () => {
    for (const t of ['原国土资源部已完成转隶。', '时任国土资源部部长出席。', '当时的国土资源部印发了规划。', '组建自然资源部，不再保留国土资源部。', '其前身为国土资源部。']) {
      assert.equal(why(t, 'mlr-land-resources', '国土资源部'), 'marker', t);
    }
    assert.equal(why('原江苏省环保局局长出席了会议。', 'local-environment-bureau', '环保局'), 'marker');
    assert.equal(why('原市环保局开展了专项检查。', 'local-environment-bureau', '环保局'), 'marker');
    assert.equal(why('国家质检总局原局长出席。', 'samr-aqsiq', '国家质检总局'), 'marker');
    assert.equal(why('国务院扶贫办原党组书记出席。', 'nrra-poverty-office', '国务院扶贫办'), 'marker');
    // A place marker needs a place: 原则上各省 is no place.
    assert.equal(why('原则上各省环保局要加强执法。', 'local-environment-bureau', '环保局'), '');
  });
  it('the reform narrated in the clause or in the rest of the sentence', () => {
    assert.deepEqual(hits('不再保留国土资源部、国家海洋局、国家测绘地理信息局。', 'mlr-oceanic'), []);
    assert.deepEqual(hits('不再保留国土资源部、国家海洋局、国家测绘地理信息局。', 'mlr-surveying'), []);
    assert.equal(why('国土资源部的职责整合后组建自然资源部。', 'mlr-land-resources', '国土资源部'), 'reform');
    assert.equal(why('国家旅游局与文化部合并为文化和旅游部。', 'mct-tourism', '国家旅游局'), 'reform');
  });
  it('a foreign country or region before the name: one list for every rule', () => {
    assert.equal(why('美国农业部发布了供需报告。', 'moa-agriculture', '农业部'), 'foreign');
    assert.equal(why('该国农业部发布了新规。', 'moa-agriculture', '农业部'), 'foreign');
    assert.equal(why('中美两国农业部签署了合作备忘录。', 'moa-agriculture', '农业部'), 'foreign');
    assert.equal(why('俄军总参谋部发表声明。', 'cmc-general-staff', '总参谋部'), 'foreign');
    assert.equal(why('坦桑尼亚卫生部通报了疫情。', 'moh-health', '卫生部'), 'foreign');
    // 当地 is foreign for a ministry, not for a local bureau (the local rules leave it out).
    assert.equal(why('当地农业部发布了新规。', 'moa-agriculture', '农业部'), 'foreign');
    assert.deepEqual(hits('当地环保局要加强执法。', 'local-environment-bureau'), ['环保局']);
  });
  it('a name ending in 部 followed by 门/署/分… is no name; a title is a document’s name', () => {
    assert.equal(why('各级国土资源部门要做好衔接。', 'mlr-land-resources', '国土资源部'), 'word');
    assert.equal(why('做好农业部署和粮食生产工作。', 'moa-agriculture', '农业部'), 'word');
    assert.equal(why('学习《国土资源部关于加强耕地保护的通知》。', 'mlr-land-resources', '国土资源部'), 'title');
  });
  it('中华民国: years up to 1949 are history (since 1949-10-01, dates only)', () => {
    assert.deepEqual(hits('1948年，蒋介石在南京当选中华民国总统。', 'tw-roc-president'), []);
    assert.deepEqual(hits('1912年中华民国宣告建立。', 'tw-roc-name'), []);
    assert.deepEqual(hits('他会见了中华民国总统。', 'tw-roc-president'), ['中华民国总统']); // a perfective is no history here
    assert.deepEqual(hits('1950年，中华民国外交部发表声明。', 'tw-roc-name'), ['中华民国']);
  });
});

describe('old names of bodies: what rule data can change', () => {
  const ds = new Dataset(readData([fixture('rules', 'history.gongwen-rules.json')], []));
  it('the test rules’ own examples pass', () => {
    assert.deepEqual(runRuleExamples(ds), []);
  });
  it('on by default for renamed, off for other kinds; history: false / true switch it', () => {
    assert.ok(historyConfig({ kind: 'renamed', since: '2018-03-21' }));
    assert.equal(historyConfig({ kind: 'outdated', since: '2018-03-21' }), null);
    assert.equal(historyConfig({ kind: 'renamed', history: false }), null);
    assert.ok(historyConfig({ kind: 'nonstandard', history: true }));
    for (const t of ['原旧署已完成转隶。', '2016年，旧署印发了通知。', '美国旧署发布了报告。']) assert.deepEqual(hits(t, 't-old-body-plain', DRAFT, ds), ['旧署'], t);
    assert.deepEqual(hits('2016年，旧委员会审议通过了方案。', 't-body-outdated', DRAFT, ds), []);
  });
  it('parts keeps only some checks; ignore leaves out built-in words; era rules leave dates to the era decision', () => {
    assert.deepEqual(hits('原旧国号的说法。', 't-body-dated-only', DRAFT, ds), ['旧国号']);
    assert.deepEqual(hits('1948年，旧国号政府发布了公告。', 't-body-dated-only', DRAFT, ds), []);
    assert.deepEqual(hits('当地旧办要加强执法。', 't-body-ignore', DRAFT, ds), ['旧办']);
    assert.deepEqual(hits('时任旧办主任出席。', 't-body-ignore', DRAFT, ds), []);
    const era = historyConfig({ kind: 'era', since: '2013-03-17', history: true })!;
    const renamed = historyConfig({ kind: 'renamed', since: '2013-03-17' })!;
    assert.ok(era.parts < renamed.parts);
    assert.equal(historyConfig({ kind: 'renamed' })!.parts, era.parts); // no since: no dates, no accounts
  });
});

describe('era decision: dating an account (EraReader.dateOf)', () => {
  const date = (text: string, name: string, ref = DRAFT) => {
    const at = text.indexOf(name);
    return new EraReader(text, new TextDoc(text), ref).dateOf(at, at + name.length);
  };
  it('reads the date at the head of the sentence or clause, right before the name or right after it', () => {
    assert.deepEqual(date('2016年，国土资源部印发了规划。', '国土资源部'), { from: '2016-01-01', open: false });
    assert.deepEqual(date('2016年3月5日，国土资源部印发了规划。', '国土资源部'), { from: '2016-03-05', open: false });
    assert.deepEqual(date('二〇一六年三月，国土资源部印发了规划。', '国土资源部'), { from: '2016-03-01', open: false });
    assert.deepEqual(date('国土资源部于2016年印发了规划。', '国土资源部'), { from: '2016-01-01', open: false });
    assert.deepEqual(date('1912年中华民国成立。', '中华民国'), { from: '1912-01-01', open: false });
    assert.deepEqual(date('2016年以来，国土资源部持续推进。', '国土资源部'), { from: '2016-01-01', open: true });
    assert.deepEqual(date('去年，国土资源部印发了通知。', '国土资源部'), { from: '2025-01-01', open: false });
    assert.equal(date('请国土资源部派员指导，2016年的文件继续有效。', '国土资源部'), undefined);
    assert.equal(date('要落实国土资源部2016年印发的规划。', '国土资源部')?.from, '2016-01-01');
  });
});

// ---- Properties over the shipped rules' own fire examples ----

interface Case {
  rule: CompiledRule;
  text: string;
  date: string;
  start: number;
  end: number;
}

const DATE_WORD = /\d{4}年|[〇零○一二三四五六七八九]{4}年|今年|去年|上年|前年|明年|本年/u;

/** Every single-sentence fire example of a renamed rule without a date of its own, with where it fires. */
const CASES: Case[] = builtin.rules
  .filter((r) => r.entry.kind === 'renamed' && r.since)
  .flatMap((rule) =>
    rule.entry.examples.fire.flatMap((x) => {
      const ex: RuleExample = typeof x === 'string' ? { text: x } : x;
      if (DATE_WORD.test(ex.text) || /[。！？；].+/u.test(ex.text)) return [];
      const date = ex.date ?? '2026-06-01';
      const f = check(ex.text, { date, dataset: builtin }).findings.find((y) => y.ruleId === rule.entry.id);
      return f ? [{ rule, text: ex.text, date, start: f.start, end: f.end }] : [];
    }),
  );

const fires = (c: Case, text: string, shift: number) =>
  check(text, { date: c.date, dataset: builtin }).findings.some((f) => f.ruleId === c.rule.entry.id && f.start < c.end + shift && f.end > c.start + shift);

const CN_DIGIT = '〇一二三四五六七八九';
const cnYear = (y: number) => Array.from(String(y), (d) => CN_DIGIT[+d]).join('');

/** A date opening a sentence: 2016年， / 2016年3月， / 2016年3月5日， / 早在2016年， / 二〇一六年， */
const yearPrefix = (y: number, form: number, m: number, d: number) =>
  [`${y}年，`, `${y}年${m}月，`, `${y}年${m}月${d}日，`, `早在${y}年，`, `${cnYear(y)}年，`, `${y}年`][form];

const SEED = 20261202;

describe('old names of bodies: properties', () => {
  it('has fire examples to vary (at least 40 renamed rules)', () => {
    assert.ok(new Set(CASES.map((c) => c.rule)).size >= 40, `${CASES.length} cases`);
  });
  it('prefixing a sentence with a date before the rule’s day never makes a renamed rule fire', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (c, u, form, m, d) => {
        const sinceYear = +c.rule.since!.slice(0, 4);
        const y = 1950 + Math.floor(u * (sinceYear - 1950)); // 1950 … since's year - 1
        const p = yearPrefix(y, form, m, d);
        const text = p + c.text;
        assert.equal(fires(c, text, p.length), false, `${c.rule.entry.id}: ${text}`);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
  it('a date on or after the rule’s day (to the reference year) keeps the finding', () => {
    const later = CASES.filter((c) => +c.rule.since!.slice(0, 4) < +c.date.slice(0, 4));
    fc.assert(
      fc.property(fc.constantFrom(...later), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 12 }), (c, u, form, m) => {
        const lo = +c.rule.since!.slice(0, 4) + 1;
        const y = lo + Math.floor(u * (+c.date.slice(0, 4) - lo + 1));
        const p = yearPrefix(y, form, m, 1);
        assert.equal(fires(c, p + c.text, p.length), true, `${c.rule.entry.id}: ${p + c.text}`);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
  it('a country or region right before the name silences it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.constantFrom(...FOREIGN_PLACES), (c, place) => {
        const h = c.rule.entry.history;
        if (typeof h === 'object' && h.ignore?.includes(place)) return;
        const text = c.text.slice(0, c.start) + place + c.text.slice(c.start);
        assert.equal(fires(c, text, place.length), false, `${c.rule.entry.id}: ${text}`);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
  it('a history marker before the name, or 原+title after it, silences it', () => {
    const titles = ['原局长', '原主任', '原党组书记', '原副部长', '原常务副主任', '原机关干部', '原纪检组长', '原办公厅'];
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.constantFrom(...HISTORY_MARKERS), fc.constantFrom(...titles), (c, marker, title) => {
        const before = c.text.slice(0, c.start) + marker + c.text.slice(c.start);
        assert.equal(fires(c, before, marker.length), false, `${c.rule.entry.id}: ${before}`);
        const after = c.text.slice(0, c.end) + title + c.text.slice(c.end);
        assert.equal(fires(c, after, 0), false, `${c.rule.entry.id}: ${after}`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
  it('a sentence dated before the rule’s day does not silence the next sentence', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), (c) => {
        const p = `${+c.rule.since!.slice(0, 4) - 2}年，有关工作已经完成。`;
        assert.equal(fires(c, p + c.text, p.length), true, `${c.rule.entry.id}: ${p + c.text}`);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
