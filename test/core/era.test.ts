/**
 * The era decision (src/core/rules/era.ts): cue words as words, read in the hit's clause, frames at
 * the head of a sentence, paragraph or section. Example sentences, the audit's false alarms (S1),
 * and properties over generated sentences (fast-check).
 */
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { check } from '../../src/core/check';
import { readData } from '../../src/core/data';
import { Dataset } from '../../src/core/dataset';
import { ERA_CUES, EraReader } from '../../src/core/rules/era';
import { ERA_LEXICON } from '../../src/core/rules/era-lexicon';
import { runRuleExamples } from '../../src/core/selftest';
import { TextDoc } from '../../src/core/text';
import { fixture } from '../support/data';

const ds = new Dataset(readData([fixture('rules', 'era.gongwen-rules.json')], []));
const DATE = '2026-06-01';

/** How the first hit of `ruleId` in `text` is read: 'now', 'past' or 'hint'. */
function reading(text: string, ruleId = 't-battle'): string {
  const rule = ds.byId.get(ruleId)!;
  const p = rule.entry.patterns![0];
  const at = text.indexOf(p);
  assert.ok(at >= 0, `${p} not in ${text}`);
  const r = new EraReader(text, new TextDoc(text)).read(rule, at, at + p.length);
  return r ?? 'hint';
}

describe('era decision: cue words are words', () => {
  it('the rules’ own examples pass', () => {
    assert.deepEqual(runRuleExamples(ds), []);
  });
  it('要 in 重要/主要/需要/要求, 将 in 将士, 已 in 而已 are no cues (audit S1)', () => {
    assert.equal(reading('这是关于脱贫攻坚战的重要材料。'), 'hint');
    assert.equal(reading('脱贫攻坚战档案的主要内容需要认真梳理。'), 'hint');
    assert.equal(reading('将士们在脱贫攻坚战中冲锋在前。'), 'hint');
    assert.equal(reading('脱贫攻坚战的资料汇编而已。'), 'hint');
    assert.equal(reading('党史学习教育是一项重要政治任务。', 't-campaign'), 'hint');
    assert.equal(reading('推动可持续发展，关注脱贫攻坚战档案。'), 'hint');
    // As words they are cues.
    assert.equal(reading('要打赢脱贫攻坚战。'), 'now');
    assert.equal(reading('我们将打赢脱贫攻坚战。'), 'now');
    assert.equal(reading('我们已打赢脱贫攻坚战。'), 'past');
    assert.equal(reading('我们曾经为脱贫攻坚战日夜奋战。'), 'past');
    // 总结 before the hit without an object of the past after it: the clause's 要 decides.
    assert.equal(reading('要总结部署，打赢脱贫攻坚战。'), 'now');
    // The plan's targets as today's work (not their completion under review) stay current.
    assert.equal(reading('要抓好“十三五”规划目标任务落实。', 't-plan'), 'now');
  });
  it('the audit’s sentences as of 2026 (S1): no warning', () => {
    for (const [text, id] of [
      ['党史学习教育是一项重要政治任务。', 't-campaign'],
      ['“十三五”规划纲要是重要的历史文献。', 't-plan'],
      ['将士们在脱贫攻坚战中冲锋在前。', 't-battle'],
      ['要认真总结全面建成小康社会的宝贵经验。', 't-xiaokang'],
      ['要大力弘扬在脱贫攻坚战中形成的脱贫攻坚精神。', 't-battle'],
      ['要认真总结“十三五”经验，科学谋划“十五五”发展。', 't-plan'],
      ['做好“十三五”收官评估。', 't-plan'],
      // the review of a finished period is a task of the next one; a retrospective verb reaches its
      // object across the words between (总结……“十三五”……的经验)
      ['要做好“十三五”规划实施情况总结评估。', 't-plan'],
      ['要认真总结高质量完成“十三五”规划目标任务的经验。', 't-plan'],
      ['各级机关要对照“十三五”规划目标任务完成情况开展自查。', 't-plan'],
    ]) {
      const loud = check(text, { dataset: ds, date: DATE }).findings.filter((f) => f.ruleId === id && f.severity !== 'hint');
      assert.deepEqual(loud, [], text);
    }
  });
  it('a rule can remove a built-in cue (era.ignore) and add its own', () => {
    const sev = (t: string) => check(t, { dataset: ds, date: DATE }).findings.find((f) => f.ruleId === 't-ignore')?.severity;
    assert.equal(sev('继续某专项行动。'), 'hint'); // 继续 ignored for this rule
    assert.equal(sev('部署某专项行动。'), 'warning');
    assert.equal(reading('继续打赢脱贫攻坚战。'), 'now'); // other rules keep it
  });
});

