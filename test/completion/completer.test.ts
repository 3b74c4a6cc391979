import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Completer, loadCompletionDataset, loadPatterns, patternsProblem, type Suggestion } from '../../src/core/completion';
import { emptyPatterns, type Patterns } from '../../src/core/patterns';
import { ROOT } from '../support/data';

const patterns = loadPatterns();
const dataset = loadCompletionDataset();
const DATE = '2026-06-01';
const completer = new Completer(patterns, dataset, { date: DATE });
const corpus = (name: string) =>
  fs
    .readFileSync(path.join(ROOT, 'data', 'corpus', fs.readdirSync(path.join(ROOT, 'data', 'corpus')).find((f) => f.startsWith(name))!), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim());
const inserts = (s: Suggestion[]) => s.map((x) => x.insert);

/** A patterns object with only what a test needs. */
function mk(p: Partial<Patterns>): Patterns {
  return { ...emptyPatterns(), source: { documents: 1, characters: 1 }, ...p };
}
const ph = (text: string, count: number, docs = 1) => ({ text, count, docs, examples: [] });

describe('completion: the shipped patterns file', () => {
  it('is valid and has the kinds the engine uses', () => {
    assert.equal(patternsProblem(patterns), undefined);
    assert.ok(patterns.phrases.length > 100 && patterns.collocations.length > 5 && patterns.parallels.length > 5);
  });
});

describe('completion: rest of a phrase being typed', () => {
  it('completes 学懂弄 → 通做实 from the corpus', () => {
    const s = completer.complete('要在学懂弄');
    assert.equal(s[0].insert, '通做实');
    assert.equal(s[0].kind, 'phrase');
    assert.match(s[0].detail, /语料 \d+ 次/);
  });
  it('completes most of the frequent mined phrases from their first characters', () => {
    const top = patterns.phrases.filter((p) => p.text.length >= 4 && p.count >= 4).slice(0, 40);
    let ok = 0;
    for (const p of top) {
      const typed = p.text.slice(0, p.text.length - 2);
      if (completer.complete('，' + typed, { limit: 10 }).some((s) => typed + s.insert === p.text || (typed + s.insert).startsWith(p.text))) ok++;
    }
    assert.ok(ok >= top.length * 0.9, `${ok}/${top.length}`);
  });
  it('completes the shortest matching key only from two typed characters', () => {
    const c = new Completer(mk({ phrases: [ph('理论学习中心组', 10, 3)] }), dataset, { date: DATE });
    assert.deepEqual(inserts(c.complete('党委理')), []);
    assert.deepEqual(inserts(c.complete('党委理论')), ['学习中心组']);
    assert.deepEqual(inserts(c.complete('党委理论学习中心')), ['组']);
  });
});

describe('completion: the phrase that comes next', () => {
  it('以习近平同志为核心的 → 党中央', () => {
    assert.equal(completer.complete('更加紧密地团结在以习近平同志为核心的')[0].insert, '党中央');
  });
  it('坚决做到 → “两个维护” first, from corpus collocations', () => {
    const s = completer.complete('全市机关要坚决做到');
    assert.equal(s[0].insert, '“两个维护”');
    assert.equal(s[0].kind, 'next');
  });
  it('completes the next phrase once part of it is typed (坚定“四 → 个自信”)', () => {
    assert.ok(inserts(completer.complete('坚定“四')).includes('个自信”'));
  });
});

describe('completion: standard collocations from the glossary', () => {
  it('树牢 → “四个意识” although the corpus never writes it', () => {
    assert.ok(!patterns.collocations.some((c) => c.head.endsWith('树牢')));
    const s = completer.complete('引导党员干部树牢');
    const hit = s.find((x) => x.insert === '“四个意识”');
    assert.ok(hit, JSON.stringify(s));
    assert.equal(hit!.kind, 'collocation');
  });
  it('a historical glossary entry gives no collocation (牢记“两个务必” is superseded by 三个务必)', () => {
    const s = completer.complete('全党同志要牢记');
    assert.ok(!inserts(s).includes('“两个务必”'), JSON.stringify(s));
    assert.ok(inserts(s).includes('“三个务必”'));
  });
});

