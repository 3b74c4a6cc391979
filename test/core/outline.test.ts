import { strict as assert } from 'assert';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import * as checks from '../../src/core/outline/check';
import { checkOutline, OUTLINE_RULES } from '../../src/core/outline/check';
import { isHeadingFamily, matchEnumAt, matchHeadingAt, parseChineseNumeral, toChineseNumeral } from '../../src/core/markers';
import { Outline, OutlineNode, flattenOutline, outlineOf, parseOutline } from '../../src/core/outline/parse';
import { collectFindings, FindingSink } from '../../src/core/findings';
import type { Finding } from '../../src/core/types';
import { CHECKS_DIR, loadFixture } from '../rules/harness';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'data', 'corpus');

function corpus(prefix: string): string {
  const f = readdirSync(CORPUS).find((x) => x.startsWith(prefix) && x.endsWith('.txt'));
  assert.ok(f, `corpus file ${prefix}`);
  return readFileSync(join(CORPUS, f), 'utf8');
}
/** A fixture of test/fixtures/checks/outline (old names: gap.bad.txt → outline-gap.fire.txt), its markers taken off. */
const fixture = (name: string) => {
  const m = /^(.*)\.(bad|good)\.txt$/.exec(name);
  const file = m ? `outline-${m[1]}.${m[2] === 'bad' ? 'fire' : 'pass'}.txt` : name;
  return loadFixture(join(CHECKS_DIR, 'outline', file)).text;
};
const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);
const only = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
const lineOf = (text: string, off: number) => text.slice(0, off).split(/\r\n|\r|\n/).length;
const markers = (ns: OutlineNode[]) => ns.map((n) => n.marker);

/** Applies the fixes of `fs` (non-overlapping) to `text`. */
function applyFixes(text: string, fs: Finding[]): string {
  const fixes = fs.map((f) => f.fix!).filter(Boolean).sort((a, b) => b.start - a.start);
  let out = text;
  for (const x of fixes) out = out.slice(0, x.start) + x.text + out.slice(x.end);
  return out;
}

