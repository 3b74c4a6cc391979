import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AhoCorasick } from '../../src/core/ahocorasick';
import { foldCode } from '../../src/core/context';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { MARK_CHARS, MARK_TABLE, requireMarks, TextDoc, normalizeInput } from '../../src/core/text';
import { corpusFile, ROOT } from '../support/data';

/** Where the units of MARK_CHARS stand, the slow and obvious way. */
function naiveMarks(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (MARK_CHARS.includes(s[i])) out.push(i);
  return out;
}

describe('text model', () => {
  it('maps offsets to 1-based line/column across LF, CRLF and CR', () => {
    const d = new TextDoc('一、总体要求\r\n（一）提高站位\n1.学懂\r弄通');
    assert.equal(d.lineCount, 4);
    assert.deepEqual(d.positionAt(0), { line: 1, column: 1 });
    assert.deepEqual(d.positionAt(d.text.indexOf('（一）')), { line: 2, column: 1 });
    assert.deepEqual(d.positionAt(d.text.indexOf('弄通')), { line: 4, column: 1 });
    assert.equal(d.lineText(0), '一、总体要求');
    assert.equal(d.lineText(2), '1.学懂');
    assert.equal(d.offsetAt({ line: 2, column: 4 }), d.text.indexOf('提高'));
  });
  it('counts columns in UTF-16 units (a supplementary character is two)', () => {
    const d = new TextDoc('𠀀习总书记');
    assert.deepEqual(d.positionAt(2), { line: 1, column: 3 });
  });
  it('drops a leading BOM', () => {
    assert.equal(normalizeInput('\ufeff同志们：'), '同志们：');
    assert.equal(normalizeInput('同志们：'), '同志们：');
  });
  describe('marks', () => {
    const corpus = fs
      .readdirSync(path.join(ROOT, 'data', 'corpus'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => fs.readFileSync(corpusFile(f), 'utf8'))
      .join('\n');
    const texts = [corpus, '', '。', '“”（）《》、，。\r\n'.repeat(40), 'abc,def;\n'.repeat(300), '习近平\ud800总书记：“两个维护”！'];
    it('lists every punctuation mark and line break of the text, in order (seed corpus and edge cases)', () => {
      for (const t of texts) assert.deepEqual(Array.from(new TextDoc(t).marks), naiveMarks(t));
      assert.ok(new TextDoc(corpus).marks.length > 1000);
    });
    it('the automaton collects the same marks in its pass, on either of its paths', () => {
      const ds = loadBuiltinDataset();
      const edges = new AhoCorasick(ds.literals, foldCode, { marks: MARK_TABLE, maxTableCells: 0 });
      for (const t of texts) {
        const codes = new TextDoc(t).codes;
        const full = ds.matcher.scan(codes);
        assert.deepEqual(Array.from(full.marks), naiveMarks(t));
        const viaEdges = edges.scan(codes);
        assert.deepEqual(Array.from(viaEdges.marks), naiveMarks(t));
        assert.deepEqual(viaEdges.hits.toArray(), full.hits.toArray());
      }
    });
    it('a rule that needs a unit the marks do not list is refused when its module loads', () => {
      assert.doesNotThrow(() => requireMarks('。，“”'));
      assert.throws(() => requireMarks('。的'), /not a mark of TextDoc.marks: "的"/);
    });
  });
});