describe('era decision: the clause and its governing verb', () => {
  it('reads the verb phrase before the hit: 确保如期 is current, 如期打赢 is past', () => {
    assert.equal(reading('继续打好三大攻坚战。', 't-battles'), 'now');
    assert.equal(reading('确保如期全面建成小康社会。', 't-xiaokang'), 'now');
    assert.equal(reading('如期全面建成小康社会。', 't-xiaokang'), 'past');
    assert.equal(reading('如期打赢脱贫攻坚战。'), 'past');
    assert.equal(reading('打赢了人类历史上规模最大的脱贫攻坚战。'), 'past');
    assert.equal(reading('坚决打好三大攻坚战了吗'.replace('了吗', '。'), 't-battles'), 'now');
  });
  it('a cue in another clause does not decide (收官 in one clause, 继续打好 in the next)', () => {
    assert.equal(reading('今年是“十三五”收官之年，继续打好三大攻坚战。', 't-battles'), 'now');
    assert.equal(reading('继续打好三大攻坚战，确保如期完成。', 't-battles'), 'now');
    assert.equal(reading('三大攻坚战取得决定性成就，要总结经验。', 't-battles'), 'past');
  });
  it('the hit’s own phrase: a title, a meeting, a comparison, what it left behind', () => {
    assert.equal(reading('要学习《脱贫攻坚战纪实》。'), 'past');
    assert.equal(reading('要认真学习党史学习教育动员大会精神。', 't-campaign'), 'past');
    assert.equal(reading('党史学习教育出席会议的同志要带头发言。', 't-campaign'), 'now'); // a verb, not a meeting's name
    assert.equal(reading('力争投入强度高于“十三五”时期实际。', 't-plan'), 'past');
    assert.equal(reading('粮食产量为“十三五”时期的1.2倍。', 't-plan'), 'past');
    assert.equal(reading('要巩固党史学习教育成果。', 't-campaign'), 'past');
    assert.equal(reading('要在全面建成小康社会的基础上开启新征程。', 't-xiaokang'), 'past');
    assert.equal(reading('“十三五”末，城镇化率超过60%。', 't-plan'), 'past');
  });
  it('quotations and brackets beside the hit are part of its clause', () => {
    assert.equal(reading('要打好“防范化解重大风险，精准脱贫，污染防治”三大攻坚战。', 't-battles'), 'now');
  });
});

describe('era decision: what was done, what was said, when', () => {
  it('a verb with 了 is past, but not 了 inside 为了/了解', () => {
    assert.equal(reading('组织了党史学习教育。', 't-campaign'), 'past');
    assert.equal(reading('要为了党史学习教育的需要，了解党史学习教育情况。', 't-campaign'), 'now');
  });
  it('the hit as the subject opening its sentence: a perfective in its predicate decides', () => {
    assert.equal(reading('党史学习教育以多种形式持续推进，取得了明显成效。', 't-campaign'), 'past');
    // a 要 there may have another subject: it does not decide
    assert.equal(reading('三大攻坚战取得决定性成就，要总结经验。', 't-battles'), 'past');
  });
  it('a year before the reference date at the head of the sentence dates it', () => {
    const rule = ds.byId.get('t-battle')!;
    const t = '2018年，我们全力打好脱贫攻坚战。';
    const at = t.indexOf('脱贫攻坚战');
    assert.equal(new EraReader(t, new TextDoc(t), '2026-12-01').read(rule, at, at + 5), 'past');
    assert.equal(new EraReader(t, new TextDoc(t), '2018-03-05').read(rule, at, at + 5), 'now');
    const cn = '二〇一八年，我们全力打好脱贫攻坚战。';
    assert.equal(new EraReader(cn, new TextDoc(cn), '2026-12-01').read(rule, cn.indexOf('脱贫'), cn.indexOf('脱贫') + 5), 'past');
  });
  it('the setting of an event that was held, and reported speech under a past frame', () => {
    assert.equal(reading('这次全会是在我国即将完成“十三五”规划目标任务的关键时期召开的。', 't-plan'), 'past');
    assert.equal(reading('当时，他在会上说：“我们要打赢脱贫攻坚战。”'), 'past');
    assert.equal(reading('他强调：“我们要打赢脱贫攻坚战。”'), 'now');
  });
});

