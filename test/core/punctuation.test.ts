import { strict as assert } from 'assert';
import * as fs from 'fs';
import { check } from '../../src/core/check';
import { applyFixes } from '../../src/core/fix';
import { corpusFile, engineDataset } from '../support/data';

const ds = engineDataset();
const punct = (t: string) => check(t, { dataset: ds, date: '2026-01-01', kinds: ['punctuation'] }).findings;

describe('punctuation', () => {
  it('turns ASCII , ; : ( ) next to Chinese into full-width, leaving numbers and English alone', () => {
    const t = '坚持围绕中心,服务大局;做到三点:一(be)二。共1,000人,时间10:30。Use a, b; c: d (e).';
    const f = punct(t);
    assert.equal(applyFixes(t, f.map((x) => x.fix!)), '坚持围绕中心，服务大局；做到三点：一（be）二。共1,000人，时间10:30。Use a, b; c: d (e).');
  });
  it('leaves half-width outline markers (一) to the outline check', () => {
    assert.deepEqual(punct('(一)提高政治站位').map((f) => f.ruleId), []);
  });
  it('flags unbalanced quotes, brackets and titles, but not a quotation running over paragraphs', () => {
    assert.deepEqual(punct('健全“大调研、大宣传机制。').map((f) => f.ruleId), ['punct-unbalanced']);
    assert.deepEqual(punct('学习《条例》》。').map((f) => f.ruleId), ['punct-unbalanced']);
    assert.deepEqual(punct('“第一段引文，\n“第二段引文。”'), []);
    assert.deepEqual(punct('增强“四个意识”（政治意识等）。'), []);
  });
  it('removes a 顿号 between adjacent quoted items but keeps it between verb phrases (when switched on)', () => {
    const t = '“四个意识”、“四个自信”和《条例》、《准则》。增强“四个意识”、坚定“四个自信”。';
    // Off by default: central documents keep the 顿号 (GB/T 15834-2011 4.5.3.5 only says "usually").
    assert.deepEqual(punct(t), []);
    assert.deepEqual(check(t, { dataset: ds, date: '2026-01-01', kinds: ['punctuation'], severity: { punctuation: 'info' } }).findings, []);
    const f = check(t, { dataset: ds, date: '2026-01-01', kinds: ['punctuation'], severity: { 'punct-dunhao-quoted': 'hint' } }).findings;
    assert.equal(f.length, 2);
    assert.ok(f.every((x) => x.severity === 'hint' && x.ruleId === 'punct-dunhao-quoted'));
    assert.equal(applyFixes(t, f.map((x) => x.fix!)), '“四个意识”“四个自信”和《条例》《准则》。增强“四个意识”、坚定“四个自信”。');
  });
  it('converts straight quotes in Chinese prose to curly ones in pairs', () => {
    const t = '健全完善"大调研"机制。';
    assert.equal(applyFixes(t, punct(t).map((x) => x.fix!)), '健全完善“大调研”机制。');
  });
  it('finds the scraped report’s ASCII commas and its unbalanced quote (seed 003)', () => {
    const text = fs.readFileSync(corpusFile('003_e202da5d409c69b3.txt'), 'utf8');
    const f = punct(text);
    assert.ok(f.filter((x) => x.ruleId === 'punct-ascii' && text[x.start] === ',').length > 50);
    const unb = f.filter((x) => x.ruleId === 'punct-unbalanced');
    assert.ok(unb.some((x) => text.slice(x.start, x.start + 6) === '“大调研、大'), 'the unclosed “大调研 quote');
  });
  it('is silent on the well-punctuated seed speech 004', () => {
    const text = fs.readFileSync(corpusFile('004_85827a7d0dd7b7d7.txt'), 'utf8');
    assert.deepEqual(punct(text).filter((f) => f.ruleId === 'punct-ascii').map((f) => text.slice(f.start - 5, f.end + 5)), []);
  });
});
