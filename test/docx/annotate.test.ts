import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { applyFixes } from '../../src/core/fix';
import type { Finding } from '../../src/core/types';
import { annotateDocx, AUTHOR, commentRange, COMMENTS_CT, COMMENTS_REL, COMMENTS_REL_STRICT } from '../../src/docx/annotate';
import { bodyText, openDocx, readDocxText } from '../../src/docx/package';
import { childElements, serializeXml } from '../../src/docx/xml';
import { docxFromBody, finding, findingPerLine, para, rawZipEntries, W, WORD_FILES, wordFiles, zipEntries } from '../support/docx';

const FONTS = [
  '',
  '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>',
  '<w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/>',
  '<w:rFonts w:eastAsia="楷体_GB2312"/><w:i/><w:color w:val="FF0000"/><w:sz w:val="30"/>',
];

/** Text of the document with each comment's range marked ⟦id … id⟧ (markers made into runs). */
async function markedText(bytes: Uint8Array): Promise<string> {
  const entries = await zipEntries(bytes);
  let xml = entries.get('word/document.xml')!.toString('utf8');
  xml = xml
    .replace(/<w:commentRangeStart w:id="(\d+)"\/>/g, '<w:r><w:t>⟦$1 </w:t></w:r>')
    .replace(/<w:commentRangeEnd w:id="(\d+)"\/>/g, '<w:r><w:t> $1⟧</w:t></w:r>');
  return readDocxText(await docxFromBody('', { 'word/document.xml': xml }));
}

/** For each comment id, the text between its markers (markers of other comments removed). */
function anchors(marked: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /⟦(\d+) /g;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    const end = marked.indexOf(` ${m[1]}⟧`, m.index);
    out.set(m[1], marked.slice(m.index + m[0].length, end).replace(/⟦\d+ | \d+⟧/g, ''));
  }
  return out;
}

/** The run properties of each character of the body text, serialized. */
async function formatOfChars(bytes: Uint8Array): Promise<string[]> {
  const pkg = await openDocx(bytes);
  const out: string[] = [];
  for (const s of bodyText(pkg).segments) {
    const rPr = childElements(s.run).find((c) => c.localName === 'rPr');
    const f = rPr ? serializeXml(rPr as never).replace(/ xmlns:w="[^"]*"/g, '') : '';
    for (let i = 0; i < s.length; i++) out.push(f);
  }
  return out;
}

/** The document as it reads when every tracked change is rejected. */
async function rejectedText(bytes: Uint8Array): Promise<string> {
  const entries = await zipEntries(bytes);
  const xml = entries
    .get('word/document.xml')!
    .toString('utf8')
    .replace(/<w:ins [^>]*>[\s\S]*?<\/w:ins>/g, '')
    .replace(/<w:del [^>]*>([\s\S]*?)<\/w:del>/g, '$1')
    .replace(/<w:delText/g, '<w:t')
    .replace(/<\/w:delText>/g, '</w:t>');
  return readDocxText(await docxFromBody('', { 'word/document.xml': xml }));
}

const NOW = new Date('2026-12-02T08:00:00Z');