describe('outline markers', () => {
  it('parses Chinese numerals 一…九十九 and writes them back', () => {
    const cases: Array<[string, number]> = [['一', 1], ['九', 9], ['十', 10], ['十一', 11], ['二十', 20], ['二十三', 23], ['九十九', 99]];
    for (const [s, n] of cases) {
      assert.equal(parseChineseNumeral(s), n, s);
      assert.equal(toChineseNumeral(n), s);
    }
    for (const bad of ['一十', '十十', '一二', '二十十', '', '百']) assert.equal(parseChineseNumeral(bad), undefined, bad);
  });
  it('reads enumeration markers with numbers above ten', () => {
    assert.deepEqual(pick(matchEnumAt('十一是加强', 0)), ['一是', 11, '十一是']);
    assert.deepEqual(pick(matchEnumAt('二十要落实', 0)), ['一要', 20, '二十要']);
    assert.deepEqual(pick(matchEnumAt('第十二，完善', 0)), ['第一', 12, '第十二']);
  });
  it('does not read words made with 第N or 一是 as markers', () => {
    for (const w of ['第一时间传达', '第一书记要', '第一议题制度', '第一次会议', '第一要务', '第一把手', '一是一，二是二', '第一、二季度']) {
      assert.equal(matchEnumAt(w, 0), null, w);
    }
    assert.ok(matchEnumAt('第一，提高认识', 0));
    assert.ok(matchEnumAt('第二要抓好落实', 0));
  });
  it('gives the standard form of wrong heading markers', () => {
    const exp = (s: string, ls = true) => matchHeadingAt(s, 0, ls)?.expected;
    assert.equal(exp('1、坚持'), '1.');
    assert.equal(exp('（一）、指导思想'), '（一）');
    assert.equal(exp('(一)指导思想'), '（一）');
    assert.equal(exp('一.总体要求'), '一、');
    assert.equal(exp('(1)坚持'), '（1）');
    assert.equal(exp('一、总体要求'), undefined);
    assert.equal(exp('1.坚持'), undefined);
    assert.equal(exp('1．坚持'), undefined, 'full-width dot is accepted');
    assert.equal(matchHeadingAt('1.5亿元', 0, true), null, 'a decimal is no marker');
    assert.equal(matchHeadingAt('三、四月份', 0, true), null);
    assert.equal(matchHeadingAt('一，要', 0, false), null, '一， only counts at a line start');
  });
  it('reads 一、 and 一是 markers as their regular expressions define them (property check)', () => {
    // The definitions the char-code reading replaced: numerals then one mark, sticky at the offset.
    const NUM = '[一二三四五六七八九十]{1,3}';
    const head = new RegExp(`(${NUM})([、\\.．，,])`, 'y');
    const enumeration = new RegExp(`(${NUM})([是要])`, 'y');
    const numberAfter = /[一二三四五六七八九十两][、月季年]/y;
    const at = (re: RegExp, t: string, i: number) => ((re.lastIndex = i), re.exec(t));
    const refHeading = (t: string, atLineStart: boolean) => {
      const m = at(head, t, 0);
      const ord = m && parseChineseNumeral(m[1]);
      if (!m || ord === undefined || ((m[2] === '，' || m[2] === ',') && !atLineStart) || at(numberAfter, t, m[0].length)) return null;
      return ['一、', ord, m[0], m[0] === m[1] + '、' ? undefined : m[1] + '、'];
    };
    const refEnum = (t: string) => {
      const m = at(enumeration, t, 0);
      const ord = m && parseChineseNumeral(m[1]);
      // 一是一，二是二 (the numeral again, then no ideograph) is an idiom; 二是一以贯之 is a marker.
      if (!m || ord === undefined) return null;
      const again = t.slice(m[0].length, m[0].length + m[1].length);
      if ((again === m[1] && !/[\u4e00-\u9fff]/.test(t[m[0].length + m[1].length] ?? ''))) return null;
      return [m[2] === '是' ? '一是' : '一要', ord, m[0]];
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'一二三四五六七八九十两是要、.．，,。月年加强'), minLength: 1, maxLength: 8 }), fc.boolean(), (t, ls) => {
        if (!/^[一二三四五六七八九十]/.test(t)) return;
        const h = matchHeadingAt(t, 0, ls);
        assert.deepEqual(h && [h.family, h.ordinal, h.marker, h.expected], refHeading(t, ls), t);
        assert.deepEqual(pick(matchEnumAt(t, 0)), refEnum(t), t);
      }),
      { seed: 20261201, numRuns: 3000 },
    );
  });
});

function pick(m: ReturnType<typeof matchEnumAt>) {
  return m && [m.family, m.ordinal, m.marker];
}

