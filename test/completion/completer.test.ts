import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chooseList } from '../../src/core/completion/completer';
import { Completer, loadCanon, loadCompletionDataset, loadPatterns, patternsProblem, USER_WEIGHT, type CanonEntry, type Suggestion } from '../../src/core/completion';
import { NgramModel } from '../../src/core/completion/ngram';
import { modelFromSequences } from '../../src/core/completion/train';
import { decodeVarints, VarintWriter } from '../../src/core/completion/codec';
import { emptyPatterns, type Patterns } from '../../src/core/patterns';
import { fixture, ROOT } from '../support/data';

const patterns = loadPatterns();
const dataset = loadCompletionDataset();
const DATE = '2026-06-01';
const canon = loadCanon(fixture('canon', 'canon.json'));
const completer = new Completer(patterns, dataset, { date: DATE, canon });
const corpus = (name: string) =>
  fs
    .readFileSync(path.join(ROOT, 'data', 'corpus', fs.readdirSync(path.join(ROOT, 'data', 'corpus')).find((f) => f.startsWith(name))!), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim());
const inserts = (s: Suggestion[]) => s.map((x) => x.insert);

/** A patterns object whose model is trained on the given (already segmented) sentences. */
function trained(sentences: string[][], more: Partial<Patterns> = {}): Patterns {
  return { ...emptyPatterns(), source: { documents: 1, characters: 1 }, model: modelFromSequences(sentences), ...more };
}
const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

describe('completion: the model\'s storage', () => {
  it('varints round-trip, small and large', () => {
    const values = [0, 1, 127, 128, 300, 16383, 16384, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 31 - 1];
    const w = new VarintWriter();
    for (const v of values) w.write(v);
    assert.deepEqual([...decodeVarints(w.toBase64())], values);
  });
});

describe('completion: the shipped data', () => {
  it('the patterns file is valid and carries a continuation model', () => {
    assert.equal(patternsProblem(patterns), undefined);
    assert.ok(patterns.model, 'no model in data/patterns.json');
    const m = new NgramModel([{ model: patterns.model!, weight: 1 }]);
    assert.ok(m.words.length > 1000 && m.size > 5000, `${m.words.length} words, ${m.size} n-grams`);
  });
});

describe('completion: the canon', () => {
  it('the examples of the issue: 为 → 指导; 思想上政治上行动上 → 同…保持高度一致; 二十届 → 历次全会精神', () => {
    const first = (p: string) => completer.complete(p)[0];
    assert.equal(first('全市各级党组织要坚持以习近平新时代中国特色社会主义思想为').insert, '指导');
    assert.equal(first('始终在思想上政治上行动上').insert, '同以习近平同志为核心的党中央保持高度一致');
    assert.equal(first('要把学习贯彻党的二十届').insert, '历次全会精神');
    for (const p of ['坚持以习近平新时代中国特色社会主义思想为', '以高质量党建引领', '推动党建和业务', '增强“四个意识”、坚定“四个自信”、']) {
      const s = completer.complete(p)[0];
      assert.equal(s.kind, 'canon', `${p}: ${JSON.stringify(s)}`);
      assert.match(s.detail, /规范提法 · /);
    }
  });
  it('completes from the first few characters, above corpus fragments', () => {
    const s = completer.complete('坚持以习近');
    assert.equal(s[0].insert, '平新时代中国特色社会主义思想为指导', JSON.stringify(s));
    assert.equal(s[0].kind, 'canon');
  });
  it('a key starts on a word boundary of the typed text, never inside a word', () => {
    const own: CanonEntry[] = [{ text: '家风建设要从领导干部抓起', source: '测试' }];
    const c = new Completer(patterns, dataset, { date: DATE, canon: own });
    const mine = (x: Suggestion) => x.label === own[0].text;
    assert.ok(!c.complete('建设社会主义现代化国家').some(mine));
    assert.ok(!c.complete('我们国家风').some(mine));
    assert.equal(c.complete('要抓好家风建设')[0].insert, '要从领导干部抓起');
  });
  it('never offers an entry outdated at the reference date, nor one not yet in force', () => {
    const at = (date: string, p: string) => inserts(new Completer(patterns, dataset, { date, canon }).complete(p));
    assert.ok(at('2020-06-01', '为了决胜全面建成').includes('小康社会'));
    assert.ok(!at(DATE, '为了决胜全面建成').includes('小康社会'));
    assert.ok(!at('2024-01-01', '要把学习贯彻党的二十届').includes('历次全会精神'));
  });
  it('glossary collocations: 树牢 → “四个意识” (the corpus never writes it); none from a historical entry', () => {
    const s = completer.complete('引导党员干部树牢');
    const hit = s.find((x) => x.insert === '“四个意识”');
    assert.ok(hit, JSON.stringify(s));
    assert.equal(hit!.kind, 'canon');
    assert.ok(!inserts(completer.complete('全党同志要牢记')).includes('“两个务必”'));
    assert.ok(inserts(completer.complete('全党同志要牢记')).includes('“三个务必”'));
  });
  it('rule replacements are canon too: 以习近平同志为 → 核心的党中央, never 总书记的党中央', () => {
    const s = completer.complete('紧密团结在以习近平同志为');
    assert.ok(inserts(s).some((x) => x.startsWith('核心的党中央')), JSON.stringify(s));
    assert.ok(!inserts(s).some((x) => x.includes('总书记')));
  });
});

