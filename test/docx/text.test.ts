import { strict as assert } from 'assert';
import JSZip from 'jszip';
import { DocxError, openDocx, readDocx, readDocxText } from '../../src/docx/package';
import { docxFromBody, para } from '../support/docx';

const FS = '<w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>';

async function textOf(body: string, prefix?: string): Promise<string> {
  return readDocxText(await docxFromBody(body, {}, prefix));
}

async function refused(bytes: Uint8Array): Promise<string> {
  try {
    await openDocx(bytes);
  } catch (e) {
    assert.ok(e instanceof DocxError, `not a DocxError: ${e}`);
    assert.ok(!e.message.includes('\n'));
    return e.message;
  }
  throw new Error('accepted');
}

describe('docx: body text', () => {
  it('gives one line per paragraph, runs joined, tabs kept', async () => {
    const t = await textOf(para(['同志们：']) + para(['要深入', FS], ['学习', '<w:b/>'], ['贯彻']) + '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p>');
    assert.equal(t, '同志们：\n要深入学习贯彻\n甲\t乙');
  });

  it('reads table cells (and nested tables) in order, each paragraph a line', async () => {
    const cell = (x: string) => `<w:tc><w:tcPr/>${x}</w:tc>`;
    const inner = `<w:tbl><w:tr>${cell(para(['内表']))}</w:tr></w:tbl>`;
    const body = para(['表前']) + `<w:tbl><w:tblPr/><w:tr>${cell(para(['一格']) + para(['一格第二段']))}${cell(para(['二格']) + inner + '<w:p/>')}</w:tr></w:tbl>` + para(['表后']);
    assert.equal(await textOf(body), '表前\n一格\n一格第二段\n二格\n内表\n\n表后');
  });

  it('shows tracked changes as accepted: deletions out, insertions and moves in', async () => {
    const body =
      '<w:p><w:r><w:t>前文</w:t></w:r><w:del w:id="1" w:author="甲" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>习总书记</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="甲" w:date="2026-01-01T00:00:00Z"><w:r><w:t>习近平总书记</w:t></w:r></w:ins>' +
      '<w:moveFrom w:id="3" w:author="甲"><w:r><w:t>旧处</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="甲"><w:r><w:t>新处</w:t></w:r></w:moveTo></w:p>';
    assert.equal(await textOf(body), '前文习近平总书记新处');
  });

  it('joins a paragraph whose mark was deleted with the next one', async () => {
    const body =
      '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="甲" w:date="2026-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>上半句</w:t></w:r></w:p>' + para(['下半句。']) + para(['另一段']);
    const d = await readDocx(await docxFromBody(body));
    assert.equal(d.text, '上半句下半句。\n另一段');
    assert.deepEqual(d.paragraphOfLine, [1, 3]);
  });

  it('reads a field as its result, never its instruction (complex, nested, simple)', async () => {
    const r = (x: string) => `<w:r>${x}</w:r>`;
    const body =
      '<w:p>' +
      r('<w:t>第</w:t>') +
      r('<w:fldChar w:fldCharType="begin"/>') +
      r('<w:instrText xml:space="preserve"> PAGE </w:instrText>') +
      r('<w:fldChar w:fldCharType="separate"/>') +
      r('<w:t>3</w:t>') +
      r('<w:fldChar w:fldCharType="end"/>') +
      r('<w:t>页；</w:t>') +
      // IF field whose instruction holds a nested field: only the outer result shows
      r('<w:fldChar w:fldCharType="begin"/>') +
      r('<w:instrText> IF </w:instrText>') +
      r('<w:fldChar w:fldCharType="begin"/>') +
      r('<w:instrText> DATE </w:instrText>') +
      r('<w:fldChar w:fldCharType="separate"/>') +
      r('<w:t>隐藏</w:t>') +
      r('<w:fldChar w:fldCharType="end"/>') +
      r('<w:instrText> = 1 "真" </w:instrText>') +
      r('<w:fldChar w:fldCharType="separate"/>') +
      r('<w:t>结果</w:t>') +
      r('<w:fldChar w:fldCharType="end"/>') +
      '<w:fldSimple w:instr=" AUTHOR "><w:r><w:t>；作者</w:t></w:r></w:fldSimple>' +
      '</w:p>' +
      para(['下一段']);
    assert.equal(await textOf(body), '第3页；结果；作者\n下一段');
  });

  it('leaves out footnote references, drawings, text boxes and alternate content; reads hyperlinks and content controls', async () => {
    const body =
      '<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>' +
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>' +
      '<w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink>' +
      '<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt></w:p>' +
      '<w:sdt><w:sdtPr/><w:sdtContent>' + para(['块级控件']) + '</w:sdtContent></w:sdt>';
    assert.equal(await textOf(body), '正文链接控件\n块级控件');
  });

  it('makes a manual line break a new line (paragraphOfLine keeps the paragraph) and drops page breaks', async () => {
    const body = '<w:p><w:r><w:t>关于加强</w:t><w:br/><w:t>工作的通知</w:t><w:br w:type="page"/></w:r></w:p>' + para(['正文']);
    const d = await readDocx(await docxFromBody(body));
    assert.equal(d.text, '关于加强\n工作的通知\n正文');
    assert.deepEqual(d.paragraphOfLine, [1, 1, 2]);
  });

  it('leaves out text formatted as hidden (w:vanish), but not text whose vanish is switched off', async () => {
    const body = para(['看得见'], ['隐藏的习总书记', '<w:vanish/>'], ['也看得见', '<w:vanish w:val="0"/>']);
    assert.equal(await textOf(body), '看得见也看得见');
  });

  it('reads a document written with another namespace prefix the same', async () => {
    const body = '<x:p><x:r><x:t>前缀不同</x:t></x:r></x:p><x:p><x:r><x:t>也能读</x:t></x:r></x:p>';
    assert.equal(await textOf(body, 'x'), '前缀不同\n也能读');
  });

  it('does not read headers, footers, footnotes or comments into the body', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const bytes = await docxFromBody(para(['正文一段']), {
      'word/footnotes.xml': `<w:footnotes xmlns:w="${W}"><w:footnote w:id="1"><w:p><w:r><w:t>脚注习总书记</w:t></w:r></w:p></w:footnote></w:footnotes>`,
      'word/header1.xml': `<w:hdr xmlns:w="${W}"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>`,
    });
    assert.equal(await readDocxText(bytes), '正文一段');
  });
});