describe('parseOutline on the seed corpus', () => {
  it('001: the 一是…四是 paragraph heads are four sibling sections', () => {
    const o = parseOutline(corpus('001'));
    assert.deepEqual(markers(o.roots), ['一是', '二是', '三是', '四是']);
    assert.ok(o.roots.every((n) => n.style === 'heading' && n.family === '一是'));
    assert.equal(o.roots[0].title, '持续加强政治建设，强化政治担当');
    assert.equal(o.roots[0].line, 7);
    // sections are contiguous and the last one runs to the end of the text
    for (let k = 0; k + 1 < o.roots.length; k++) assert.equal(o.roots[k].end, o.roots[k + 1].start);
    assert.equal(o.roots[3].end, corpus('001').length);
  });
  it('004: three sections announced by 讲三点意见, with 一要… runs inside', () => {
    const text = corpus('004');
    const o = parseOutline(text);
    assert.deepEqual(markers(o.roots), ['一、', '二、', '三、']);
    assert.deepEqual(markers(o.roots[1].children), ['一要', '二要', '三要', '四要', '五要']);
    assert.deepEqual(markers(o.roots[2].children), ['一要', '二要', '三要']);
    assert.equal(o.announcements.length, 1);
    assert.equal(o.announcements[0].count, 3);
    assert.equal(o.announcements[0].text, '讲三点意见');
    assert.ok(o.roots[0].title.startsWith('提升站位、深化认识'));
  });
  it('002: three 一、 headings', () => {
    assert.deepEqual(markers(parseOutline(corpus('002')).roots), ['一、', '二、', '三、']);
  });
  it('000: four paragraphs each with a 一是/二是/三是 run', () => {
    const o = parseOutline(corpus('000'));
    const byLine = new Map<number, string[]>();
    for (const n of o.roots) byLine.set(n.line, [...(byLine.get(n.line) ?? []), n.marker]);
    assert.deepEqual([...byLine.keys()], [2, 3, 4, 5]);
    for (const v of byLine.values()) assert.deepEqual(v, ['一是', '二是', '三是']);
  });
  it('003: glued page numbers are ignored, glued headings are found', () => {
    const text = corpus('003');
    const o = parseOutline(text);
    assert.deepEqual(
      o.pageNumbers.map((p) => p.line),
      Array.from({ length: 13 }, (_, k) => k + 2),
    );
    const all = flattenOutline(o);
    // no node comes from a page number: none of the Arabic-number family at all
    assert.ok(all.every((n) => n.family !== '1.'), 'page numbers taken as markers');
    for (const p of o.pageNumbers) assert.ok(all.every((n) => n.markerStart >= p.end || n.markerStart < p.start));
    assert.deepEqual(markers(o.roots), ['一、', '二、', '三、', '四、']);
    assert.deepEqual(
      o.roots.map((r) => r.children.filter((c) => c.family === '（一）').length),
      [3, 3, 3, 0],
    );
    // 二是 at a line end continues after the page number of the next line
    const erShi = all.find((n) => n.marker === '二是' && n.line === 4);
    assert.ok(erShi);
    assert.equal(erShi.title, '在营造干事创业氛围上更有作为');
    // the 三要 after page number 3 continues the run on the previous line
    const yao = o.roots[0].children[0].children;
    assert.deepEqual(markers(yao), ['一要', '二要', '三要']);
  });
});

describe('checkOutline on the seed corpus', () => {
  it('003: flags the broken enumeration 三注重 on line 9, with the fix 三是注重', () => {
    const text = corpus('003');
    const fs = only(checkOutline(text), 'outline-malformed');
    assert.equal(fs.length, 1);
    assert.equal(lineOf(text, fs[0].start), 9);
    assert.equal(text.slice(fs[0].start, fs[0].end), '三');
    const fixed = applyFixes(text, fs);
    assert.ok(fixed.includes('三是注重联创联建'));
    assert.ok(!checkOutline(fixed).some((f) => f.ruleId === 'outline-malformed'));
  });
  it('003: flags the half-width (一) headings and nothing about page numbers', () => {
    const text = corpus('003');
    const fs = checkOutline(text);
    const fmt = only(fs, 'outline-format');
    assert.equal(fmt.length, 9);
    assert.ok(fmt.every((f) => /^\([一二三]\)$/.test(text.slice(f.start, f.end))));
    assert.deepEqual([...new Set(ids(fs))].sort(), ['outline-format', 'outline-malformed']);
  });
  it('004: the announced three points match three sections; no outline finding', () => {
    assert.deepEqual(checkOutline(corpus('004')), []);
  });
  it('000, 001, 002: no outline finding', () => {
    for (const p of ['000', '001', '002']) assert.deepEqual(ids(checkOutline(corpus(p))), [], p);
  });
  it('004 with a fourth section added: outline-count fires on the announcement', () => {
    const text = corpus('004').replace('同志们，推动党的建设高质量', '四、加强组织保障\n同志们，推动党的建设高质量');
    const fs = only(checkOutline(text), 'outline-count');
    assert.equal(fs.length, 1);
    assert.equal(text.slice(fs[0].start, fs[0].end), '讲三点意见');
  });
});