describe('completion: the continuation model on real text (built-in seeds)', () => {
  it('学懂弄 → 通做实 (the rest of a word being typed)', () => {
    const s = completer.complete('要在学懂弄');
    assert.ok(inserts(s).slice(0, 2).some((x) => x.startsWith('通做实')), JSON.stringify(s));
  });
  it('坚决做到 → “两个维护”; 更加紧密地团结在以习近平同志为核心的 → 党中央', () => {
    assert.ok(inserts(completer.complete('全市机关要坚决做到')).some((x) => x.startsWith('“两个维护”')));
    assert.ok(completer.complete('更加紧密地团结在以习近平同志为核心的')[0].insert.startsWith('党中央'));
  });
  it('the issue\'s bugs: no 国家 → 机关, no 工作 → 条例, no 切实增强 → 做好机关党建工作', () => {
    const never = (prefix: string, bad: RegExp) => {
      const s = inserts(completer.complete(prefix, { limit: 8 }));
      assert.ok(!s.some((x) => bad.test(x)), `${prefix} → ${s.join(' | ')}`);
    };
    never('为全面建设社会主义现代化国家', /^机关/);
    never('推动机关党建和业务工作', /^条例/);
    never('切实增强', /^做好机关党建工作$/);
    // what the seeds do say after 切实增强 is finished to the end of its phrase
    never('切实增强', /的$/);
  });
  it('a continuation ends where a phrase can end, never on a function word', () => {
    const lines = corpus('004').filter(Boolean).slice(0, 6);
    for (const l of lines) {
      for (let i = 0; i < l.length; i += 2) {
        for (const s of completer.complete(l.slice(0, i))) {
          if (s.kind === 'next') assert.ok(!/[的和与及]$/.test(s.insert) || /(目的|有的|别的|似的)$/.test(s.label), `${l.slice(0, i)} → ${s.insert}`);
        }
      }
    }
  });
});

describe('completion: keys on word boundaries (a model trained on known sentences)', () => {
  // 国家 is followed by 机关 in the archive; 社会主义现代化国家 is a known unit that ends there
  const sentences = [...times(6, ['中央', '和', '国家', '机关', '要', '走在前']), ...times(2, ['建设', '社会主义现代化国家'])];
  const p = trained(sentences, { phrases: [{ text: '社会主义现代化国家', count: 3, docs: 1, examples: [] }] });
  const c = new Completer(p, dataset, { date: DATE });
  it('predicts from a whole-word context', () => {
    assert.equal(c.complete('中央和国家')[0].insert.slice(0, 2), '机关');
  });
  it('never from a key that starts inside a known unit: 现代化国家 → 机关 is not offered', () => {
    assert.ok(!inserts(c.complete('全面建设社会主义现代化国家')).some((x) => x.startsWith('机关')));
  });
});

