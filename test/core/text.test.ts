import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AhoCorasick, ScanBuffers } from '../../src/core/ahocorasick';
import { CheckBuffers } from '../../src/core/check-buffers';
import { foldCode, sentenceAroundMarks } from '../../src/core/context';
import fc from 'fast-check';
import { check } from '../../src/core/check';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { MARK_CHARS, MARK_TABLE, requireMarks, TextDoc, normalizeInput } from '../../src/core/text';
import { corpusFile, ROOT } from '../support/data';

const corpus = fs
  .readdirSync(path.join(ROOT, 'data', 'corpus'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => fs.readFileSync(corpusFile(f), 'utf8'))
  .join('\n');

/** Where the units of MARK_CHARS stand, the slow and obvious way. */
function naiveMarks(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (MARK_CHARS.includes(s[i])) out.push(i);
  return out;
}

describe('text model', () => {
  it('gives the line of any offset, asked in any order (property check against a count of line starts)', () => {
    let seed = 11;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * n);
    for (let round = 0; round < 40; round++) {
      const text = Array.from({ length: rnd(60) }, () => ['a', '中', '\n', '\r\n', '\r'][rnd(5)]).join('');
      const doc = new TextDoc(text);
      const want = (o: number) => Math.max(0, doc.lineStarts.filter((s) => s <= o).length - 1);
      const offsets = Array.from({ length: 50 }, () => rnd(text.length + 3) - 1);
      if (round % 2) offsets.sort((a, b) => a - b); // in text order, as findings are asked
      for (const o of offsets) assert.equal(doc.lineIndexAt(o), want(o), `${JSON.stringify(text)} @${o}`);
    }
  });
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
  describe('buffers lent for one check', () => {
    it('a scan into kept buffers gives the same hits and marks as one into its own, and the next scan reuses them', () => {
      const ds = loadBuiltinDataset();
      const a = new TextDoc('落实习总书记的嘱托，坚决做到“两个维护”。\n一、总体要求');
      const b = new TextDoc('以习近平同志为总书记的党中央，新时期。');
      const own = ds.matcher.scan(a.codes);
      const buffers = new ScanBuffers();
      const kept = ds.matcher.scan(a.codes, buffers);
      assert.deepEqual(kept.hits.toArray(), own.hits.toArray());
      assert.deepEqual(Array.from(kept.marks), Array.from(own.marks));
      assert.ok(own.hits.count > 0);
      const before = own.hits.toArray();
      const next = ds.matcher.scan(b.codes, buffers);
      // The scan's own buffers are the caller's; the kept ones now hold the later scan's results.
      assert.deepEqual(own.hits.toArray(), before);
      assert.equal(next.hits.pattern.buffer, kept.hits.pattern.buffer);
      assert.deepEqual(next.hits.toArray(), ds.matcher.scan(b.codes).hits.toArray());
    });
    it('the buffers of a check are lent once at a time; the text model forgets lent units when the loan ends', () => {
      const kept = new CheckBuffers();
      const first = kept.lend();
      assert.equal(first, kept);
      const inner = kept.lend(); // a check inside a check
      assert.notEqual(inner, kept);
      const a = new TextDoc('一、总体要求\n（一）提高站位。');
      a.lendCodes(first.units(a.text));
      const b = new TextDoc('二、主要任务\n落实，“两个维护”。');
      b.lendCodes(inner.units(b.text));
      assert.notEqual(a.codes.buffer, b.codes.buffer);
      assert.deepEqual(Array.from(a.codes), Array.from(a.text, (_, i) => a.text.charCodeAt(i)));
      assert.deepEqual(Array.from(b.codes), Array.from(b.text, (_, i) => b.text.charCodeAt(i)));
      const lent = a.codes.buffer;
      a.endLoan();
      first.release();
      // After the check, the units and marks are made afresh, never read from the kept buffer.
      const again = kept.lend();
      assert.equal(again, kept, 'the kept buffers are lent again');
      const c = new TextDoc('三、保障措施。');
      c.lendCodes(again.units(c.text));
      assert.equal(c.codes.buffer, lent);
      assert.notEqual(a.codes.buffer, lent);
      assert.deepEqual(Array.from(a.codes), Array.from(a.text, (_, i) => a.text.charCodeAt(i)));
      assert.deepEqual(Array.from(a.marks), naiveMarks(a.text));
      assert.throws(() => c.lendCodes(new Uint16Array(2)), /another text/);
      c.endLoan();
      again.release();
    });
    it('a sink that grew past 65 536 findings is not kept; a released sink starts empty', () => {
      const kept = new CheckBuffers().lend();
      const sink = kept.sink;
      const kind = { ruleId: 'x', category: 'outline', severity: 'info' } as const;
      for (let i = 0; i < 70000; i++) sink.add(kind, i, i + 1, 'm');
      kept.release();
      const next = kept.lend().sink;
      assert.notEqual(next, sink);
      assert.ok(next.capacity < 70000);
      next.add(kind, 0, 1, 'm');
      kept.release();
      assert.equal(kept.lend().sink, next, 'the new one is kept');
      assert.equal(next.count, 0);
      kept.release();
    });
    it('checks in a row give what a fresh process gives (the lent buffers leave no trace)', () => {
      const texts = [corpus.slice(0, 5000), '一、\n二、\n四、总体要求,好。', corpus.slice(5000, 20000), '没有问题的一句话。'];
      const once = texts.map((t) => JSON.stringify(check(t, { date: '2026-06-01' }).findings));
      const again = texts.map((t) => JSON.stringify(check(t, { date: '2026-06-01' }).findings));
      assert.deepEqual(again, once);
      const reversed = [...texts].reverse().map((t) => JSON.stringify(check(t, { date: '2026-06-01' }).findings));
      assert.deepEqual(reversed.reverse(), once);
    });
  });
});