describe('checkOutline on drafts (which rule fires where: test/fixtures/checks, test/rules/fixtures.test.ts)', () => {
  it('format fixes turn the bad draft into the good one', () => {
    const bad = fixture('format.bad.txt');
    const fixed = applyFixes(bad, only(checkOutline(bad), 'outline-format'));
    assert.equal(fixed, fixture('format.good.txt').replace('2．', '2.'));
  });
  it('mixed fixes unify the run on the first form', () => {
    const bad = fixture('mixed.bad.txt');
    const fixed = applyFixes(bad, only(checkOutline(bad), 'outline-mixed'));
    assert.ok(fixed.includes('一是提高政治站位。二是强化责任担当。三是狠抓工作落实。'), fixed);
    assert.deepEqual(checkOutline(fixed), []);
  });
  it('messages name what is wrong, also where the same markers recur with other numbers missing (messages are built once per check)', () => {
    // Two root runs 一、四、…: in the first 二、 is there (out of order), so only 三、 is missing; in
    // the second both are. Two (三) runs: under 一、 its (二) is there, under 四、 it is not.
    const text = ['一、甲', '（三）子', '（二）丑', '四、乙', '（三）寅', '（四）卯', '二、丙', '一、丁', '四、戊', '五、己', '五、庚', ''].join('\n');
    const fs = checkOutline(text);
    const said = (id: string) => only(fs, id).map((f) => `${text.slice(f.start, f.end)} ${f.message}`);
    assert.deepEqual(said('outline-gap'), [
      '（三） 编号从“（三）”开始，前面没有“（一）”',
      '四、 编号跳号：“一、”之后是“四、”，缺少“三、”',
      '（三） 编号从“（三）”开始，前面没有“（一）”“（二）”',
      '四、 编号跳号：“一、”之后是“四、”，缺少“二、”“三、”',
    ]);
    assert.deepEqual(said('outline-order'), ['（二） 编号顺序颠倒：“（二）”出现在“（三）”之后', '二、 编号顺序颠倒：“二、”出现在“四、”之后']);
    assert.deepEqual(said('outline-duplicate'), ['五、 编号重复：“五、”与前一项“五、”序号相同']);
    // The same text checked again gives the same findings.
    assert.deepEqual(checkOutline(text), fs);
    // More than three numbers missing: the first three, then 等; numbers past ten.
    const wide = ['一、甲', '六、乙', '十八、丙', '二十一、丁', ''].join('\n');
    assert.deepEqual(only(checkOutline(wide), 'outline-gap').map((f) => f.message), [
      '编号跳号：“一、”之后是“六、”，缺少“二、”“三、”“四、”等',
      '编号跳号：“六、”之后是“十八、”，缺少“七、”“八、”“九、”等',
      '编号跳号：“十八、”之后是“二十一、”，缺少“十九、”“二十、”',
    ]);
    const skip = fixture('level-skip.bad.txt');
    assert.deepEqual(only(checkOutline(skip), 'outline-level-skip').map((f) => f.message), ['层次跳级：“一、”下直接使用“1.”，缺少“（一）”一级']);
    // The same skip everywhere (as published 机关党建 work plans do) is only a hint; a skip where the
    // draft uses the skipped level elsewhere is an info.
    const throughout = ['一、甲', '1.子', '2.丑', '二、乙', '1.寅', '2.卯', ''].join('\n');
    assert.deepEqual(only(checkOutline(throughout), 'outline-level-skip').map((f) => f.severity), ['hint', 'hint']);
    const once = ['一、甲', '1.子', '2.丑', '二、乙', '（一）寅', '（二）卯', ''].join('\n');
    assert.deepEqual(only(checkOutline(once), 'outline-level-skip').map((f) => f.severity), ['info']);
    assert.deepEqual(
      only(checkOutline(fixture('single.bad.txt')), 'outline-single').map((f) => f.message),
      ['这一层次只有一项：有“（一）”而没有“（二）”', '列举只有一项：有“一是”而没有“二是”'],
    );
    assert.deepEqual(
      only(checkOutline(fixture('mixed.bad.txt')), 'outline-mixed').map((f) => f.message),
      ['同一组列举混用“一是”与“二要”，宜统一为“二是”', '同一组列举混用“一是”与“第三”，宜统一为“三是”'],
    );
    assert.deepEqual(only(checkOutline(fixture('format.bad.txt')), 'outline-format').map((f) => f.message).slice(0, 2), [
      '序号“一.”写法不规范，应为“一、”',
      '序号“（一）、”写法不规范，应为“（一）”',
    ]);
  });
  it('severity: warnings for defects, info for the single-item case', () => {
    assert.ok(only(checkOutline(fixture('single.bad.txt')), 'outline-single').every((f) => f.severity === 'info'));
    assert.ok(checkOutline(fixture('gap.bad.txt')).every((f) => f.severity === 'warning'));
  });
  it('the clean speech with four levels yields no finding and parses all four levels', () => {
    const text = fixture('clean-speech.txt');
    assert.deepEqual(checkOutline(text), []);
    const o = parseOutline(text);
    const fams = new Set(flattenOutline(o).map((n) => n.family));
    for (const f of ['一、', '（一）', '1.', '（1）', '一是', '一要']) assert.ok(fams.has(f as never), f);
    assert.deepEqual(markers(o.roots), ['一、', '二、', '三、']);
    const levelOf4 = flattenOutline(o).filter((n) => n.family === '（1）');
    assert.ok(levelOf4.every((n) => n.level === 4));
  });
  it('traps: 统一是, 唯一要求, 第一时间, 第一书记, 再次强调, 最后一公里 are no markers', () => {
    const o = parseOutline(fixture('traps.txt'));
    assert.deepEqual(flattenOutline(o), []);
    assert.deepEqual(checkOutline(fixture('traps.txt')), []);
  });
  it('a 首先 run closes with 最后 without complaint; 最后 alone is no marker', () => {
    const o = parseOutline('首先，要统一思想；其次，要压实责任；最后，要总结经验。');
    assert.deepEqual(markers(o.roots), ['首先', '其次', '最后']);
    assert.deepEqual(checkOutline('首先，要统一思想；其次，要压实责任；最后，要总结经验。'), []);
    assert.deepEqual(flattenOutline(parseOutline('最后，我再强调一点。')), []);
  });
  it('after a comma only the next item of an open run counts', () => {
    const t = '对此提出要求：一是加强学习，二是改进作风，三是狠抓落实。';
    assert.deepEqual(markers(parseOutline(t).roots), ['一是', '二是', '三是']);
    assert.deepEqual(checkOutline(t), []);
    // no open run: 二是 after a comma is ordinary text, 统一是 never a marker
    assert.deepEqual(flattenOutline(parseOutline('道理很简单，二是关键，思想要统一，统一是前提。')), []);
  });
  it('every outline rule is listed with a Chinese description, and its findings carry its id', () => {
    for (const r of OUTLINE_RULES) assert.ok(/^outline-[a-z-]+$/.test(r.id) && /[\u4e00-\u9fff]/.test(r.description), r.id);
    const listed = new Set(OUTLINE_RULES.map((r) => r.id));
    for (const name of ['gap', 'duplicate', 'order', 'level-skip', 'mixed', 'single', 'malformed', 'count', 'format']) {
      for (const f of checkOutline(fixture(`${name}.bad.txt`))) assert.ok(listed.has(f.ruleId), f.ruleId);
    }
  });
});

