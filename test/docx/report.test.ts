import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'parse5';
import { check } from '../../src/core/check';
import { buildReport, escapeHtml, escapeMarkdown, renderHtml, renderMarkdown } from '../../src/core/report';
import type { Finding } from '../../src/core/types';
import { runCli } from '../support/cli';
import { ROOT } from '../support/data';
import { docxFromBody, para } from '../support/docx';

const SAMPLE = path.join(ROOT, 'data', 'samples', 'sample-speech.txt');
const DATE = '2026-06-01';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-report-'));

function htmlErrors(page: string): string[] {
  const errors: string[] = [];
  parse(page, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return errors;
}

describe('report: model and renderers', () => {
  const text = fs.readFileSync(SAMPLE, 'utf8');
  const res = check(text, { date: DATE });

  it('counts by severity and category, and lists every finding with its line, context and fix', () => {
    const r = buildReport({ generatedAt: '2026-12-02 09:00', files: [{ file: 'a.txt', text, findings: res.findings, date: res.date, dateSource: 'option' }] });
    const f = r.files[0];
    assert.equal(f.findings.length, res.findings.length);
    for (const s of ['error', 'warning', 'info', 'hint'] as const) assert.equal(f.bySeverity[s], res.findings.filter((x) => x.severity === s).length);
    assert.equal(Object.values(f.byCategory).reduce((a, b) => a + b, 0), res.findings.length);
    const core = f.findings.find((x) => x.ruleId === 'core-not-general-secretary')!;
    assert.equal(core.hit, '以习近平同志为总书记的党中央');
    assert.equal(core.line, 7);
    assert.equal(core.fix, '“以习近平同志为总书记的党中央”改为“以习近平同志为核心的党中央”');
    const line = text.split('\n')[6];
    assert.ok(line.includes(core.before.replace(/^…/, '') + core.hit + core.after.replace(/…$/, '')));
  });

  it('puts each outline problem under the heading it concerns', () => {
    const draft = '同志们：\n一、加强学习\n内容。\n二、改进作风\n（一）转变作风\n（三）狠抓落实\n四、总结\n';
    const r = check(draft, { date: DATE });
    const outline = r.findings.filter((f) => f.category === 'outline');
    assert.ok(outline.length >= 2, JSON.stringify(outline));
    const rep = buildReport({ generatedAt: 'x', files: [{ file: 'd.txt', text: draft, findings: r.findings, date: r.date }] }).files[0];
    const two = rep.outline.roots.find((n) => n.marker === '二、')!;
    const three = two.children.find((n) => n.marker === '（三）')!;
    assert.ok(three.problems.some((p) => /（二）/.test(p.message)), JSON.stringify(three));
    const four = rep.outline.roots.find((n) => n.marker === '四、')!;
    assert.ok(four.problems.some((p) => /三、/.test(p.message)), JSON.stringify(four));
    const attached = (ns: typeof rep.outline.roots): number => ns.reduce((n, x) => n + x.problems.length + attached(x.children), 0);
    assert.equal(attached(rep.outline.roots) + rep.outline.unattached.length, outline.length);
  });

  it('names paragraphs in a Word file through paragraphOfLine', () => {
    const draft = '关于加强\n工作的通知\n落实习总书记的指示，学习习总书记讲话。';
    const findings = check(draft, { date: DATE }).findings;
    const rep = buildReport({ generatedAt: 'x', files: [{ file: 'w.docx', text: draft, findings, date: DATE, kind: 'docx', paragraphOfLine: [1, 1, 2] }] });
    assert.ok(rep.files[0].findings.length >= 1);
    for (const f of rep.files[0].findings) assert.equal(f.line, 2);
    assert.match(renderHtml(rep), /第 2 段第 \d+ 字/);
  });

  it('escapes every text from drafts and data: the page stays valid HTML and nothing becomes markup', () => {
    const evil = '<script>alert(1)</script> & “<b>粗</b>” \'x\' "y"';
    const draft = `${evil}\n要学习习总书记讲话。`;
    const s = draft.indexOf('习总书记');
    const f: Finding = {
      ruleId: 'x"><img src=x>',
      category: 'nonstandard',
      severity: 'warning',
      start: s,
      end: s + 4,
      message: '<i>消息</i>',
      reason: '</dd></dl><h1>原因</h1>',
      source: 'https://example.org/a?b=1&c=<2> 与 "javascript:alert(1)"',
      fix: { start: s, end: s + 4, text: '<u>习近平总书记</u>' },
    };
    const rep = buildReport({ title: '<title>', generatedAt: '<now>', files: [{ file: '<f>.txt', text: draft, findings: [f], date: DATE }], problems: [{ file: '<bad>', message: '<坏>' }] });
    const html = renderHtml(rep);
    assert.deepEqual(htmlErrors(html), []);
    for (const raw of ['<script>', '<b>粗</b>', '<i>消息</i>', '<u>习近平总书记</u>', '</dd></dl><h1>原因</h1>', '"><img src=x>', '<f>', '<bad>', '<坏>', '<now>']) {
      assert.ok(!html.includes(raw), `${raw} left unescaped`);
    }
    assert.ok(html.includes('&lt;i&gt;消息&lt;/i&gt;') && html.includes('&lt;u&gt;习近平总书记&lt;/u&gt;'));
    assert.ok(html.includes('<title>&lt;title&gt;</title>'));
    // the address in the source is a link up to the character that cannot be part of it
    assert.ok(html.includes('<a href="https://example.org/a?b=1&amp;c=" rel="noreferrer">https://example.org/a?b=1&amp;c=</a>&lt;2&gt;'), html);
    assert.ok(!html.includes('href="javascript'), 'only http(s) addresses become links');
    const md = renderMarkdown(rep);
    // outside code spans (whose content CommonMark never reads as markup) every < is escaped
    assert.ok(!/(^|[^\\])<(script|img|i|u|h1)\b/m.test(md.replace(/`[^`\n]*`/g, '')), md);
    assert.ok(md.includes('\\<i\\>消息\\</i\\>'), md);
    assert.equal(escapeMarkdown('a*b_c|d<e>[f]'), 'a\\*b\\_c\\|d\\<e\\>\\[f\\]');
    assert.equal(escapeHtml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  });

  it('is self-contained: no scripts, external styles, fonts or images; prints with @media print', () => {
    const html = renderHtml(buildReport({ generatedAt: 'x', files: [{ file: 'a.txt', text, findings: res.findings, date: DATE }] }));
    assert.ok(!/<(script|link|img|iframe|object)\b|@import|url\(|src=/i.test(html));
    assert.match(html, /@media print/);
    assert.match(html, /<meta charset="utf-8">/);
  });
});

describe('gongwen report and annotate (CLI)', () => {
  it('report: HTML to a file, Markdown by --format or by the .md extension, stdout without -o', async () => {
    const html = path.join(tmp, 'r.html');
    const r = await runCli(['report', '--date', DATE, SAMPLE, '-o', html]);
    assert.equal(r.code, 1);
    assert.match(r.err, /审校报告已写出/);
    const page = fs.readFileSync(html, 'utf8');
    assert.deepEqual(htmlErrors(page), []);
    const want = JSON.parse((await runCli(['check', '--format', 'json', '--date', DATE, SAMPLE])).out);
    assert.equal((page.match(/<li class="finding /g) ?? []).length, want.length);
    for (const f of want) assert.ok(page.includes(escapeHtml(f.message)), f.message);
    const md = path.join(tmp, 'r.md');
    await runCli(['report', '--date', DATE, SAMPLE, '-o', md]);
    assert.match(fs.readFileSync(md, 'utf8'), /^# 审校报告\n/);
    const out = await runCli(['report', '--format', 'md', '--date', DATE, SAMPLE]);
    assert.match(out.out, /### 问题清单/);
    assert.equal((await runCli(['report', '--format', 'pdf', SAMPLE])).code, 2);
    assert.equal((await runCli(['report', SAMPLE, '-o', SAMPLE])).code, 2, 'never overwrites an input');
    // A report run again replaces the earlier report (HTML and Markdown); a file of the user's
    // under that name is left alone, with one line naming it.
    assert.equal((await runCli(['report', '--date', DATE, SAMPLE, '-o', html])).code, 1);
    assert.equal((await runCli(['report', '--date', DATE, SAMPLE, '-o', md])).code, 1);
    const notes = path.join(tmp, 'notes.html');
    fs.writeFileSync(notes, '<p>我的笔记</p>');
    const refused = await runCli(['report', '--date', DATE, SAMPLE, '-o', notes]);
    assert.equal(refused.code, 2);
    assert.match(refused.err.trim(), /^gongwen: 拒绝覆盖 .*notes\.html/);
    assert.equal(fs.readFileSync(notes, 'utf8'), '<p>我的笔记</p>');
  });

  it('report: an unreadable input is listed in the report and gives exit 2, the others are reported', async () => {
    const bad = path.join(tmp, 'bad.docx');
    fs.writeFileSync(bad, 'not a zip');
    const html = path.join(tmp, 'r2.html');
    const r = await runCli(['report', '--date', DATE, SAMPLE, bad, '-o', html]);
    assert.equal(r.code, 2);
    assert.equal(r.err.split('\n').filter((l) => l.startsWith('gongwen: ')).length, 1);
    const page = fs.readFileSync(html, 'utf8');
    assert.ok(page.includes('无法读取的文件') && page.includes('bad.docx') && page.includes('sample-speech.txt'));
  });

  it('annotate: refuses a text draft, -o with several drafts, and a bad --min-severity; honours --min-severity', async () => {
    assert.equal((await runCli(['annotate', SAMPLE])).code, 2);
    assert.equal((await runCli(['annotate', '-o', 'x.docx', 'a.docx', 'b.docx'])).code, 2);
    assert.equal((await runCli(['annotate', '--min-severity', 'loud', 'a.docx'])).code, 2);
    const draft = path.join(tmp, '稿子.docx');
    fs.writeFileSync(draft, await docxFromBody(para(['各级党组织要紧密团结在以习近平同志为总书记的党中央周围，学习习总书记讲话。'])));
    const all = await runCli(['annotate', '--date', DATE, draft]);
    assert.match(all.out, /稿子\.批注\.docx：2 条批注/);
    const warnOnly = await runCli(['annotate', '--date', DATE, '--min-severity', 'warning', '-o', path.join(tmp, 'w.docx'), draft]);
    assert.match(warnOnly.out, /w\.docx：1 条批注（1 个警告）/);
    assert.equal(warnOnly.code, 1);
    // -o naming a file that already exists (the user's, or an earlier copy): left alone, exit 2, one line naming it.
    const mine = path.join(tmp, '我的文件.docx');
    fs.writeFileSync(mine, 'not ours');
    const refused = await runCli(['annotate', '--date', DATE, '-o', mine, draft]);
    assert.equal(refused.code, 2);
    assert.match(refused.err.trim(), /^gongwen: .*稿子\.docx: 拒绝覆盖 .*我的文件\.docx/);
    assert.equal(fs.readFileSync(mine, 'utf8'), 'not ours');
  });
});

describe('check and outline on .docx (CLI)', () => {
  it('a folder: .docx files are checked with the text drafts; Word lock files (~$…) are skipped', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'folder-'));
    fs.writeFileSync(path.join(dir, '讲话.docx'), await docxFromBody(para(['同志们：']) + para(['要学习贯彻习总书记重要讲话精神。'])));
    fs.writeFileSync(path.join(dir, '~$讲话.docx'), Buffer.from([0x05, 0x00, 0x41, 0x00])); // what Word leaves beside an open file
    fs.writeFileSync(path.join(dir, '通知.txt'), '各单位：\n请认真学习习总书记讲话。\n');
    const r = await runCli(['check', '--format', 'json', '--date', DATE, dir]);
    assert.equal(r.err.includes('~$'), false, r.err);
    const found = JSON.parse(r.out) as Array<{ file: string; line: number; ruleId: string }>;
    const where = found.filter((f) => f.ruleId === 'xi-zongshuji').map((f) => `${path.basename(f.file)}:${f.line}`);
    assert.deepEqual(where.sort(), ['讲话.docx:2', '通知.txt:2']);
    assert.match(r.err, /检查了 2 个文件/);
  });

  it('outline prints the tree of a .docx, paragraphs as lines', async () => {
    const f = path.join(tmp, '提纲.docx');
    fs.writeFileSync(f, await docxFromBody(para(['同志们：']) + para(['一、提高政治站位']) + para(['（一）加强学习']) + para(['（二）改进作风']) + para(['二、狠抓落实'])));
    const r = await runCli(['outline', f]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /一、提高政治站位 {2}（第 2 行）\s+\[2 项\]/);
    assert.match(r.out, /（二）改进作风 {2}（第 4 行）/);
    assert.match(r.out, /二、狠抓落实 {2}（第 5 行）/);
  });
});