describe('era decision: frames', () => {
  it('a retrospective frame at the head of the sentence governs it', () => {
    assert.equal(reading('五年来，我们全力推进全面建成小康社会进程。', 't-xiaokang'), 'past');
    assert.equal(reading('经过五年不懈努力，“十三五”规划确定的各项目标任务胜利完成。', 't-plan'), 'past');
    assert.equal(reading('党的十八大以来，我们坚决打赢脱贫攻坚战。'), 'past');
    assert.equal(reading('过去一年，我们扎实开展党史学习教育。', 't-campaign'), 'past');
  });
  it('a prospective frame or a governing 要 at the head makes it current', () => {
    assert.equal(reading('今年，继续打好三大攻坚战。', 't-battles'), 'now');
    assert.equal(reading('我们要顺应人民期待，发展社会事业，打赢脱贫攻坚战。'), 'now');
    // The rule's own cue words at the head frame the sentence too.
    assert.equal(reading('党中央庄严宣告，在中华大地上全面建成小康社会。', 't-xiaokang'), 'past');
    // … but not a head that introduces what is seen: 要看到，…
    assert.equal(reading('要看到，脱贫攻坚战的档案很珍贵。'), 'hint');
  });
  it('a frame at the head of the paragraph governs its later sentences, unless they say otherwise', () => {
    assert.equal(reading('五年来，我们攻坚克难。集中力量实施脱贫攻坚战。'), 'past');
    assert.equal(reading('五年来，我们攻坚克难。今后要继续打好三大攻坚战。', 't-battles'), 'now');
  });
  it('a section heading governs its paragraphs; a heading is read for itself', () => {
    const text = '一、2021年工作回顾\n开展党史学习教育。\n二、2022年政府工作任务\n深入开展党史学习教育。\n三、党史学习教育的主要任务';
    const rule = ds.byId.get('t-campaign')!;
    const doc = new TextDoc(text);
    const reader = new EraReader(text, doc);
    const at = (n: number) => {
      let i = -1;
      for (let k = 0; k < n; k++) i = text.indexOf('党史学习教育', i + 1);
      return reader.read(rule, i, i + 6) ?? 'hint';
    };
    assert.equal(at(1), 'past');
    assert.equal(at(2), 'now');
    assert.equal(at(3), 'now');
  });
  it('an enumeration under a framed paragraph keeps its frame', () => {
    const text = '党的十八大以来，我们抓作风建设。\n第一，严明纪律。\n第二，我们开展党史学习教育，健全制度。\n';
    assert.equal(reading(text, 't-campaign'), 'past');
    const plain = '我们抓作风建设。\n第一，严明纪律。\n第二，我们开展党史学习教育，健全制度。\n';
    assert.equal(reading(plain, 't-campaign'), 'now');
  });
});

// ---- Properties ----------------------------------------------------------------------------

/** Hits and the verb phrases that govern them, as a current task or as something done. */
const HITS: Array<[string, string]> = [
  ['t-battle', '脱贫攻坚战'],
  ['t-battles', '三大攻坚战'],
  ['t-plan', '“十三五”规划'],
  ['t-xiaokang', '全面建成小康社会'],
  ['t-campaign', '党史学习教育'],
];
const NOW_VERBS = ['要坚决打好', '继续推进', '确保', '我们将全力推进', '今年要深入开展', '正在扎实推进'];
const PAST_VERBS = ['已经完成', '如期完成了', '我们曾经推进', '去年圆满完成'];
const NEUTRAL = ['关于', '研究', '有关', '各地', '对于', ''];
/** Clauses with no cue and no frame. */
const NEUTRAL_CLAUSES = ['各单位认真研究', '材料附后', '请予审阅', '会议由办公室组织', '现印发给你们'];
/** Clauses full of cues (none of them a frame at a sentence's head when not first). */
const CUE_CLAUSES = ['要继续推进改革', '已经取得成效', '今年要确保完成', '我们曾经全力推进', '持续聚焦重点', '去年圆满完成任务'];
/** Words that carry a cue character without being a cue. */
const CARRIERS = ERA_LEXICON.filter((w) => /[要将已曾]/.test(w) && !ERA_CUES.nowStrong.includes(w) && !ERA_CUES.pastStrong.includes(w));