describe('a crashing outline rule', () => {
  it('is reported as internal-error naming the rule; what it wrote is taken back, the other rules run on', () => {
    const text = fixture('gap.bad.txt');
    const crashing: checks.OutlineRule = {
      ...checks.outlineDuplicate,
      id: 'outline-test-crash',
      check: (ctx, out) => {
        checks.outlineGap.check(ctx, out); // writes a finding, then fails
        throw new TypeError('boom\nsecond line');
      },
    };
    const fs = collectFindings((out) => checks.writeOutlineFindings(text, out, undefined, undefined, [crashing, checks.outlineGap]));
    assert.deepEqual(ids(fs), ['internal-error', 'outline-gap']);
    const [err] = fs;
    assert.equal(err.severity, 'error');
    assert.deepEqual([err.start, err.end], [0, 0]);
    assert.equal(err.message, '提纲检查“outline-test-crash”运行出错，其结果缺失（TypeError: boom）。这是本工具的缺陷，请反馈给开发者。');
  });
  it('a failing parse is reported the same way', () => {
    const bad = { roots: [{ children: null }], announcements: [], pageNumbers: [] } as unknown as Outline;
    const fs = collectFindings((out) => checks.writeOutlineFindings('一、甲', out, bad));
    assert.deepEqual(ids(fs), ['internal-error']);
    assert.ok(fs[0].message.startsWith('提纲检查“提纲解析”运行出错'), fs[0].message);
  });
});