describe('completion: several archives', () => {
  const builtin = trained(times(6, ['推动', '党建', '和', '业务', '深度融合']));
  const user = trained(times(3, ['推动', '党建', '和', '业务', '相互促进']));
  it('the user\'s archive counts more than the built-in seeds', () => {
    const both = new Completer([{ patterns: builtin, weight: 1 }, { patterns: user, weight: USER_WEIGHT }], dataset, { date: DATE });
    const s = inserts(both.complete('推动党建和业务'));
    assert.ok(s.indexOf('相互促进') >= 0 && s.indexOf('相互促进') < s.indexOf('深度融合'), s.join(' | '));
    const alone = new Completer([{ patterns: builtin, weight: 1 }], dataset, { date: DATE });
    assert.equal(alone.complete('推动党建和业务')[0].insert, '深度融合');
  });
});

describe('completion: what the draft already said', () => {
  it('offers what followed the same words earlier in the document', () => {
    const context = ['要持续深化“五型机关”创建活动，不断提升机关效能。'];
    const s = completer.complete('全市各单位要持续深化“五型', { context });
    assert.ok(s.some((x) => x.kind === 'recent' && x.insert.startsWith('机关”创建活动')), JSON.stringify(s));
  });
  // The list of the e2e draft (docs/screenshots/completion.png): the line typed again after a
  // paragraph that wrote it once.
  const full = new Completer(patterns, dataset, { date: DATE, canon: loadCanon() });
  const paragraphs = ['在全市机关党建工作会议上的讲话', '同志们：', '　　一、提高政治站位', '　　我们要坚决做到“两个维护”，不断增强政治意识。'];
  const list = full.complete('　　我们要坚决做到', { context: paragraphs, limit: 8 });
  it('never stops inside a quotation it opened (“两个维护 without its ”)', () => {
    for (const x of list) {
      const open = (x.insert.match(/“/g) ?? []).length;
      const close = (x.insert.match(/”/g) ?? []).length;
      assert.ok(open <= close, JSON.stringify(x));
    }
    assert.ok(list.some((x) => x.insert === '“两个维护”'), JSON.stringify(list));
  });
  it('no likelihood shown above 99 %, and no two suggestions with the same label', () => {
    for (const x of list) {
      const pct = /约 (\d+)%/.exec(x.detail ?? '');
      if (pct) assert.ok(Number(pct[1]) <= 99, x.detail);
    }
    const labels = list.map((x) => x.label);
    assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
    assert.ok(list.some((x) => x.kind === 'canon'), JSON.stringify(list));
  });
});

describe('completion: the draft\'s own text, where its earlier continuations agree (seed speech 004)', () => {
  // 加强和改进机关党的建设 is written three times in the first paragraphs of the speech, each time
  // ending differently (的重大意义…, 指明了方向…, 的实施意见…): typing 加强 again, the piece they
  // share is offered, not only each whole clause.
  const full = new Completer(patterns, dataset, { date: DATE, canon: loadCanon() });
  const pars = corpus('004').filter((p) => p);
  const k = pars.findIndex((p) => p.includes('坚定扛起加强和改进'));
  const at = pars[k].indexOf('坚定扛起加强') + '坚定扛起加强'.length;
  const s = full.complete(pars[k].slice(0, at), { context: pars.slice(0, k) });
  it('offers the piece the earlier continuations share (和改进机关党的建设)', () => {
    assert.ok(s.some((x) => x.kind === 'recent' && x.insert === '和改进机关党的建设'), JSON.stringify(s));
  });
  it('a piece of the draft never ends on a word that needs what follows (的, 和 …)', () => {
    for (const x of s.filter((y) => y.kind === 'recent')) assert.ok(!/[的和对与及在把将为以]$/.test(x.insert), JSON.stringify(x));
  });
});