describe('completion: parallel structures', () => {
  it('往深里走、 → 往心里走 and the rest of the series', () => {
    const s = completer.complete('推动习近平新时代中国特色社会主义思想往深里走、');
    assert.deepEqual(inserts(s).slice(0, 2), ['往心里走', '往心里走、往实里走']);
    assert.ok(s.every((x) => x.kind === 'parallel'));
  });
  it('认识到位、谋划到位、 → 落实到位 (never an item already typed)', () => {
    const s = completer.complete('做到认识到位、谋划到位、');
    assert.equal(s[0].insert, '落实到位');
    assert.ok(!s.some((x) => /认识到位|谋划到位/.test(x.insert)));
  });
  it('a partly typed item: 往深里走、往心 → 里走; an item without its separator: → 、往心里走', () => {
    assert.equal(completer.complete('往深里走、往心')[0].insert, '里走');
    assert.ok(inserts(completer.complete('往深里走')).includes('、往心里走'));
  });
});

describe('completion: enumeration markers', () => {
  it('in corpus text, right before 二是 the next marker is the top suggestion', () => {
    const line = corpus('000')[1];
    const i = line.indexOf('二是');
    assert.ok(i > 0);
    const s = completer.complete(line.slice(0, i));
    assert.equal(s[0].insert, '二是');
    assert.equal(s[0].kind, 'enumeration');
    const j = line.indexOf('三是');
    assert.equal(completer.complete(line.slice(0, j))[0].insert, '三是');
  });
  it('a paragraph that began 一要 (004 speech) → 二要 at the start of the next one', () => {
    const lines = corpus('004').filter(Boolean);
    const k = lines.findIndex((l) => l.startsWith('二要'));
    assert.equal(completer.complete('', { context: lines.slice(0, k) })[0].insert, '二要');
  });
  it('一要…。 inside a paragraph → 二要', () => {
    assert.equal(completer.complete('一要提高政治站位。要把讲政治落实到各项工作中。')[0].insert, '二要');
  });
  it('no marker in the middle of a sentence, nor without an enumeration before', () => {
    const line = corpus('000')[1];
    const i = line.indexOf('二是');
    assert.ok(!inserts(completer.complete(line.slice(0, i - 1))).includes('二是'));
    assert.ok(!completer.complete('会议指出，要提高认识。').some((s) => s.kind === 'enumeration'));
  });
  it('a new paragraph after section 一、 of the 004 speech: the next heading number', () => {
    const lines = corpus('004').filter(Boolean);
    const k = lines.findIndex((l) => l.startsWith('二、'));
    const s = completer.complete('', { context: lines.slice(0, k) });
    assert.ok(inserts(s).includes('二、'), JSON.stringify(s));
    // Right after the heading itself, its body comes first: the number is offered, but not first.
    const h = completer.complete('', { context: lines.slice(0, k + 1) });
    assert.ok(!h.length || h[0].insert !== '三、' || h.length === 1);
  });
  it('a paragraph-level 一是 in the previous paragraph → 二是 at the start of the next', () => {
    assert.equal(completer.complete('', { context: ['一是加强理论武装。要深入学习。'] })[0].insert, '二是');
  });
});

describe('completion: concept expansions', () => {
  it('“四个意识” → its four items from the glossary, ranked below the other sources', () => {
    const s = completer.complete('牢固树立“四个意识”');
    const e = s.find((x) => x.kind === 'expansion');
    assert.ok(e, JSON.stringify(s));
    assert.equal(e!.insert, '（政治意识、大局意识、核心意识、看齐意识）');
  });
  it('no expansion while the quote is still open, nor inside a longer word', () => {
    assert.ok(!completer.complete('牢固树立“四个意识').some((x) => x.kind === 'expansion'));
  });
});