describe('robustness', () => {
  it('never throws and returns well-formed findings on arbitrary text', () => {
    const alphabet = fc.constantFrom(
      ...Array.from('一二三四五六七八九十是要第首先其次再最后、，。；：！？（）()1234567890.．\n\r 　统唯注重强化讲点意见'),
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }), (chars) => {
        const t = chars.join('');
        const o: Outline = parseOutline(t);
        for (const n of flattenOutline(o)) {
          assert.ok(n.markerStart >= 0 && n.markerEnd <= t.length && n.start <= n.end);
        }
        // each rule on its own, messages worded (checkOutline reports a rule's exception as internal-error; here it would surface)
        const ctx = checks.buildContext(t, o);
        for (const rule of checks.OUTLINE_RULES) {
          const sink = new FindingSink();
          rule.check(ctx, sink);
          for (const f of sink.toFindings()) assert.ok(f.message.length > 0, rule.id);
        }
        for (const f of checkOutline(t)) {
          assert.ok(f.start >= 0 && f.end <= t.length && f.start <= f.end);
          if (f.fix) assert.ok(f.fix.start >= 0 && f.fix.end <= t.length);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('lists the runs of every sibling list in document order, each split as by the plain rule', () => {
    // The plain rule, as first written: a run restarts at an item numbered 1, where headings and
    // enumerations meet, or where another enumeration family does not continue the numbering.
    const plainSplit = (siblings: OutlineNode[]): OutlineNode[][] => {
      const runs: OutlineNode[][] = [];
      let cur: OutlineNode[] = [];
      for (const n of siblings) {
        const prev = cur[cur.length - 1];
        const heading = (x: OutlineNode) => isHeadingFamily(x.family);
        const fresh =
          !prev || n.ordinal === 1 || heading(prev) !== heading(n) ||
          (n.family !== prev.family && (heading(n) || n.ordinal !== prev.ordinal + 1));
        if (fresh && cur.length) {
          runs.push(cur);
          cur = [];
        }
        cur.push(n);
      }
      if (cur.length) runs.push(cur);
      return runs;
    };
    const expected = (o: Outline): Array<{ run: OutlineNode[]; parent: OutlineNode | undefined }> => {
      const out: Array<{ run: OutlineNode[]; parent: OutlineNode | undefined }> = [];
      const walk = (list: OutlineNode[], parent: OutlineNode | undefined) => {
        const runs = plainSplit(list);
        for (const n of list) {
          const r = runs.find((x) => x[0] === n);
          if (r) out.push({ run: r, parent });
          walk(n.children, n);
        }
      };
      walk(o.roots, undefined);
      return out;
    };
    const alphabet = fc.constantFrom(...Array.from('一二三四五是要第首先其次最后、。\n（）1234.加强'));
    const texts = fc.oneof(
      fc.array(alphabet, { maxLength: 200 }).map((cs) => cs.join('')),
      fc.constantFrom(
        ...readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(CORPUS, f), 'utf8')),
        // another family continuing the numbering, then a heading level of its own
        '做好今年的工作，要把握以下几点。一是提高政治站位。二要强化责任担当。第三，狠抓工作落实。\n一、总体要求\n（一）目标\n（二）任务\n三、保障',
      ),
    );
    fc.assert(
      fc.property(texts, (t) => {
        const o = parseOutline(t);
        const ctx = checks.buildContext(t, o);
        const want = expected(o);
        assert.equal(ctx.runs.length, want.length);
        ctx.runs.forEach((run, k) => {
          assert.deepEqual(run, want[k].run);
          assert.equal(ctx.runParent[k], want[k].parent);
        });
      }),
      { numRuns: 300 },
    );
  });
  it('handles only punctuation, empty text and huge lines (no time limit but the suite timeout; speed is in npm run bench)', () => {
    assert.deepEqual(checkOutline(''), []);
    assert.deepEqual(checkOutline('。。。！！？？；；：：（（））'), []);
    const huge = '一是加强学习。'.repeat(20000) + 'x'.repeat(200000);
    const found = checkOutline(huge);
    assert.ok(found.every((f) => f.start >= 0 && f.start <= f.end && f.end <= huge.length));
    assert.deepEqual(checkOutline('一'.repeat(300000)), []);
    assert.deepEqual(checkOutline('（'.repeat(100000) + '1'.repeat(100000)), []);
  });
  it('shares one parse per text between the structure and Outline views; the checker keeps none', () => {
    const text = corpus('004');
    const shared = outlineOf(text);
    assert.equal(outlineOf(text), shared, 'same text, same outline object');
    assert.deepEqual(shared, parseOutline(text), 'and it is the outline of that text');
    assert.ok(flattenOutline(shared).some((n) => n.title.length > 0), 'with titles');
    const edited = text.replace('一要', '二要');
    const other = outlineOf(edited);
    assert.notEqual(other, shared, 'an edited text is parsed again');
    checkOutline(edited);
    assert.equal(outlineOf(edited), other, 'a check neither replaces nor adds an outline');
    assert.equal(outlineOf(text), shared);
  });
  it('the checker parses without titles, and otherwise the same outline (the five corpus files)', () => {
    const noTitles = (o: Outline): Outline => JSON.parse(JSON.stringify(o, (k, v) => (k === 'title' ? '' : v)));
    for (const p of ['000', '001', '002', '003', '004']) {
      const text = corpus(p);
      const untitled = parseOutline(text, undefined, false);
      assert.ok(flattenOutline(untitled).every((n) => n.title === ''), p);
      assert.deepEqual(JSON.parse(JSON.stringify(untitled)), noTitles(parseOutline(text)), p);
      assert.deepEqual(checkOutline(text), checkOutline(text, parseOutline(text)), `${p}: the same findings from a titled outline`);
    }
  });
});

describe('outline on the public documents of ../shared/external (read at test time, never copied)', () => {
  const dir = [join(ROOT, '..', 'shared', 'external'), '/work/shared/external'].find((d) => {
    try {
      return readdirSync(d).some((f) => f.endsWith('.txt'));
    } catch {
      return false;
    }
  });
  // The one outline defect in these copies (SOURCES.md): the 2010 report repeats its paragraph 四是加强风险管理.
  const COPY_DEFECTS: Record<string, string[]> = { '2010-03-05_gwr2010.txt': ['outline-duplicate 四是'] };
  it('no outline warning but the listed copy defects, at most one outline info per document', function () {
    if (!dir) this.skip();
    const files = readdirSync(dir!).filter((f) => f.endsWith('.txt'));
    assert.ok(files.length >= 30);
    const problems: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(dir!, f), 'utf8');
      const fs = checkOutline(text);
      const warnings = fs.filter((x) => x.severity === 'warning' || x.severity === 'error').map((x) => `${x.ruleId} ${text.slice(x.start, x.end)}`);
      if (JSON.stringify(warnings) !== JSON.stringify(COPY_DEFECTS[f] ?? [])) problems.push(`${f}: ${warnings.join('; ')}`);
      const infos = fs.filter((x) => x.severity === 'info' || x.severity === 'hint');
      if (infos.length > 1) problems.push(`${f}: ${infos.length} infos`);
    }
    assert.deepEqual(problems, []);
  });
});