describe('docx annotate: comments', () => {
  const body = para(['同志们：', FONTS[1]]) + para(['要深入学习', FONTS[1]], ['习总书记', FONTS[2]], ['重要讲话精神，坚定“四个自信”。', FONTS[1]]);

  it('anchors one comment per finding on its exact text, split runs keeping their formatting', async () => {
    const src = await docxFromBody(body);
    const text = await readDocxText(src);
    const s = text.indexOf('习总书记');
    const wide = text.indexOf('学习习总书记重要'); // crosses two run boundaries inside runs
    const r = await annotateDocx(src, () => [finding(s, s + 4, '习近平总书记'), finding(wide, wide + 8)], { now: NOW });
    assert.equal(r.comments, 2);
    assert.equal(await readDocxText(r.bytes), text, 'visible text unchanged');
    assert.deepEqual(await formatOfChars(r.bytes), await formatOfChars(src), 'each character keeps its run properties');
    const a = [...anchors(await markedText(r.bytes)).values()];
    assert.deepEqual(a.sort(), ['习总书记', '学习习总书记重要'].sort());
  });

  it('writes the comments part with author, date, message, fix, reason, since and source', async () => {
    const src = await docxFromBody(body);
    const text = await readDocxText(src);
    const s = text.indexOf('习总书记');
    const f = finding(s, s + 4, '习近平总书记', {
      message: '“习总书记”不规范，应为“习近平总书记”',
      reason: '口语化简称 <不宜> & 正式文稿应写全称',
      since: '2012-11-15',
      source: 'https://www.gov.cn/example?a=1&b=2',
    });
    const r = await annotateDocx(src, () => [f], { now: NOW });
    const entries = await zipEntries(r.bytes);
    const comments = entries.get('word/comments.xml')!.toString('utf8');
    assert.match(comments, new RegExp(`<w:comment w:id="\\d+" w:author="${AUTHOR}" w:date="2026-12-02T08:00:00Z" w:initials="公文">`));
    for (const part of ['【警告】“习总书记”不规范，应为“习近平总书记”', '修改建议：“习总书记”改为“习近平总书记”', '原因：口语化简称 &lt;不宜&gt; &amp; 正式文稿应写全称', '起始时间：2012-11-15', '依据：https://www.gov.cn/example?a=1&amp;b=2', '规则：test-rule（不规范表述）']) {
      assert.ok(comments.includes(part), `${part} missing in ${comments}`);
    }
    const rels = entries.get('word/_rels/document.xml.rels')!.toString('utf8');
    assert.ok(rels.includes(`Type="${COMMENTS_REL}" Target="comments.xml"`), rels);
    assert.ok(entries.get('[Content_Types].xml')!.toString('utf8').includes(`PartName="/word/comments.xml" ContentType="${COMMENTS_CT}"`));
    // the reference run follows the range end
    assert.match(entries.get('word/document.xml')!.toString('utf8'), /<w:commentRangeEnd w:id="(\d+)"\/><w:r><w:commentReference w:id="\1"\/><\/w:r>/);
  });

  it('leaves every other part byte-for-byte as it was, and the input buffer untouched', async () => {
    const src = await docxFromBody(body, { 'word/media/image1.png': '\u0089PNG-bytes', 'docProps/core.xml': '<cp:coreProperties xmlns:cp="x"/>' });
    const copy = Buffer.from(src);
    const text = await readDocxText(src);
    const r = await annotateDocx(src, () => [finding(text.indexOf('习'), text.indexOf('习') + 1)]);
    assert.ok(src.equals(copy));
    const before = await zipEntries(src);
    const after = await zipEntries(r.bytes);
    const changed = ['word/document.xml', 'word/comments.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml'];
    assert.deepEqual([...after.keys()].sort(), [...new Set([...before.keys(), 'word/comments.xml'])].sort());
    for (const [name, data] of before) if (!changed.includes(name)) assert.ok(data.equals(after.get(name)!), `${name} changed`);
    const rawBefore = rawZipEntries(src);
    const rawAfter = rawZipEntries(r.bytes);
    for (const [name, v] of rawBefore) if (!changed.includes(name)) assert.ok(rawAfter.get(name)!.data.equals(v.data), `${name} compressed again`);
  });

  it('a draft with nothing to report: the copy holds every part with its bytes unchanged', async () => {
    const src = await docxFromBody(para(['同志们：', FONTS[1]]) + '<w:p><w:pPr><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>无问题。</w:t></w:r></w:p>');
    const r = await annotateDocx(src, () => []);
    assert.equal(r.comments, 0);
    const a = await zipEntries(src);
    const b = await zipEntries(r.bytes);
    assert.deepEqual([...b.keys()], [...a.keys()]);
    for (const [k, v] of a) assert.ok(v.equals(b.get(k)!), k);
  });

  it('adds to a comments part that exists, with ids after the ones in use', async () => {
    const existing = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}"><w:comment w:id="7" w:author="王处长" w:date="2026-11-30T00:00:00Z"><w:p><w:r><w:t>请再斟酌</w:t></w:r></w:p></w:comment></w:comments>`;
    const withComment = '<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>同志们：</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>' + para(['学习习总书记讲话']);
    const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${COMMENTS_REL}" Target="comments.xml"/></Relationships>`;
    const src = await docxFromBody(withComment, { 'word/comments.xml': existing, 'word/_rels/document.xml.rels': rels });
    const text = await readDocxText(src);
    const r = await annotateDocx(src, () => [finding(text.indexOf('习总书记'), text.indexOf('习总书记') + 4)]);
    const after = await zipEntries(r.bytes);
    const comments = after.get('word/comments.xml')!.toString('utf8');
    assert.ok(comments.includes('王处长') && comments.includes('请再斟酌'));
    assert.match(comments, /w:id="8" w:author="公文写作助手"/);
    assert.equal(after.get('word/_rels/document.xml.rels')!.toString('utf8'), rels, 'relationships untouched');
    const a = anchors(await markedText(r.bytes));
    assert.equal(a.get('7'), '同志们：');
    assert.equal(a.get('8'), '习总书记');
  });

  it('anchors a comment on text shown by a field around the whole field, and never edits inside it', async () => {
    const r = (x: string) => `<w:r>${x}</w:r>`;
    const body2 =
      '<w:p>' + r('<w:t>日期：</w:t>') + r('<w:fldChar w:fldCharType="begin"/>') + r('<w:instrText> DATE </w:instrText>') + r('<w:fldChar w:fldCharType="separate"/>') + r('<w:t>26年12月2日</w:t>') + r('<w:fldChar w:fldCharType="end"/>') + r('<w:t>。</w:t>') + '</w:p>';
    const src = await docxFromBody(body2);
    const text = await readDocxText(src);
    assert.equal(text, '日期：26年12月2日。');
    const res = await annotateDocx(src, () => [finding(3, 9, '2026年12月')], { fixes: true });
    assert.equal(res.comments, 1);
    assert.equal(res.changes, 0, 'no tracked change inside a field result');
    const xml = (await zipEntries(res.bytes)).get('word/document.xml')!.toString('utf8');
    // the range starts before the field's begin run and ends after its end run
    assert.match(xml, /<w:commentRangeStart w:id="\d+"\/><w:r><w:fldChar w:fldCharType="begin"\/><\/w:r>/);
    assert.match(xml, /<w:r><w:fldChar w:fldCharType="end"\/><\/w:r><w:commentRangeEnd/);
  });

  it('anchors an empty finding (a missing character) on the character next to it', async () => {
    const src = await docxFromBody(para(['一是加强学习，二是改进作风，三注重实效。']));
    const text = await readDocxText(src);
    const at = text.indexOf('三') + 1;
    const r = await annotateDocx(src, () => [{ ...finding(at, at), fix: { start: at, end: at, text: '是' } }], { fixes: true });
    assert.deepEqual([...anchors(await markedText(r.bytes)).values()], ['三是'], 'the comment covers the character before and the insertion');
    assert.equal(await readDocxText(r.bytes), applyFixes(text, [{ start: at, end: at, text: '是' }]));
    assert.equal(await rejectedText(r.bytes), text);
  });
});