describe('completion: the order of the list (typing a seed speech)', () => {
  // Accepting costs a key: a one-character insert saves nothing and never comes before one that
  // saves something; every request while typing a real paragraph is checked.
  const full = new Completer(patterns, dataset, { date: DATE, canon: loadCanon() });
  const pars = corpus('002').filter((p) => p).slice(0, 6);
  it('never a one-character insert above a longer one', () => {
    let lists = 0;
    pars.forEach((p, k) => {
      for (let i = 0; i < p.length; i++) {
        const s = full.complete(p.slice(0, i), { context: pars.slice(0, k) });
        const firstShort = s.findIndex((x) => x.insert.length === 1);
        if (firstShort < 0) continue;
        lists++;
        assert.ok(s.slice(firstShort).every((x) => x.insert.length === 1), `${p.slice(0, i)} → ${inserts(s).join(' | ')}`);
      }
    });
    assert.ok(lists > 0, 'no list had a one-character insert: the check checked nothing');
  });
});

describe('completion: the list chosen as a set', () => {
  // seed 002: 市政府 → 办公室作为 (sure), 办公室 (its prefix), 的各项 (another continuation)
  const cand = (insert: string, prob: number) => ({ insert, label: insert, kind: 'next' as const, detail: '', prob, score: prob * insert.length });
  it('a prefix of the first entry comes after a continuation that parts ways with it', () => {
    // by each one's own expected saving the order would be 办公室作为, 办公室, 的各项; but 办公室 adds
    // only where 办公室作为 is wrong and 办公室 right, and at rank 2 it saves nothing beyond the two keys
    const ranked = [cand('办公室作为', 0.8), cand('办公室', 0.85), cand('的各项', 0.3)];
    const list = chooseList(ranked, 5, () => true);
    assert.deepEqual(
      list.map((x) => x.c.insert),
      ['办公室作为', '的各项', '办公室'],
    );
    assert.ok(list[0].value > list[1].value && list[1].value > 0 && list[2].value === 0, JSON.stringify(list.map((x) => x.value)));
    // an entry the filter refuses is skipped, the next best takes its rank
    assert.deepEqual(
      chooseList(ranked, 5, (c) => c.insert !== '的各项').map((x) => x.c.insert),
      ['办公室作为', '办公室'],
    );
  });
  const full = new Completer(patterns, dataset, { date: DATE, canon: loadCanon() });
  it('typing seed 002: every entry that adds something saves more than the keys its rank costs', () => {
    const pars = corpus('002').filter((p) => p).slice(0, 6);
    let counted = 0;
    pars.forEach((p, k) => {
      for (let i = 0; i < p.length; i += 2) {
        const s = full.complete(p.slice(0, i), { context: pars.slice(0, k) });
        s.forEach((x, r) => {
          if (x.score <= 0) return;
          counted++;
          assert.ok(x.insert.length > r + 1, `${p.slice(0, i)} → ${inserts(s).join(' | ')}`);
        });
      }
    });
    assert.ok(counted > 100, String(counted));
  });
  it('seed 004: where the continuations part ways after 党的建设, their common beginning is offered first, and the text goes on with it', () => {
    const pars = corpus('004').filter((p) => p);
    const k = pars.findIndex((p) => p.includes('加强和改进中央和国家机关党的建设的意见'));
    const i = pars[k].indexOf('加强和改进中央和国家机关党的建设的意见') + '加强和改进中央和国家机关'.length;
    const s = full.complete(pars[k].slice(0, i), { context: pars.slice(0, k) });
    assert.equal(s[0].insert, '党的建设', JSON.stringify(s));
    assert.match(s[0].detail, /共同开头/);
    // the continuations it begins are there too
    assert.ok(s.filter((x) => x.insert.startsWith('党的建设') && x.insert.length > 4).length >= 2, JSON.stringify(s));
  });
  it('a common beginning never ends inside a quotation it opens, nor on 的/和', () => {
    const pars = corpus('004').filter((p) => p).slice(0, 15);
    let seen = 0;
    pars.forEach((p, k) => {
      for (let i = 0; i < p.length; i++) {
        for (const x of full.complete(p.slice(0, i), { context: pars.slice(0, k) })) {
          if (!/共同开头/.test(x.detail)) continue;
          seen++;
          assert.ok((x.insert.match(/“/g) ?? []).length <= (x.insert.match(/”/g) ?? []).length, x.insert);
          assert.ok(!/[的和]$/.test(x.insert), x.insert);
        }
      }
    });
    assert.ok(seen > 20, String(seen));
  });
});

