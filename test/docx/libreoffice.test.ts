/**
 * Word files made and read back by a real Word-compatible application, LibreOffice: text drafts
 * and a formatted flat-ODT draft (fonts, a table, a footnote, a header, a field, tracked changes)
 * become .docx files; the checker reads them; the annotated copies are converted back to .odt and
 * their comments, text and formatting are read from LibreOffice's own content.xml.
 * Skipped, with a message, where LibreOffice is not installed (.ci/run installs it).
 */
import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'parse5';
import { check } from '../../src/core/check';
import { applyFixes } from '../../src/core/fix';
import { annotateDocx } from '../../src/docx/annotate';
import { readDocxText } from '../../src/docx/package';
import { runCli } from '../support/cli';
import { convert, findingPerLine, odtText, rawZipEntries, readOdt, soffice, SOFFICE_MISSING, textToDocx, WORD_FILES, wordFiles, zipEntries, type OdtContent } from '../support/docx';
import { corpusFile, fixture, ROOT } from '../support/data';

const DATE = '2026-06-01';
const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

interface JsonFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  message: string;
  severity: string;
  fix?: string;
}

async function checkJson(...args: string[]): Promise<JsonFinding[]> {
  const r = await runCli(['check', '--format', 'json', '--date', DATE, ...args]);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  return JSON.parse(r.out).map((f: JsonFinding & { file?: string }) => {
    delete f.file;
    return f;
  });
}

