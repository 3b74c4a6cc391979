import { strict as assert } from 'assert';
import { AhoCorasick } from '../../src/core/ahocorasick';
import { SCAN_WASM } from '../../src/core/ac-wasm';
import { scanModuleBytes } from '../../src/core/ac-wasm-asm';
import { check, suppressionLiterals } from '../../src/core/check';
import { findSuppressions } from '../../src/core/suppress';
import { foldCode, foldQuotes, startsWithFolded } from '../../src/core/context';
import { detectDocumentDate, sinceToIso } from '../../src/core/date';
import { applyFixes } from '../../src/core/fix';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { unsafeRegexReason } from '../../src/core/safe-regex';
import { MARK_TABLE, TextDoc, toCodes } from '../../src/core/text';
import { corpusFile, engineDataset, ROOT } from '../support/data';
import * as fs from 'fs';
import * as path from 'path';

const ds = engineDataset();
const ids = (text: string, date = '2026-06-01', extra = {}) =>
  check(text, { dataset: ds, date, ...extra }).findings.map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`);

describe('Aho–Corasick matcher', () => {
  it('finds every occurrence of overlapping patterns in one pass', () => {
    const ac = new AhoCorasick(['总书记', '习总书记', '书记', '学习']);
    const found = ac.findAll('学习总书记和习总书记').map((m) => `${m.pattern}@${m.start}-${m.end}`);
    assert.deepEqual(found.sort(), ['0@2-5', '0@7-10', '1@1-5', '1@6-10', '2@3-5', '2@8-10', '3@0-2'].sort());
  });
  const engines = [
    ['WebAssembly scan', 'wasm'],
    ['full transition table', 'table'],
    ['edge lists and fail links', 'edges'],
  ] as const;
  for (const [path, engine] of engines) {
    it(`agrees with indexOf on random text (property check on a small alphabet; ${path})`, () => {
      const alpha = '习近平总书记学';
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      for (let round = 0; round < 50; round++) {
        const pats = Array.from({ length: 5 }, () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => alpha[Math.floor(rnd() * alpha.length)]).join(''));
        const text = Array.from({ length: 60 }, () => alpha[Math.floor(rnd() * alpha.length)]).join('');
        const got = new AhoCorasick(pats, undefined, { engine }).findAll(text).map((m) => `${m.pattern}:${m.start}`).sort();
        const want: string[] = [];
        pats.forEach((p, i) => {
          for (let k = text.indexOf(p); k >= 0; k = text.indexOf(p, k + 1)) want.push(`${i}:${k}`);
        });
        assert.deepEqual(got, want.sort());
      }
    });
  }
  it('the built-in data gives the same hits and marks in the same order on every path (whole seed corpus)', () => {
    const builtin = loadBuiltinDataset();
    const text = fs.readdirSync(path.join(ROOT, 'data', 'corpus')).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(corpusFile(f), 'utf8')).join('\n');
    const codes = toCodes(text);
    const scan = (ac: AhoCorasick) => {
      const { hits, marks } = ac.scan(codes);
      return { hits: hits.toArray(), marks: Array.from(marks) };
    };
    const want = scan(builtin.matcher);
    assert.ok(want.hits.length > 100 && want.marks.length > 1000, `${want.hits.length} hits, ${want.marks.length} marks`);
    for (const [, engine] of engines) assert.deepEqual(scan(new AhoCorasick(builtin.literals, foldCode, { marks: MARK_TABLE, engine })), want, engine);
  });
  it('the WebAssembly module kept as text is what its listing assembles to (else: npx tsx src/core/ac-wasm-asm.ts)', () => {
    assert.equal(Buffer.from(scanModuleBytes()).toString('base64'), SCAN_WASM);
  });
  it('the WebAssembly scan makes room when a text has more hits than it expected, and scans again', () => {
    // One pattern per unit and overlapping ones: far more than one hit per 16 units.
    const ac = new AhoCorasick(['学', '学学', '学学学'], undefined, { engine: 'wasm', marks: MARK_TABLE });
    for (const n of [0, 1, 5000, 40000]) {
      const text = '学'.repeat(n) + '，';
      const { hits, marks } = ac.scan(toCodes(text));
      assert.equal(hits.count, n + Math.max(0, n - 1) + Math.max(0, n - 2), `${n} units`);
      assert.deepEqual(Array.from(marks), [n]);
      assert.deepEqual(hits.toArray(), new AhoCorasick(['学', '学学', '学学学'], undefined, { engine: 'edges' }).findAll(text));
    }
  });
  it('reads the text from its UTF-16 units as the string holds them, lone surrogates included', () => {
    for (const s of ['', 'a', '习近平\ud800总书记\udc00', '𠀀\ufeff“两个维护”', '\r\n'.repeat(5000)]) {
      assert.deepEqual(Array.from(toCodes(s)), Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)));
    }
  });
});

describe('formulation rules (engine, on test rules)', () => {
  it('flags 习总书记 with a fix but not 学习总书记 (学习 + 总书记)', () => {
    const text = '为把习总书记的殷殷嘱托全面落实。注重从学习总书记重要指示中找办法。';
    const r = check(text, { dataset: ds, date: '2026-06-01' });
    assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['习总书记']);
    assert.equal(applyFixes(text, r.findings.map((f) => f.fix!)), text.replace('把习总书记', '把习近平总书记'));
  });
  it('is date-aware: an era rule is silent before its since-date', () => {
    const t = '助力打好精准脱贫攻坚战。';
    assert.deepEqual(ids(t, '2020-06-01'), []);
    assert.deepEqual(ids(t, '2021-02-25'), ['t-poverty:精准脱贫攻坚战']);
  });
  it('era rules stay silent in a retrospective sentence and only hint when they cannot tell', () => {
    assert.deepEqual(ids('精准脱贫攻坚战取得了全面胜利。'), []);
    const hint = check('关于精准脱贫攻坚战的材料。', { dataset: ds, date: '2026-06-01' }).findings;
    assert.equal(hint[0]?.severity, 'hint');
    const warn = check('要助力打好精准脱贫攻坚战。', { dataset: ds, date: '2026-06-01' }).findings;
    assert.equal(warn[0]?.severity, 'warning');
  });
  it('runs guarded regexes only around their triggers, with group references in the fix', () => {
    const t = '大家做出了应有的贡献，也做出了样品。';
    const r = check(t, { dataset: ds, date: '2026-06-01' });
    assert.deepEqual(r.findings.map((f) => f.fix?.text), ['作出了应有的贡献']);
  });
  it('takes the draft’s own date line as the reference date', () => {
    const t = '在全市会议上的讲话\n（2020年5月12日）\n助力打好精准脱贫攻坚战。';
    const r = check(t, { dataset: ds });
    assert.equal(r.date, '2020-05-12');
    assert.equal(r.dateSource, 'document');
    assert.equal(r.findings.length, 0);
    assert.equal(check(t, { dataset: ds, date: '2026-01-01' }).findings.length, 1);
  });
  it('honours severity overrides and off', () => {
    const t = '落实习总书记的嘱托。';
    assert.equal(check(t, { dataset: ds, date: '2026-01-01', severity: { 't-xi-abbrev': 'error' } }).findings[0].severity, 'error');
    assert.equal(check(t, { dataset: ds, date: '2026-01-01', severity: { 't-xi-abbrev': 'off' } }).findings.length, 0);
  });
});

describe('collocations of numbered concepts', () => {
  it('flags a wrong verb before the quoted or bare concept, fixed to the standard verb', () => {
    const t = '坚定“四个意识”，树立"四个意识"，牢固树立“四个意识”，增强“四个意识”。';
    const r = check(t, { dataset: ds, date: '2026-06-01', kinds: ['collocation'] });
    assert.deepEqual(r.findings.map((f) => t.slice(f.start, f.end)), ['坚定', '树立']);
    assert.equal(applyFixes(t, r.findings.map((f) => f.fix!)), '增强“四个意识”，增强"四个意识"，牢固树立“四个意识”，增强“四个意识”。');
  });
});

describe('canonical wording (fuzzy)', () => {
  it('is silent on an exact quote and flags words dropped or reordered', () => {
    const exact = '要坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。';
    assert.deepEqual(ids(exact), []);
    const dropped = '要坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和统一领导。';
    const r = check(dropped, { dataset: ds, date: '2026-06-01', kinds: ['misquote'] }).findings;
    assert.equal(r.length, 1);
    assert.equal(applyFixes(dropped, [r[0].fix!]), exact);
    const reordered = '牢固树立政治意识、大局意识、看齐意识、核心意识。';
    assert.equal(check(reordered, { dataset: ds, date: '2026-06-01', kinds: ['misquote'] }).findings.length, 1);
  });
  it('leaves partial mentions and unrelated sentences alone', () => {
    for (const t of ['增强政治意识、大局意识。', '坚决维护党中央权威。', '机关党建工作要坚持围绕中心、建设队伍、服务群众。']) {
      assert.deepEqual(check(t, { dataset: ds, date: '2026-06-01', kinds: ['misquote'] }).findings, [], t);
    }
  });
});

describe('suppression and exclusions', () => {
  it('honours disable-next-line, disable-line and file-wide directives', () => {
    const t = '<!-- gongwen-disable-next-line t-xi-abbrev -->\n落实习总书记的嘱托。\n落实习总书记的嘱托。';
    assert.equal(check(t, { dataset: ds, date: '2026-01-01', language: 'markdown' }).findings.length, 1);
    const all = 'gongwen-disable\n落实习总书记的嘱托,好。';
    assert.equal(check(all, { dataset: ds, date: '2026-01-01' }).findings.length, 0);
    const other = 'gongwen-disable-next-line punct-ascii\n落实习总书记的嘱托,好。';
    assert.deepEqual(check(other, { dataset: ds, date: '2026-01-01' }).findings.map((f) => f.ruleId), ['t-xi-abbrev']);
  });
  it('skips Markdown code and URLs', () => {
    const t = '见 https://example.org/a,b(c) 和 `习总书记,` 代码。\n```\n习总书记,\n```\n';
    assert.deepEqual(check(t, { dataset: ds, date: '2026-01-01', language: 'markdown' }).findings, []);
    const plain = '见 https://example.org/a,b(c)，落实习总书记的嘱托,好。';
    assert.deepEqual(check(plain, { dataset: ds, date: '2026-01-01' }).findings.map((f) => plain.slice(f.start, f.end)), ['习总书记', ',']);
  });
  it('reads suppressions the same whether the automaton or a search of the text says a directive or URL is there', () => {
    const texts = [
      '<!-- gongwen-disable-next-line t-xi-abbrev -->\n落实习总书记的嘱托。',
      'gongwen-disable-line punct-ascii 落实,好\n见 http://a.cn/x,y',
      '见 https://example.org/a,b(c) 和 `代码`',
      '没有指令，也没有网址。',
      fs.readFileSync(corpusFile('003_e202da5d409c69b3.txt'), 'utf8'),
    ];
    for (const t of texts) {
      for (const language of ['plaintext', 'markdown'] as const) {
        const doc = new TextDoc(t);
        const present = suppressionLiterals(ds, ds.matcher.scan(doc.codes).hits);
        assert.deepEqual(present, { directive: t.includes('gongwen-disable'), url: t.includes('://') }, t.slice(0, 20));
        assert.deepEqual(findSuppressions(t, language, doc, present), findSuppressions(t, language, doc), t.slice(0, 20));
      }
    }
  });
});

describe('dates', () => {
  it('normalises since-dates and reads Chinese date lines', () => {
    assert.equal(sinceToIso('2016'), '2017-01-01'); // a partial date counts from the next period
    assert.equal(sinceToIso('2016-10'), '2016-11-01');
    assert.equal(detectDocumentDate('标题\n二〇二〇年五月十二日\n'), '2020-05-12');
    assert.equal(detectDocumentDate('标题\n2023年12月31日'), '2023-12-31');
    assert.equal(detectDocumentDate('2020年是极不平凡的一年。'), undefined);
  });
});

describe('regex safety', () => {
  it('refuses nested unbounded quantifiers and back-references, accepts guarded simple ones', () => {
    assert.ok(unsafeRegexReason('(a+)+b'));
    assert.ok(unsafeRegexReason('(.*|x)*'));
    assert.ok(unsafeRegexReason('(a)\\1'));
    assert.equal(unsafeRegexReason('做出(了)?(应有的)?(贡献|决定|部署)'), undefined);
    assert.equal(unsafeRegexReason('截止[到至]?(\\d{4}年)'), undefined);
  });
});