describe('completion: filters', () => {
  const outdated = mk({
    phrases: [ph('以习近平同志为总书记的党中央', 50, 5), ph('以习近平同志为核心的党中央', 2, 1), ph('打赢精准脱贫攻坚战', 30, 3), ph('习总书记', 40, 4)],
    collocations: [{ head: '紧密团结在', next: '以习近平同志为总书记的党中央周围', count: 20, docs: 4, examples: [] }],
  });
  it('drops mined phrases that the checker marks outdated as of the date (党史学习教育 as a current task)', () => {
    const c = new Completer(mk({ phrases: [ph('党史学习教育', 10, 3)] }), dataset, { date: DATE });
    assert.deepEqual(inserts(c.complete('开展党史')), []);
    const then = new Completer(mk({ phrases: [ph('党史学习教育', 10, 3)] }), dataset, { date: '2021-06-01' });
    assert.deepEqual(inserts(then.complete('开展党史')), ['学习教育']);
  });
  it('never suggests an outdated formulation, however frequent', () => {
    const c = new Completer(outdated, dataset, { date: DATE });
    assert.deepEqual(inserts(c.complete('紧密团结在以习近平同志为')), ['核心的党中央']);
    assert.deepEqual(inserts(c.complete('紧密团结在')), []);
    assert.deepEqual(inserts(c.complete('坚决打赢精准')), []);
    assert.deepEqual(inserts(c.complete('习总')), []);
  });
  it('is date-aware: 精准脱贫攻坚战 was current in 2020', () => {
    const c = new Completer(outdated, dataset, { date: '2020-05-01' });
    assert.deepEqual(inserts(c.complete('坚决打赢精准')), ['脱贫攻坚战']);
  });
  it('catches wording that is outdated only together with the typed text', () => {
    // 总书记的党中央 alone is harmless; after 以习近平同志为 it is the pre-2016 wording.
    const c = new Completer(mk({ phrases: [ph('同志为总书记的党中央', 9, 2)] }), dataset, { date: DATE });
    assert.deepEqual(inserts(c.complete('以习近平同志为')), []);
    assert.deepEqual(inserts(c.complete('以毛泽东同志为')), ['总书记的党中央']);
  });
  it('never repeats what was just typed', () => {
    const c = new Completer(mk({ phrases: [ph('走在前走在前', 9, 2)] }), dataset, { date: DATE });
    assert.ok(!inserts(c.complete('要走在前')).includes('走在前'));
    assert.ok(inserts(c.complete('要走在前走')).includes('在前'));
    const line = corpus('001').join('');
    for (let i = 0; i < line.length; i += 3) {
      for (const s of completer.complete(line.slice(0, i))) assert.ok(!line.slice(0, i).endsWith(s.insert), `${line.slice(i - 10, i)} + ${s.insert}`);
    }
  });
  it('dedupes by insert text', () => {
    const s = completer.complete('坚决做到', { limit: 20 });
    assert.equal(new Set(inserts(s)).size, s.length);
  });
});

describe('completion: ranking by evidence', () => {
  it('orders by count and documents, not by source order', () => {
    const a = new Completer(mk({ phrases: [ph('加强政治建设', 2, 1), ph('加强作风建设', 20, 3)] }), dataset, { date: DATE });
    assert.deepEqual(inserts(a.complete('要加强')), ['作风建设', '政治建设']);
    const b = new Completer(mk({ phrases: [ph('加强政治建设', 20, 3), ph('加强作风建设', 2, 1)] }), dataset, { date: DATE });
    assert.deepEqual(inserts(b.complete('要加强')), ['政治建设', '作风建设']);
  });
  it('a longer typed context outranks a short one of similar evidence', () => {
    const c = new Completer(mk({ phrases: [ph('建设任务', 5, 2), ph('机关党的建设质量', 5, 2)] }), dataset, { date: DATE });
    assert.deepEqual(inserts(c.complete('机关党的建设'))[0], '质量');
  });
  it('respects limit and scores descend', () => {
    const s = completer.complete('机关党', { limit: 3 });
    assert.equal(s.length, 3);
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1].score >= s[i].score);
  });
});

describe('completion: every prefix', () => {
  it('answers every prefix of real paragraphs with at most the limit of non-empty suggestions (speed: npm run bench)', () => {
    const lines = corpus('004').filter(Boolean);
    let answered = 0;
    for (const l of lines.slice(0, 10)) {
      for (let i = 0; i <= l.length; i++) {
        const s = completer.complete(l.slice(0, i), { limit: 5 });
        assert.ok(s.length <= 5);
        for (const x of s) assert.ok(x.insert.length > 0, `empty suggestion after ${l.slice(0, i)}`);
        if (s.length) answered++;
      }
    }
    assert.ok(answered > 50, `only ${answered} prefixes had a suggestion`);
  });
});