describe('docx with LibreOffice: real .docx files', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-docx-lo-'));
  const txt = path.join(dir, 'txt');
  const out = path.join(dir, 'docx');
  const drafts = {
    speech: path.join(ROOT, 'data', 'samples', 'sample-speech.txt'),
    nearMisses: fixture('drafts', 'near-misses.txt'),
    corpus: corpusFile('000_aadf67c685c78a25.txt'),
  };
  const docx: Record<string, string> = {};

  before(function () {
    if (!soffice()) {
      console.log(`      ${SOFFICE_MISSING}`);
      this.skip();
    }
    fs.mkdirSync(txt);
    fs.mkdirSync(out);
    const copies = Object.entries(drafts).map(([k, p]) => {
      const c = path.join(txt, `${k}.txt`);
      fs.copyFileSync(p, c);
      return c;
    });
    textToDocx(copies, out);
    for (const k of Object.keys(drafts)) docx[k] = path.join(out, `${k}.docx`);
    convert([fixture('docx', 'formatted.fodt')], 'docx:MS Word 2007 XML', out);
    docx.formatted = path.join(out, 'formatted.docx');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('reading', () => {
    it('check finds in a .docx exactly what it finds in the text draft it was made from (lines = paragraphs)', async () => {
      for (const k of Object.keys(drafts) as Array<keyof typeof drafts>) {
        const a = await checkJson(drafts[k]);
        const b = await checkJson(docx[k]);
        assert.deepEqual(b, a, k);
        if (k === 'speech') assert.ok(a.length >= 5, 'the sample speech has findings');
      }
    });

    it('reads tables and the accepted tracked changes; footnotes and headers stay out of the body', async () => {
      const text = await readDocxText(fs.readFileSync(docx.formatted));
      assert.equal(
        text,
        [
          '在机关党建工作会议上的讲话',
          '同志们：',
          '一、提高政治站位',
          '要深入学习习总书记重要讲话精神，坚定“四个自信”。',
          '二、加强组织领导',
          '各级党组织要紧密团结在以习近平同志为总书记的党中央周围。',
          '牵头单位：机关党委',
          '任务：贯彻习总书记重要指示',
          '三、狠抓工作落实',
          '本讲话共1页。',
        ].join('\n'),
      );
      const found = await checkJson(docx.formatted);
      const at = found.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
      // the inserted text is checked; the deleted 贯彻习总书记的嘱托, the footnote and the header are not
      assert.deepEqual(at, ['4:6 xi-zongshuji', '6:12 core-not-general-secretary', '8:6 xi-zongshuji']);
    });

    it('a corrupt and an encrypted .docx: exit 2 and one line each naming the file; the other inputs are still checked', async () => {
      const bad = path.join(dir, '损坏.docx');
      const enc = path.join(dir, '加密.docx');
      fs.writeFileSync(bad, fs.readFileSync(docx.speech).subarray(0, 2000));
      fs.writeFileSync(enc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
      const r = await runCli(['check', '--date', DATE, bad, docx.formatted, enc]);
      assert.equal(r.code, 2);
      const errLines = r.err.trim().split('\n');
      assert.deepEqual(
        errLines.filter((l) => l.startsWith('gongwen: ')),
        [`gongwen: ${bad}: 不是有效的 .docx 文件（ZIP 结构损坏）`, `gongwen: ${enc}: 是加密的 Word 文档或旧版 .doc 文件（OLE 复合文件），无法读取；请在 Word 中取消密码保护，或另存为 .docx`],
      );
      assert.ok(!/at .*\.ts:\d+/.test(r.err), 'no stack trace');
      assert.ok(r.out.includes(`${docx.formatted}:6:12 warning core-not-general-secretary`), r.out);
      for (const cmd of [['outline', bad], ['annotate', enc]]) {
        const x = await runCli(cmd);
        assert.equal(x.code, 2, cmd.join(' '));
        assert.equal(x.err.trim().split('\n').length, 1, x.err);
        assert.ok(x.err.includes(cmd[1]), x.err);
      }
    });
  });

  describe('annotate', () => {
    let converted: Record<string, OdtContent>;
    const annotated: Record<string, string> = {};
    const before = new Map<string, string>();

    async function findingTexts(file: string): Promise<string[]> {
      const text = await readDocxText(fs.readFileSync(file));
      return check(text, { date: DATE }).findings.filter((f) => f.severity !== 'hint').map((f) => text.slice(f.start, f.end));
    }

    it('writes draft.批注.docx beside the draft, leaves the draft’s bytes alone, and never overwrites the draft', async () => {
      for (const k of ['speech', 'formatted']) {
        before.set(k, sha(docx[k]));
        const r = await runCli(['annotate', '--date', DATE, docx[k]]);
        assert.ok(r.code === 0 || r.code === 1, r.err);
        annotated[k] = docx[k].replace(/\.docx$/, '.批注.docx');
        assert.ok(fs.existsSync(annotated[k]), r.out + r.err);
        assert.match(r.out, /条批注/);
        assert.equal(sha(docx[k]), before.get(k), `${k}: the draft changed`);
      }
      // a second run does not replace the first copy
      const again = await runCli(['annotate', '--date', DATE, docx.speech]);
      assert.ok(again.out.includes('speech.批注(2).docx'), again.out);
      const self = await runCli(['annotate', '-o', docx.speech, docx.speech]);
      assert.equal(self.code, 2);
      assert.match(self.err, /不能是原文件本身/);
      assert.equal(sha(docx.speech), before.get('speech'));
      assert.deepEqual(fs.readdirSync(out).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    });

    it('LibreOffice reads every comment back, by 公文写作助手, anchored on the finding’s text', async function () {
      if (!Object.keys(annotated).length) this.skip();
      const odt = path.join(dir, 'odt');
      fs.mkdirSync(odt, { recursive: true });
      const files = ['speech', 'formatted'].flatMap((k) => [docx[k], annotated[k]]);
      convert(files, 'odt', odt);
      converted = {};
      for (const f of files) converted[f] = await readOdt(path.join(odt, path.basename(f).replace(/\.docx$/, '.odt')));
      for (const k of ['speech', 'formatted']) {
        const c = converted[annotated[k]];
        const want = await findingTexts(docx[k]);
        assert.ok(want.length >= 2, k);
        assert.equal(c.annotations.length, want.length, `${k}: ${JSON.stringify(c.annotations.map((a) => a.anchored))}`);
        for (const a of c.annotations) {
          assert.equal(a.creator, '公文写作助手');
          assert.match(a.body, /^【(警告|提示|错误)】/);
          assert.match(a.body, /规则：[a-z0-9-]+/);
        }
        assert.deepEqual(c.annotations.map((a) => a.anchored).sort(), want.sort(), k);
        const core = c.annotations.find((a) => a.anchored.includes('以习近平同志为总书记的党中央'));
        if (core) assert.match(core.body, /修改建议：“以习近平同志为总书记的党中央”改为“以习近平同志为核心的党中央”[\s\S]*起始时间：2016-10-27[\s\S]*依据：/);
      }
    });

    it('LibreOffice shows the same text with the same formatting, character by character', function () {
      if (!converted) this.skip();
      for (const k of ['speech', 'formatted']) {
        const a = converted[docx[k]];
        const b = converted[annotated[k]];
        assert.equal(odtText(b), odtText(a), k);
        assert.deepEqual(b.paragraphs, a.paragraphs, `${k}: formatting`);
      }
      // the formatted draft really has several fonts, sizes and bold runs, split where comments start
      const formats = new Set(converted[annotated.formatted].paragraphs.flat().map((c) => c.format));
      assert.ok([...formats].some((f) => f.includes('仿宋_GB2312')) && [...formats].some((f) => f.includes('黑体') && f.includes('bold')), [...formats].join('\n'));
      // and the tracked changes by 张三 are still there
      assert.deepEqual(
        converted[annotated.formatted].changes.filter((c) => c.creator === '张三').map((c) => c.kind),
        converted[docx.formatted].changes.filter((c) => c.creator === '张三').map((c) => c.kind),
      );
    });

    it('--fixes: LibreOffice sees each fix as a tracked change by 公文写作助手, and the text reads as fixed', async () => {
      const target = path.join(dir, 'speech.修订.docx');
      const r = await runCli(['annotate', '--fixes', '--date', DATE, '-o', target, docx.speech]);
      assert.ok(r.code === 0 || r.code === 1, r.err);
      assert.match(r.out, /处修订/);
      const odt = path.join(dir, 'odt-fixes');
      fs.mkdirSync(odt);
      const [o] = convert([target], 'odt', odt);
      const c = await readOdt(o);
      const text = await readDocxText(fs.readFileSync(docx.speech));
      const findings = check(text, { date: DATE }).findings.filter((f) => f.severity !== 'hint');
      const fixes = findings.filter((f) => f.fix).map((f) => f.fix!);
      assert.ok(fixes.length >= 3);
      assert.equal(odtText(c), applyFixes(text, fixes));
      const mine = c.changes.filter((x) => x.creator === '公文写作助手');
      const deleted = mine.filter((x) => x.kind === 'deletion').map((x) => x.text);
      for (const f of fixes) if (f.end > f.start) assert.ok(deleted.includes(text.slice(f.start, f.end)), `deletion of ${text.slice(f.start, f.end)}`);
      assert.equal(mine.filter((x) => x.kind === 'insertion').length, fixes.filter((f) => f.text).length);
    });

    it('files written by Microsoft Word: LibreOffice reads the comments back on their text, the text unchanged', async function () {
      const names = wordFiles().filter((f) => ['comments.docx', 'tables.docx', 'strict-format.docx', 'footnotes.docx', 'simple-list.docx', 'underline.docx'].includes(f));
      if (!names.length) this.skip();
      const wd = path.join(dir, 'word');
      fs.mkdirSync(wd);
      const expect = new Map<string, string[]>();
      const files: string[] = [];
      for (const f of names) {
        const src = fs.readFileSync(path.join(WORD_FILES, f));
        const text = await readDocxText(src);
        const findings = findingPerLine(text);
        expect.set(f, findings.map((x) => text.slice(x.start, x.end)));
        fs.copyFileSync(path.join(WORD_FILES, f), path.join(wd, f));
        const out = path.join(wd, f.replace(/\.docx$/, '.批注.docx'));
        fs.writeFileSync(out, (await annotateDocx(src, () => findings)).bytes);
        files.push(path.join(wd, f), out);
      }
      convert(files, 'odt', wd);
      for (const f of names) {
        const a = await readOdt(path.join(wd, f.replace(/\.docx$/, '.odt')));
        const b = await readOdt(path.join(wd, f.replace(/\.docx$/, '.批注.odt')));
        assert.equal(odtText(b), odtText(a), f);
        assert.deepEqual(b.paragraphs, a.paragraphs, `${f}: formatting`);
        const mine = b.annotations.filter((x) => x.creator === '公文写作助手');
        assert.deepEqual(mine.map((x) => x.anchored).sort(), expect.get(f)!.sort(), f);
        assert.equal(b.annotations.length - mine.length, a.annotations.length, `${f}: Word's own comments kept`);
      }
    });

    it('only the document, comments, relationships and content types parts differ from the draft', async () => {
      const a = await zipEntries(fs.readFileSync(docx.formatted));
      const b = await zipEntries(fs.readFileSync(annotated.formatted ?? docx.formatted));
      const changed = [...b.keys()].filter((k) => !a.get(k)?.equals(b.get(k)!));
      assert.deepEqual(changed.sort(), ['[Content_Types].xml', 'word/_rels/document.xml.rels', 'word/comments.xml', 'word/document.xml'].sort());
      // and those parts were copied as stored (the same compressed bytes), not compressed again
      const ra = rawZipEntries(fs.readFileSync(docx.formatted));
      const rb = rawZipEntries(fs.readFileSync(annotated.formatted ?? docx.formatted));
      for (const [k, v] of ra) {
        if (changed.includes(k)) continue;
        assert.ok(rb.get(k)!.data.equals(v.data) && rb.get(k)!.crc === v.crc && rb.get(k)!.method === v.method, `${k} stored differently`);
      }
    });
  });

  describe('report', () => {
    it('one valid, self-contained HTML page with every finding of every file, .docx and text alike', async () => {
      const html = path.join(dir, '审校报告.html');
      const r = await runCli(['report', '--date', DATE, docx.speech, docx.formatted, drafts.speech, '-o', html]);
      assert.equal(r.code, 1, r.err);
      const page = fs.readFileSync(html, 'utf8');
      const errors: string[] = [];
      const doc = parse(page, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
      assert.deepEqual(errors, []);
      assert.ok(!/<(script|link|img|iframe)\b|@import|url\(|src=/i.test(page), 'no external resources or scripts');
      // walk the parsed tree: the finding items of each file section, and their texts
      type N = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: N[]; value?: string };
      const text = (n: N): string => (n.nodeName === '#text' ? n.value! : (n.childNodes ?? []).map(text).join(''));
      const cls = (n: N) => n.attrs?.find((a) => a.name === 'class')?.value ?? '';
      const all = (n: N, pred: (n: N) => boolean, acc: N[] = []): N[] => {
        if (pred(n)) acc.push(n);
        for (const c of n.childNodes ?? []) all(c, pred, acc);
        return acc;
      };
      const sections = all(doc as unknown as N, (n) => n.nodeName === 'section' && cls(n) === 'file');
      assert.equal(sections.length, 3);
      for (const [i, file] of [docx.speech, docx.formatted, drafts.speech].entries()) {
        const want = await checkJson(file);
        const items = all(sections[i], (n) => n.nodeName === 'li' && cls(n).startsWith('finding'));
        assert.equal(items.length, want.length, file);
        want.forEach((f, j) => {
          const t = text(items[j]);
          assert.ok(t.includes(f.message), `${f.message} not in ${t}`);
          assert.ok(t.includes(file.endsWith('.docx') ? `第 ${f.line} 段第 ${f.column} 字` : `第 ${f.line} 行第 ${f.column} 列`), t);
          if (f.fix) assert.ok(t.includes(`改为“${f.fix}”`) || t.includes(`插入“${f.fix}”`) || f.fix === '', t);
        });
      }
      assert.ok(text(sections[1]).includes('三、狠抓工作落实'), 'outline tree of the .docx');
    });
  });
});
