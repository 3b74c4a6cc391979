import { strict as assert } from 'assert';
import { TextDoc, normalizeInput } from '../../src/core/text';

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
});