describe('docx annotate: fixes as tracked changes', () => {
  it('deletes the old text and inserts the fix, with author and date, keeping the formatting', async () => {
    const src = await docxFromBody(para(['要深入学习', FONTS[1]], ['习总书记', FONTS[2]], ['重要讲话精神', FONTS[1]]));
    const text = await readDocxText(src);
    const s = text.indexOf('习总书记');
    const r = await annotateDocx(src, () => [finding(s, s + 4, '习近平总书记')], { fixes: true, now: NOW });
    assert.equal(r.changes, 1);
    const xml = (await zipEntries(r.bytes)).get('word/document.xml')!.toString('utf8');
    const del = /<w:del w:id="\d+" w:author="公文写作助手" w:date="2026-12-02T08:00:00Z"><w:r><w:rPr>(.*?)<\/w:rPr><w:delText[^>]*>习总书记<\/w:delText><\/w:r><\/w:del>/.exec(xml);
    assert.ok(del, xml);
    const ins = /<w:ins w:id="\d+" w:author="公文写作助手" w:date="2026-12-02T08:00:00Z"><w:r><w:rPr>(.*?)<\/w:rPr><w:t xml:space="preserve">习近平总书记<\/w:t><\/w:r><\/w:ins>/.exec(xml);
    assert.ok(ins, xml);
    assert.equal(ins[1], del[1], 'the inserted run has the replaced run’s formatting');
    assert.ok(del[1].includes('黑体'));
    assert.equal(await readDocxText(r.bytes), '要深入学习习近平总书记重要讲话精神', 'accepted');
    assert.equal(await rejectedText(r.bytes), text, 'rejected');
  });

  it('writes no change where it could do harm: across paragraphs, over a footnote reference, overlapping another fix', async () => {
    const body = para(['第一段末尾']) + para(['第二段开头']) + '<w:p><w:r><w:t>脚注</w:t><w:footnoteReference w:id="1"/><w:t>之后</w:t></w:r></w:p>';
    const src = await docxFromBody(body);
    const text = await readDocxText(src);
    const cross = finding(text.indexOf('末尾'), text.indexOf('开头'), 'X');
    const note = finding(text.indexOf('脚注'), text.indexOf('之后') + 1, 'Y');
    const a = finding(1, 3, 'A');
    const b = finding(2, 4, 'B');
    const r = await annotateDocx(src, () => [cross, note, a, b], { fixes: true });
    assert.equal(r.comments, 4);
    assert.equal(r.changes, 1);
    assert.equal(r.changesSkipped, 3);
    assert.equal(await readDocxText(r.bytes), applyFixes(text, [a.fix!]));
    assert.ok((await zipEntries(r.bytes)).get('word/document.xml')!.toString('utf8').includes('<w:footnoteReference w:id="1"/>'));
  });

  it('property: comments never change the text or its formatting, each anchors on its range, and fixes read as applyFixes when accepted and as the original when rejected', async () => {
    const alphabet = '习总书记学习贯彻，。要坚定“四个自信”';
    const run = fc.record({
      text: fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
      format: fc.integer({ min: 0, max: FONTS.length - 1 }),
    });
    const paragraphs = fc.array(fc.array(run, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(paragraphs, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(fc.constantFrom('', '习近平', '“四个意识”'))), { maxLength: 6 }), async (ps, raw) => {
        const body = ps.map((runs) => para(...runs.map((r) => [r.text, FONTS[r.format]] as [string, string]))).join('');
        const src = await docxFromBody(body);
        const text = await readDocxText(src);
        // comment ranges anywhere (they may cross paragraphs); fixes within a paragraph, not overlapping
        const findings: Finding[] = [];
        const fixes: Array<{ start: number; end: number; text: string }> = [];
        let until = 0;
        for (const [x, y, fix] of raw) {
          const s = x % text.length;
          const e = s + 1 + (y % Math.max(1, text.length - s));
          const lineEnd = text.indexOf('\n', s) < 0 ? text.length : text.indexOf('\n', s);
          if (fix !== null && s >= until && e <= lineEnd) {
            findings.push(finding(s, e, fix));
            fixes.push({ start: s, end: e, text: fix });
            until = e;
          } else findings.push(finding(s, Math.min(e, text.length)));
        }
        const plain = await annotateDocx(src, () => findings);
        assert.equal(await readDocxText(plain.bytes), text);
        assert.deepEqual(await formatOfChars(plain.bytes), await formatOfChars(src));
        const a = anchors(await markedText(plain.bytes));
        assert.equal(a.size, findings.length);
        // a paragraph break at either end of a range is not text a comment can hold; a range of
        // nothing but a paragraph break anchors on the character next to it
        const expected = findings.map((f) => {
          const inner = text.slice(f.start, f.end).replace(/^\n+|\n+$/g, '');
          const [s, e] = commentRange({ ...f, end: f.start }, text);
          return inner || text.slice(s, e);
        });
        assert.deepEqual([...a.values()].sort(), expected.sort());

        const fixed = await annotateDocx(src, () => findings, { fixes: true });
        assert.equal(fixed.changes, fixes.length);
        assert.equal(await readDocxText(fixed.bytes), applyFixes(text, fixes));
        assert.equal(await rejectedText(fixed.bytes), text);
      }),
      { numRuns: 40 },
    );
  });
});


