/**
 * Extension logic that needs no VS Code: CJK completion ranges, ignore comments (checked against
 * the real checker), combined fixes, settings cleaning, manifest/l10n consistency and snippets.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { applyFixes } from '../../src/core/fix';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { parseOutline } from '../../src/core/outline/parse';
import { ruleRegistry } from '../../src/core/registry';
import {
  cleanReferenceDate,
  cleanSeverity,
  combinedFixes,
  completionEdit,
  explainRuleLink,
  findingMarkdown,
  ignoreCommentEdit,
  ruleDocTarget,
  trimEnd,
  typedPrefix,
} from '../../src/vscode/logic';

const ROOT = path.resolve(__dirname, '../..');
const DRAFT = [
  '在全市机关党建工作会议上的讲话',
  '',
  '同志们：',
  '　　今天召开会议，学习贯彻习总书记重要讲话精神。',
  '　　我们要学习总书记的讲话，习总书记强调要抓落实。',
].join('\n');

function insertLine(text: string, line: number, insert: string): string {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  return text.slice(0, offset) + insert + text.slice(offset);
}

describe('vscode logic: CJK completion range', () => {
  it('takes the run of CJK characters before the cursor as the typed prefix', () => {
    assert.deepStrictEqual(typedPrefix('　　我们要坚决做到'), { start: 2, prefix: '我们要坚决做到' });
    assert.deepStrictEqual(typedPrefix('abc 学懂弄通'), { start: 4, prefix: '学懂弄通' });
    // punctuation that ends a clause ends the run
    assert.deepStrictEqual(typedPrefix('今天召开会议，我们要'), { start: 7, prefix: '我们要' });
    assert.deepStrictEqual(typedPrefix('hello '), { start: 6, prefix: '' });
  });

  it('caps the prefix length', () => {
    const long = '一'.repeat(40);
    assert.strictEqual(typedPrefix(long, 16).prefix.length, 16);
  });

  it('gives a range whose text is a prefix of filterText (so VS Code keeps the item)', () => {
    const line = '　　我们要坚决做到';
    const typed = typedPrefix(line);
    const e = completionEdit(line, typed.prefix.length, '“两个维护”');
    const word = line.slice(e.startColumn, e.endColumn);
    assert.strictEqual(word, '我们要坚决做到');
    assert.ok(e.filterText.startsWith(word));
    assert.strictEqual(e.insertText, '我们要坚决做到“两个维护”');
    // replacing [start, end) by insertText yields the line plus the continuation
    assert.strictEqual(line.slice(0, e.startColumn) + e.insertText + line.slice(e.endColumn), line + '“两个维护”');
  });

  it('with nothing typed, is an empty range at the cursor', () => {
    const e = completionEdit('同志们：', 0, '下面');
    assert.strictEqual(e.startColumn, e.endColumn);
    assert.strictEqual(e.insertText, '下面');
  });
});

describe('vscode logic: ignore comments silence exactly what they say (real checker)', () => {
  const date = '2026-06-01';
  const before = check(DRAFT, { date }).findings.filter((f) => f.ruleId === 'xi-zongshuji');

  it('the draft has two 习总书记 findings, and 学习总书记 is not one of them', () => {
    assert.strictEqual(before.length, 2);
    for (const f of before) assert.strictEqual(DRAFT.slice(f.start, f.end), '习总书记');
  });

  it('plain text: a line of its own before the line, with its indentation', () => {
    const lines = DRAFT.split('\n');
    const e = ignoreCommentEdit(lines, 3, 'xi-zongshuji', 'plaintext', 'line');
    assert.strictEqual(e.line, 3);
    assert.strictEqual(e.text, '　　gongwen-disable-next-line xi-zongshuji\n');
    const after = check(insertLine(DRAFT, e.line, e.text), { date }).findings.filter((f) => f.ruleId === 'xi-zongshuji');
    assert.strictEqual(after.length, 1, 'only the finding on the commented line is silenced');
  });

  it('Markdown: an HTML comment', () => {
    const lines = DRAFT.split('\n');
    const e = ignoreCommentEdit(lines, 4, 'xi-zongshuji', 'markdown', 'line');
    assert.strictEqual(e.text, '　　<!-- gongwen-disable-next-line xi-zongshuji -->\n');
    const text = insertLine(DRAFT, e.line, e.text);
    const after = check(text, { date, language: 'markdown' }).findings.filter((f) => f.ruleId === 'xi-zongshuji');
    assert.strictEqual(after.length, 1);
    assert.ok(after[0].start < text.indexOf('<!--'), 'the remaining finding is the one on line 4');
  });

  it('file scope silences the rule everywhere but not other rules', () => {
    const text = DRAFT + '\n　　要再接再励。';
    const lines = text.split('\n');
    const e = ignoreCommentEdit(lines, 4, 'xi-zongshuji', 'plaintext', 'file');
    assert.strictEqual(e.line, 0);
    const fixed = insertLine(text, 0, e.text);
    const ids = check(fixed, { date }).findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('xi-zongshuji'));
    assert.ok(ids.includes('typo-zaijie-zaili'), `other rules still fire: ${ids.join(',')}`);
    // a second file-level comment goes after the first
    assert.strictEqual(ignoreCommentEdit(fixed.split('\n'), 5, 'typo-zaijie-zaili', 'plaintext', 'file').line, 1);
  });
});

describe('vscode logic: combined fixes', () => {
  it('fix all of one rule changes every occurrence and nothing else', () => {
    const text = DRAFT + '\n　　要再接再励。';
    const { findings } = check(text, { date: '2026-06-01' });
    const fixed = applyFixes(text, combinedFixes(findings, 'xi-zongshuji'));
    assert.ok(!check(fixed, { date: '2026-06-01' }).findings.some((f) => f.ruleId === 'xi-zongshuji'));
    assert.strictEqual(fixed.split('习近平总书记').length - 1, 2);
    assert.ok(fixed.includes('学习总书记的讲话'), '学习总书记 is untouched');
    assert.ok(fixed.includes('再接再励'), 'other rules untouched');
    assert.ok(applyFixes(text, combinedFixes(findings)).includes('再接再厉'));
  });

  it('drops overlapping fixes, keeping the first', () => {
    const f = (start: number, end: number, text: string) =>
      ({ ruleId: 'r', category: 'nonstandard', severity: 'info', start, end, message: '', fix: { start, end, text } }) as const;
    const out = combinedFixes([f(0, 4, 'a'), f(2, 6, 'b'), f(6, 8, 'c')]);
    assert.deepStrictEqual(out.map((x) => x.text), ['a', 'c']);
  });
});

describe('vscode logic: outline symbol ranges', () => {
  it('a section ends before the indentation of the next heading (so the cursor there is in one section only)', () => {
    const text = ['同志们：', '　　一、提高政治站位', '　　我们要坚决做到“两个维护”。', '', '　　二、突出工作重点', '　　一是抓学习。'].join('\n');
    const [one, two] = parseOutline(text).roots;
    assert.strictEqual(one.marker, '一、');
    const end = trimEnd(text, one.start, one.end);
    assert.ok(text.slice(one.start, end).endsWith('“两个维护”。'));
    assert.ok(end < two.markerStart);
    assert.strictEqual(trimEnd(text, two.start, two.end), text.length);
  });
});

describe('vscode logic: settings', () => {
  it('keeps valid severities and reports the others', () => {
    const r = cleanSeverity({ 'xi-zongshuji': 'warning', outline: 'off', bad: 'loud', n: 3 });
    assert.deepStrictEqual(r.map, { 'xi-zongshuji': 'warning', outline: 'off' });
    assert.deepStrictEqual(r.invalid.sort(), ['bad', 'n']);
    assert.deepStrictEqual(cleanSeverity(undefined).map, {});
  });

  it('reference date: empty or malformed means none', () => {
    assert.strictEqual(cleanReferenceDate(''), undefined);
    assert.strictEqual(cleanReferenceDate('2020/01/01'), undefined);
    assert.strictEqual(cleanReferenceDate(' 2020-01-01 '), '2020-01-01');
  });

  it('hover text of a finding names the fix, reason and source', () => {
    const [f] = check(DRAFT, { date: '2026-06-01' }).findings.filter((x) => x.ruleId === 'xi-zongshuji');
    const md = findingMarkdown(f, '习总书记');
    assert.ok(md.includes('习总书记 → 习近平总书记'));
    assert.ok(md.includes('Why:') && md.includes('Source:'));
  });
});

describe('vscode logic: where a diagnostic’s rule link goes', () => {
  const registry = ruleRegistry(loadBuiltinDataset());
  it('to the page the extension ships (docs/rules/<id>.md) for every built-in rule, code and data', () => {
    for (const e of registry) {
      const target = ruleDocTarget(e.id, ROOT, fs.existsSync);
      assert.deepStrictEqual(target, { scheme: 'file', path: `${ROOT}/docs/rules/${e.id}.md` }, e.id);
      assert.ok(fs.readFileSync(target.path, 'utf8').includes(`# ${e.id}\n`), e.id);
    }
    // The pages are packaged with the extension.
    assert.ok(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!docs/rules/**'));
  });
  it('to a virtual page for a rule of a user’s file (no page shipped), or when the root is unknown', () => {
    assert.deepStrictEqual(ruleDocTarget('my-team-rule', ROOT, fs.existsSync), { scheme: 'gongwen-rule', path: '/my-team-rule.md' });
    assert.deepStrictEqual(ruleDocTarget('outline-gap', undefined, fs.existsSync), { scheme: 'gongwen-rule', path: '/outline-gap.md' });
    assert.deepStrictEqual(ruleDocTarget('../package', ROOT, () => true), { scheme: 'gongwen-rule', path: '/../package.md' });
    assert.deepStrictEqual(ruleDocTarget('outline-gap', ROOT + '/', (f) => f === `${ROOT}/docs/rules/outline-gap.md`), {
      scheme: 'file',
      path: `${ROOT}/docs/rules/outline-gap.md`,
    });
  });
  it('the hover’s rule id opens the page in the Markdown preview through the declared explain command', () => {
    const [f] = check(DRAFT, { date: '2026-06-01' }).findings.filter((x) => x.ruleId === 'xi-zongshuji');
    const md = findingMarkdown(f, '习总书记', undefined, explainRuleLink(f.ruleId));
    assert.ok(md.includes('[`xi-zongshuji`](command:gongwen.explainRule?%5B%22xi-zongshuji%22%5D "Open the rule page")'), md);
    const args = JSON.parse(decodeURIComponent(explainRuleLink('outline-gap').split('?')[1]));
    assert.deepStrictEqual(args, ['outline-gap']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'gongwen.explainRule'));
  });
});

describe('vscode manifest, l10n and snippets', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  const nlsZh = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
  const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8'));

  it('every %key% of package.json is in package.nls.json and its Chinese version', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10);
    for (const k of keys) {
      assert.ok(k in nls, `package.nls.json lacks ${k}`);
      assert.ok(k in nlsZh, `package.nls.zh-cn.json lacks ${k}`);
    }
    assert.deepStrictEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
  });

  it('every runtime string passed to l10n.t has a Chinese translation', () => {
    const dir = path.join(ROOT, 'src/vscode');
    const used = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/(?:l10n\.t|[^\w.]t)\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1]);
    }
    assert.ok(used.size > 20);
    const missing = [...used].filter((s) => !(s in bundle));
    assert.deepStrictEqual(missing, []);
    for (const [en, zh] of Object.entries(bundle)) {
      const ph = (s: string) => (s.match(/\{\d\}/g) ?? []).sort().join();
      assert.strictEqual(ph(zh as string), ph(en), `placeholders differ in “${en}”`);
    }
  });

  it('contributes settings, the structure view, rule-file validation and restricted settings', () => {
    const c = pkg.contributes;
    for (const k of ['gongwen.severity', 'gongwen.referenceDate', 'gongwen.maxFileSizeKB', 'gongwen.rules.files', 'gongwen.glossary.files'])
      assert.ok(c.configuration.properties[k], k);
    assert.strictEqual(c.views.explorer[0].id, 'gongwen.structure');
    for (const j of c.jsonValidation) assert.ok(fs.existsSync(path.join(ROOT, j.url)), j.url);
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.slice(0, 2), ['gongwen.rules.files', 'gongwen.glossary.files']);
    for (const s of c.snippets) assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
  });

  /** A snippet body with every placeholder replaced by its default text. */
  function expand(body: string[]): string {
    return body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  }

  for (const lang of ['plaintext', 'markdown'] as const) {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, `snippets/${lang}.json`), 'utf8'));
    it(`${lang} speech skeleton: three level-1 sections, announced count matches, no findings`, () => {
      const text = expand(snippets['讲话稿'].body);
      const outline = parseOutline(text);
      assert.deepStrictEqual(outline.roots.filter((n) => n.family === '一、').map((n) => n.marker), ['一、', '二、', '三、']);
      const findings = check(text, { language: lang }).findings;
      assert.deepStrictEqual(findings.map((f) => `${f.ruleId}: ${text.slice(f.start, f.end)}`), []);
      assert.ok(([] as string[]).concat(snippets['讲话稿'].prefix).includes('jianghua'));
    });
    it(`${lang} report skeleton and enumeration blocks check clean`, () => {
      for (const name of ['报告', '一是二是三是', '一要二要三要']) {
        const text = expand(snippets[name].body);
        const findings = check(text, { language: lang }).findings;
        assert.deepStrictEqual(findings.map((f) => `${name} ${f.ruleId}: ${text.slice(f.start, f.end)}`), []);
      }
    });
  }
});
