/**
 * Punctuation in Chinese prose (GB/T 15834-2011):
 *   punct-ascii            ASCII , ; : ( ) ! ? next to Chinese text → full-width
 *   punct-ascii-quote      straight " quotes in Chinese prose → “ ”
 *   punct-unbalanced       “ ” （ ） 《 》 that do not pair up within a paragraph
 *   punct-dunhao-quoted    a 顿号 between adjacent quoted items or titles: “四个意识”、“四个自信”
 * Tests: test/core/punctuation.test.ts.
 */
import { isCjkChar } from '../context';
import type { Finding } from '../types';
import type { RuleContext } from './context';

const SOURCE = 'GB/T 15834-2011《标点符号用法》';
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '!': '！', '?': '？' };
const NAME: Record<string, string> = { ',': '逗号', ';': '分号', ':': '冒号', '(': '括号', ')': '括号', '!': '叹号', '?': '问号' };

function prevNonSpace(text: string, i: number): string | undefined {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) if (text[j] !== ' ') return text[j];
  return undefined;
}
function nextNonSpace(text: string, i: number): string | undefined {
  for (let j = i + 1; j < text.length && j <= i + 3; j++) if (text[j] !== ' ') return text[j];
  return undefined;
}
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** A half-width outline marker such as (一) or (1) at a line start: the outline check owns it. */
function isOutlineParen(text: string, i: number): boolean {
  const open = text[i] === '(' ? i : text.lastIndexOf('(', i);
  if (open < 0 || i - open > 4) return false;
  const close = text.indexOf(')', open);
  if (close < 0 || close - open > 4) return false;
  if (!/^\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\)$/.test(text.slice(open, close + 1))) return false;
  const before = open === 0 ? '\n' : text[open - 1];
  return before === '\n' || before === '\r' || before === '。' || before === ' ' || before === '　';
}

/** , ; : ( ) ! ? — the ASCII marks that have full-width counterparts in Chinese prose. */
function isAsciiMark(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 33 || c === 63;
}

function asciiPunct(text: string, out: Finding[]): void {
  for (let i = 0; i < text.length; i++) {
    if (!isAsciiMark(text.charCodeAt(i))) continue;
    const ch = text[i];
    const full = FULL[ch];
    const p = prevNonSpace(text, i);
    const n = nextNonSpace(text, i);
    const cjkAround = ch === '(' ? isCjkChar(p) || isCjkChar(n) : ch === ')' ? isCjkChar(p) || isCjkChar(n) : isCjkChar(p);
    if (!cjkAround) continue;
    if ((ch === ',' || ch === ':') && isDigit(p) && isDigit(n)) continue;
    if ((ch === '(' || ch === ')') && isOutlineParen(text, i)) continue;
    out.push({
      ruleId: 'punct-ascii',
      category: 'punctuation',
      severity: 'warning',
      start: i,
      end: i + 1,
      message: `中文行文中应使用全角${NAME[ch]}“${full}”，而不是半角“${ch}”`,
      fix: { start: i, end: i + 1, text: full },
      reason: '中文文稿中的标点符号应使用全角形式；半角标点多为从网页或英文输入法带入。',
      source: SOURCE,
      confidence: 'high',
    });
  }
}

function paragraphs(text: string): Array<[number, number]> {
  const r: Array<[number, number]> = [];
  const re = /[^\r\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) r.push([m.index, m.index + m[0].length]);
  return r;
}

function straightQuotes(text: string, paras: Array<[number, number]>, out: Finding[]): void {
  for (const [s, e] of paras) {
    const idx: number[] = [];
    for (let i = s; i < e; i++) if (text[i] === '"') idx.push(i);
    if (!idx.length) continue;
    const chinese = idx.some((i) => isCjkChar(text[i - 1]) || isCjkChar(text[i + 1]));
    if (!chinese) continue;
    const paired = idx.length % 2 === 0;
    idx.forEach((i, k) => {
      const q = k % 2 === 0 ? '“' : '”';
      out.push({
        ruleId: 'punct-ascii-quote',
        category: 'punctuation',
        severity: 'info',
        start: i,
        end: i + 1,
        message: `中文行文中应使用弯引号“”，而不是直引号 "`,
        fix: paired ? { start: i, end: i + 1, text: q } : undefined,
        reason: '中文引号为全角弯引号，前后成对。',
        source: SOURCE,
        confidence: 'high',
      });
    });
  }
}

const PAIRS: Array<[string, string, string]> = [
  ['“', '”', '引号'],
  ['（', '）', '括号'],
  ['《', '》', '书名号'],
];

function unbalanced(text: string, paras: Array<[number, number]>, out: Finding[]): void {
  paras.forEach(([s, e], pi) => {
    for (const [open, close, name] of PAIRS) {
      const stack: number[] = [];
      const bad: Array<[number, string]> = [];
      for (let i = s; i < e; i++) {
        const c = text[i];
        if (c === open) {
          // “ nested inside “…” is a typing slip only for books and brackets; quotes alternate ‘’
          stack.push(i);
        } else if (c === close) {
          if (stack.length) stack.pop();
          else bad.push([i, `多余的右${name}：前面没有与之配对的左${name}`]);
        }
      }
      for (const i of stack) {
        // A quotation running over several paragraphs opens each one and closes only the last.
        if (open === '“' && i === s) {
          const next = paras[pi + 1];
          if (next && text[next[0]] === '“') continue;
        }
        bad.push([i, `左${name}缺少配对的右${name}`]);
      }
      for (const [i, message] of bad) {
        out.push({
          ruleId: 'punct-unbalanced',
          category: 'punctuation',
          severity: 'warning',
          start: i,
          end: i + 1,
          message,
          reason: '引号、括号、书名号应成对使用，缺一半往往是漏打或删改时遗留。',
          source: SOURCE,
          confidence: 'high',
        });
      }
    }
  });
}

function dunhaoBetweenQuoted(text: string, out: Finding[]): void {
  const re = /[”》]、[“《]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const i = m.index + 1;
    out.push({
      ruleId: 'punct-dunhao-quoted',
      category: 'punctuation',
      severity: 'info',
      start: i,
      end: i + 1,
      message: '并列的引号或书名号之间一般不用顿号',
      fix: { start: i, end: i + 1, text: '' },
      reason: '标有引号或书名号的并列成分之间通常不加顿号，如“四个意识”“四个自信”；若引号后还有其他成分则仍用顿号。',
      source: SOURCE,
      confidence: 'medium',
    });
    re.lastIndex = i;
  }
}

export function checkPunctuation(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const paras = paragraphs(ctx.text);
  asciiPunct(ctx.text, out);
  straightQuotes(ctx.text, paras, out);
  unbalanced(ctx.text, paras, out);
  dunhaoBetweenQuoted(ctx.text, out);
  return out;
}