describe('docx annotate: files written by Microsoft Word', () => {
  const files = wordFiles();
  before(function () {
    if (!files.length) {
      console.log(`      ${WORD_FILES} is missing (mammoth's test data): Word-made files not tested`);
      this.skip();
    }
  });

  it('reads them: body text in order, strict OOXML, a part with a byte order mark; text boxes left out', async () => {
    const text = async (f: string) => readDocxText(fs.readFileSync(path.join(WORD_FILES, f)));
    assert.equal(await text('single-paragraph.docx'), 'Walking on imported air');
    assert.equal(await text('tables.docx'), 'Above\nTop left\nTop right\nBottom left\nBottom right\nBelow');
    assert.equal(await text('simple-list.docx'), 'Apple\nBanana');
    assert.equal(await text('strict-format.docx'), 'Test');
    assert.equal(await text('utf8-bom.docx'), 'This XML has a byte order mark.');
    assert.equal(await text('footnotes.docx'), 'Ouch.', 'the footnote is not in the body');
    assert.equal(await text('text-box.docx'), '');
  });

  it('annotates each (with tracked changes): text and formatting kept until the changes are accepted, other parts byte-for-byte, Word’s own comments kept', async () => {
    for (const f of files) {
      const src = fs.readFileSync(path.join(WORD_FILES, f));
      const text = await readDocxText(src);
      const findings = findingPerLine(text);
      const plain = await annotateDocx(src, () => findings);
      assert.equal(plain.comments, findings.length, f);
      assert.equal(await readDocxText(plain.bytes), text, f);
      assert.deepEqual(await formatOfChars(plain.bytes), await formatOfChars(src), f);
      const fixed = await annotateDocx(src, () => findings, { fixes: true });
      assert.equal(await readDocxText(fixed.bytes), applyFixes(text, findings.map((x) => x.fix!)), f);
      assert.equal(await rejectedText(fixed.bytes), text, f);
      const a = await zipEntries(src);
      const b = await zipEntries(fixed.bytes);
      const same = [...a.keys()].filter((k) => a.get(k)!.equals(b.get(k) ?? Buffer.alloc(0)));
      const changed = [...a.keys()].filter((k) => !same.includes(k));
      assert.ok(changed.every((k) => /^(word\/document\.xml|word\/comments\.xml|word\/_rels\/document\.xml\.rels|\[Content_Types\]\.xml)$/.test(k)), `${f}: ${changed}`);
    }
    const withComments = fs.readFileSync(path.join(WORD_FILES, 'comments.docx'));
    const before = (await zipEntries(withComments)).get('word/comments.xml')!.toString('utf8');
    const r = await annotateDocx(withComments, findingPerLine);
    const after = (await zipEntries(r.bytes)).get('word/comments.xml')!.toString('utf8');
    assert.equal((after.match(/<w:comment /g) ?? []).length, (before.match(/<w:comment /g) ?? []).length + 1);
    const strict = await annotateDocx(fs.readFileSync(path.join(WORD_FILES, 'strict-format.docx')), findingPerLine);
    assert.ok((await zipEntries(strict.bytes)).get('word/_rels/document.xml.rels')!.toString('utf8').includes(COMMENTS_REL_STRICT), 'a strict document gets the strict relationship type');
  });
});