describe('sentenceAroundMarks', () => {
  // The reference: the walk over every unit that the marks replace.
  const isEnd = (c: number) => '。！？；!?;\n\r'.includes(String.fromCharCode(c));
  function walk(text: string, at: number, atEnd: number, max: number): [number, number] {
    let s = at;
    while (s > Math.max(0, at - max) && !isEnd(text.charCodeAt(s - 1))) s--;
    let e = atEnd;
    while (e < Math.min(text.length, atEnd + max) && !isEnd(text.charCodeAt(e))) e++;
    if (e < text.length && isEnd(text.charCodeAt(e)) && text[e] !== '\n' && text[e] !== '\r') e++;
    return [s, e];
  }

  it('gives the bounds of the walk over every unit, on a seed speech', () => {
    const doc = new TextDoc(fs.readFileSync(corpusFile('001_adaabb19d8d79920.txt'), 'utf8'));
    for (let at = 0; at < doc.text.length; at += 7) {
      const atEnd = Math.min(doc.text.length, at + (at % 11));
      for (const max of [300, 20]) assert.deepEqual(sentenceAroundMarks(doc.text, doc.marks, at, atEnd, max), walk(doc.text, at, atEnd, max), `${at}-${atEnd} max ${max}`);
    }
  });

  it('gives the bounds of the walk, on any text and span (property)', () => {
    const unit = fc.constantFrom(...'。！？；!?;\n\r，,、：“”（）要的党建设a 1'.split(''));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 30 }), (units, a, b, max) => {
        const text = units.join('');
        const at = text.length ? a % (text.length + 1) : 0;
        const atEnd = Math.min(text.length, at + (b % 6));
        const doc = new TextDoc(text);
        assert.deepEqual(sentenceAroundMarks(text, doc.marks, at, atEnd, max), walk(text, at, atEnd, max));
      }),
      { numRuns: 2000 },
    );
  });
});