describe('docx: unreadable files', () => {
  it('refuses an encrypted file or a legacy .doc (OLE compound file) with its own message', async () => {
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    assert.match(await refused(cfb), /加密|\.doc/);
  });
  it('refuses a file that is not a ZIP, a truncated ZIP, and a ZIP without a Word body', async () => {
    assert.match(await refused(Buffer.from('同志们：这是一个改了扩展名的文本文件。')), /不是 ZIP/);
    const good = await docxFromBody(para(['正文']));
    assert.match(await refused(good.subarray(0, Math.floor(good.length / 2))), /ZIP 结构损坏/);
    const zip = new JSZip();
    zip.file('hello.txt', 'x');
    assert.match(await refused(await zip.generateAsync({ type: 'nodebuffer' })), /找不到正文部分 word\/document\.xml/);
  });
  it('refuses malformed XML in the document part (never repairs it silently)', async () => {
    const bytes = await docxFromBody('', { 'word/document.xml': '<w:document xmlns:w="x"><w:body><w:p></w:body></w:document>' });
    assert.match(await refused(bytes), /word\/document\.xml 不是合法的 XML/);
  });
  it('refuses a ZIP entry whose data does not match its checksum', async () => {
    const good = await docxFromBody(para(['正文正文正文正文正文正文']), {}, 'w');
    const zip = await JSZip.loadAsync(good);
    // store the document uncompressed so that one byte of its text can be flipped in place
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml, { compression: 'STORE' });
    const stored = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
    const at = stored.indexOf(Buffer.from('正文正文'));
    assert.ok(at > 0);
    stored[at + 1] ^= 0x01;
    assert.match(await refused(stored), /损坏|无法解压/);
  });
});