const clause = fc.record({
  hit: fc.constantFrom(...HITS),
  verb: fc.constantFrom(...NOW_VERBS, ...PAST_VERBS, ...NEUTRAL),
});

function readFirst(text: string, ruleId: string, p: string, occurrence = 0): string {
  const rule = ds.byId.get(ruleId)!;
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = text.indexOf(p, at + 1);
  const r = new EraReader(text, new TextDoc(text)).read(rule, at, at + p.length);
  return r ?? 'hint';
}

const SEED = 20261202;

describe('era decision: properties', () => {
  it('inserting a word that carries a cue character (重要, 将士, 而已…) into a neutral spot never changes the decision', () => {
    fc.assert(
      fc.property(clause, fc.constantFrom(...CARRIERS), fc.constantFrom(...NEUTRAL_CLAUSES), ({ hit: [id, p], verb }, carrier, other) => {
        const base = `${other}，${verb}${p}。`;
        const withWord = `${other}${carrier}，${verb}${p}。`;
        const after = `${other}，${verb}${p}，${carrier}材料。`;
        const want = readFirst(base, id, p);
        assert.equal(readFirst(withWord, id, p), want, withWord);
        assert.equal(readFirst(after, id, p), want, after);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
  it('a clause full of cues elsewhere in the sentence (not at its head) never changes the decision', () => {
    fc.assert(
      fc.property(clause, fc.constantFrom(...CUE_CLAUSES), fc.constantFrom(...NEUTRAL_CLAUSES), ({ hit: [id, p], verb }, cues, head) => {
        const base = `${head}，${verb}${p}。`;
        const want = readFirst(base, id, p);
        assert.equal(readFirst(`${head}，${verb}${p}，${cues}。`, id, p), want);
        assert.equal(readFirst(`${head}，${cues}，${verb}${p}。`, id, p), want);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
  it('a retrospective frame at the head of the sentence makes a hit with verbs only (no tense word) past', () => {
    const verbsOnly = ['继续推进', '确保', '全力推进', '扎实开展', '坚决打好', '持续聚焦', ''];
    fc.assert(
      fc.property(
        fc.constantFrom(...HITS),
        fc.constantFrom(...verbsOnly),
        fc.constantFrom('五年来', '过去一年', '党的十八大以来', '经过五年持续奋斗', '十年来', '回顾过去五年'),
        ([id, p], verb, frame) => {
          const text = `${frame}，我们${verb}${p}。`;
          assert.equal(readFirst(text, id, p), 'past', text);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
  it('adding a neutral clause or sentence elsewhere does not change the decision', () => {
    fc.assert(
      fc.property(clause, fc.constantFrom(...NEUTRAL_CLAUSES), fc.constantFrom(...NEUTRAL_CLAUSES), ({ hit: [id, p], verb }, a, b) => {
        const base = `${verb}${p}。`;
        const want = readFirst(base, id, p);
        assert.equal(readFirst(`${base}${a}。`, id, p), want);
        assert.equal(readFirst(`${a}。${base}`, id, p), want);
        assert.equal(readFirst(`${verb}${p}，${a}。`, id, p), want);
        assert.equal(readFirst(`${a}，${b}。\n${base}`, id, p), want);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
  it('a current or past verb phrase right before the hit decides it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HITS), fc.constantFrom(...NOW_VERBS, ...PAST_VERBS), fc.constantFrom(...NEUTRAL_CLAUSES), ([id, p], verb, other) => {
        const text = `${other}，${verb}${p}。`;
        assert.equal(readFirst(text, id, p), NOW_VERBS.includes(verb) ? 'now' : 'past', text);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