describe('completion: parallel structures', () => {
  it('往深里走、 → 往心里走 and the rest of the series', () => {
    const s = completer.complete('推动习近平新时代中国特色社会主义思想往深里走、');
    assert.deepEqual(inserts(s).slice(0, 2).sort(), ['往心里走', '往心里走、往实里走']);
  });
  it('认识到位、谋划到位、 → 落实到位 (never an item already typed)', () => {
    const s = completer.complete('做到认识到位、谋划到位、');
    assert.equal(s[0].insert, '落实到位');
    assert.ok(!s.some((x) => /认识到位|谋划到位/.test(x.insert)));
  });
  it('a partly typed item: 往深里走、往心 → 里走; an item without its separator: → 、往心里走', () => {
    assert.ok(inserts(completer.complete('往深里走、往心')).includes('里走'));
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
  });
  it('a paragraph-level 一是 in the previous paragraph → 二是 at the start of the next', () => {
    assert.equal(completer.complete('', { context: ['一是加强理论武装。要深入学习。'] })[0].insert, '二是');
  });
});

describe('completion: concept expansions', () => {
  it('“四个意识” → its four items from the glossary', () => {
    const s = completer.complete('牢固树立“四个意识”', { limit: 8 });
    const e = s.find((x) => x.kind === 'expansion');
    assert.ok(e, JSON.stringify(s));
    assert.equal(e!.insert, '（政治意识、大局意识、核心意识、看齐意识）');
  });
  it('no expansion while the quote is still open', () => {
    assert.ok(!completer.complete('牢固树立“四个意识').some((x) => x.kind === 'expansion'));
  });
});

describe('completion: filters', () => {
  const old = trained([
    ...times(8, ['紧密', '团结', '在', '以', '习近平', '同志', '为', '总书记', '的', '党中央', '周围']),
    ...times(5, ['坚决', '打赢', '精准', '脱贫', '攻坚战']),
  ]);
  it('never suggests an outdated formulation, however frequent in the archive', () => {
    const c = new Completer(old, dataset, { date: DATE });
    for (const p of ['紧密团结在以习近平同志为', '紧密团结在以习近平同志为总']) {
      assert.ok(!c.complete(p, { limit: 10 }).some((x) => /总书记的党中央|书记的党中央/.test(x.insert)), p);
    }
    assert.ok(!inserts(c.complete('坚决打赢精准')).some((x) => x.startsWith('脱贫攻坚战')));
  });
  it('is date-aware: 精准脱贫攻坚战 was current in 2020', () => {
    const c = new Completer(old, dataset, { date: '2020-05-01' });
    assert.ok(inserts(c.complete('坚决打赢精准')).some((x) => x.startsWith('脱贫攻坚战')));
  });
  it('never repeats what was just typed', () => {
    const line = corpus('001').join('');
    for (let i = 0; i < line.length; i += 3) {
      for (const s of completer.complete(line.slice(0, i))) assert.ok(!line.slice(0, i).endsWith(s.insert), `${line.slice(i - 10, i)} + ${s.insert}`);
    }
  });
  it('dedupes by insert text; respects the limit; scores descend', () => {
    const s = completer.complete('坚决做到', { limit: 20 });
    assert.equal(new Set(inserts(s)).size, s.length);
    const t = completer.complete('机关党', { limit: 3 });
    assert.ok(t.length <= 3 && t.length > 0);
    for (let i = 1; i < t.length; i++) assert.ok(t[i - 1].score >= t[i].score);
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
    assert.ok(answered > 300, `only ${answered} prefixes had a suggestion`);
  });
});

describe('completion: an enumeration item shaped like the items before it', () => {
  // seed 001: paragraphs 一是持续加强政治建设，… / body / 二是持续加强思想建设，… / body / 三是…
  const lines001 = corpus('001').filter(Boolean);
  const second = lines001.findIndex((l) => l.startsWith('二是持续加强'));
  it('a paragraph-level run with a body paragraph between its items: 二是 opens the next paragraph (seed 001)', () => {
    assert.ok(second > 1 && !/^[一二三]是/.test(lines001[second - 1]));
    const s = completer.complete('', { context: lines001.slice(0, second) });
    assert.equal(s[0].insert, '二是', JSON.stringify(s));
    // and no run is continued across a heading
    assert.ok(!completer.complete('', { context: [...lines001.slice(0, second), '（一）加强组织建设'] }).some((x) => x.insert === '二是'));
  });
  it('after 二是, how 一是 began; with its marker at the paragraph start (seed 001)', () => {
    // which of the earlier item's beginnings (持续, 持续加强, 持续加强政治 …) is listed is the list's
    // business (chosen as a set); one the new item goes on with is there
    const s = completer.complete('二是', { context: lines001.slice(0, second) });
    assert.ok(s.some((x) => x.kind === 'parallel' && x.insert.startsWith('持续') && lines001[second].startsWith(x.insert, 2)), JSON.stringify(s));
    const e = completer.complete('', { context: lines001.slice(0, second) });
    assert.ok(e[0].insert === '二是' && e.some((x) => x.kind === 'enumeration' && x.insert.startsWith('二是持续加强')), JSON.stringify(e));
  });
  it('one slot changed: 持续加强思想 → 建设, as 持续加强政治建设 went on (seed 001)', () => {
    const s = completer.complete('二是持续加强思想', { context: lines001.slice(0, second) });
    assert.ok(s.some((x) => x.kind === 'parallel' && x.insert.startsWith('建设')), JSON.stringify(s));
  });
  // seed 003: 一要进一步强化主角意识。……二要进一步强化主业意识。 inside one paragraph
  const par003 = corpus('003').find((l) => l.includes('二要进一步强化主业意识'))!;
  it('inside a paragraph: 二要 → 进一步强化, and 二要进一步强化主业 → 意识 (seed 003)', () => {
    const i = par003.indexOf('二要进一步强化主业意识');
    const s = completer.complete(par003.slice(0, i + 2));
    assert.ok(s.some((x) => x.kind === 'parallel' && par003.startsWith(x.insert, i + 2) && x.insert.length >= 5), JSON.stringify(s));
    const t = completer.complete(par003.slice(0, i + 9));
    assert.ok(t.some((x) => x.insert === '意识'), JSON.stringify(t));
  });
  it('only items of the same run: another family or a run that started again gives nothing', () => {
    const p = '一是持续加强政治建设。要坚持不懈。二要';
    assert.ok(!completer.complete(p).some((x) => x.kind === 'parallel' && x.insert.startsWith('持续')));
    const q = '一是持续加强政治建设。二是严格落实组织生活制度。一是提高站位。三是';
    assert.ok(!completer.complete(q).some((x) => x.kind === 'parallel' && x.insert.startsWith('严格')));
  });
});
