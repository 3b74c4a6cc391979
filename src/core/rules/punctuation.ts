/**
 * Punctuation in Chinese prose (GB/T 15834-2011):
 *   punct-ascii            ASCII , ; : ( ) ! ? next to Chinese text → full-width
 *   punct-ascii-quote      straight " quotes in Chinese prose → “ ”
 *   punct-unbalanced       “ ” （ ） 《 》 that do not pair up within a paragraph
 *   punct-dunhao-quoted    a 顿号 between adjacent quoted items or titles: “四个意识”、“四个自信”.
 *                          Off by default: GB/T 15834-2011 4.5.3.5 says such items "usually" take
 *                          no 顿号, which permits omitting it without forbidding it, and central
 *                          documents (congress and government work reports) commonly keep it, so
 *                          the note would fire on almost every official report. A user who wants
 *                          the house style of no 顿号 turns it on: { "punct-dunhao-quoted": "hint" }.
 * Tests: test/core/punctuation.test.ts.
 */
import { isCjkChar, isCjkCode } from '../context';
import type { FindingSink } from '../findings';
import { growInt32, requireMarks } from '../text';
import type { RuleContext } from './context';
import { kindOf, type RuleMeta } from './meta';

const SOURCE = 'GB/T 15834-2011《标点符号用法》';

export const punctAscii: RuleMeta = {
  id: 'punct-ascii',
  category: 'punctuation',
  severity: 'warning',
  description: '中文行文中的半角标点（, ; : ( ) ! ?）',
  tags: ['标点'],
  details:
    '紧挨汉字的半角逗号、分号、冒号、括号、叹号、问号提示改为全角。数字中的逗号和冒号（1,000、10:30）、英文语句中的标点不提示；' +
    '行首半角括号的提纲序号（如“(一)”）由 outline-format 报告，这里不重复。',
  source: SOURCE,
};
export const punctUnbalanced: RuleMeta = {
  id: 'punct-unbalanced',
  category: 'punctuation',
  severity: 'warning',
  description: '引号、括号、书名号不成对',
  tags: ['标点'],
  details:
    '同一段落中“ ”（ ）《 》应成对出现；缺左半或右半时提示。跨段引文按惯例每段开头用左引号、只在最后一段末尾用右引号，这种写法不提示。',
  source: SOURCE,
};
export const punctAsciiQuote: RuleMeta = {
  id: 'punct-ascii-quote',
  category: 'punctuation',
  severity: 'info',
  description: '中文行文中的直引号 "',
  tags: ['标点'],
  details: '中文段落中的直引号提示改为弯引号“”；同一段中直引号成对时按先左后右给出修改，不成对时只提示不改。',
  source: SOURCE,
};
export const punctDunhaoQuoted: RuleMeta = {
  id: 'punct-dunhao-quoted',
  category: 'punctuation',
  severity: 'hint',
  defaultOff: true,
  description: '并列的引号或书名号之间的顿号',
  tags: ['标点'],
  details:
    '标有引号或书名号的并列成分之间通常不加顿号，如“四个意识”“四个自信”、《条例》《准则》；只在右引号（右书名号）与下一个左引号（左书名号）紧挨时提示。' +
    '引号后面还有其他成分的（增强“四个意识”、坚定“四个自信”），顿号照用，不提示。' +
    '\n\n**默认关闭。** GB/T 15834-2011 第4.5.3.5条说这类顿号“通常不用”，是允许省略而非禁止使用；党代会报告、政府工作报告等中央文件普遍保留顿号，' +
    '默认提示会在几乎每份正式文件上出现。需要时在设置中为本规则指定级别即可开启，如 `{ "punct-dunhao-quoted": "hint" }`（按类别设置不会开启它）。',
  source: SOURCE,
};

/** The punctuation rules, in the order they are listed. */
export const PUNCTUATION_RULES: readonly RuleMeta[] = [punctAscii, punctUnbalanced, punctAsciiQuote, punctDunhaoQuoted];

const ASCII = kindOf(punctAscii, {
  reason: '中文文稿中的标点符号应使用全角形式；半角标点多为从网页或英文输入法带入。',
  source: SOURCE,
  confidence: 'high',
});
const UNBALANCED = kindOf(punctUnbalanced, { reason: '引号、括号、书名号应成对使用，缺一半往往是漏打或删改时遗留。', source: SOURCE, confidence: 'high' });
const ASCII_QUOTE = kindOf(punctAsciiQuote, { reason: '中文引号为全角弯引号，前后成对。', source: SOURCE, confidence: 'high' });
const ASCII_QUOTE_MESSAGE = `中文行文中应使用弯引号“”，而不是直引号 "`;
const DUNHAO = kindOf(punctDunhaoQuoted, {
  reason:
    'GB/T 15834-2011 第4.5.3.5条：标有引号或书名号的并列成分之间“通常不用顿号”，如“四个意识”“四个自信”；若引号或书名号后还有其他成分（如括注），宜用顿号。这是允许省略而非禁止使用，党代会报告、政府工作报告等中央文件普遍保留顿号，因此本提示默认关闭，需要时在设置中开启。',
  source: `${SOURCE} 4.5.3.5`,
  confidence: 'medium',
});
const DUNHAO_MESSAGE = '并列的引号或书名号之间一般不用顿号';
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '!': '！', '?': '？' };
const NAME: Record<string, string> = { ',': '逗号', ';': '分号', ':': '冒号', '(': '括号', ')': '括号', '!': '叹号', '?': '问号' };
/** One message string per mark, built once (a scraped text can hold thousands of these). */
const ASCII_MESSAGE: Record<string, string> = Object.fromEntries(
  Object.keys(FULL).map((ch) => [ch, `中文行文中应使用全角${NAME[ch]}“${FULL[ch]}”，而不是半角“${ch}”`]),
);

/** The char code before `i`, skipping up to two spaces (NaN at the text start). */
function prevNonSpace(text: string, i: number): number {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) if (text.charCodeAt(j) !== 32) return text.charCodeAt(j);
  return NaN;
}
function nextNonSpace(text: string, i: number): number {
  for (let j = i + 1; j < text.length && j <= i + 3; j++) if (text.charCodeAt(j) !== 32) return text.charCodeAt(j);
  return NaN;
}
const isDigit = (c: number) => c >= 48 && c <= 57;

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

/** What the scan does with a char code (one table lookup per character; 0: nothing). */
const CLASS = new Uint8Array(65536);
const C_BREAK = 1;
const C_ASCII_MARK = 2; // , ; : ( ) ! ? — ASCII marks with full-width counterparts in Chinese prose
const C_STRAIGHT_QUOTE = 3;
const C_OPEN = 4; // “ （ 《
const C_CLOSE = 5; // ” ） 》
const C_DUNHAO = 6;
CLASS[10] = CLASS[13] = C_BREAK;
for (const ch of ',;:()!?') CLASS[ch.charCodeAt(0)] = C_ASCII_MARK;
CLASS[34] = C_STRAIGHT_QUOTE;
for (const ch of '“（《') CLASS[ch.charCodeAt(0)] = C_OPEN;
for (const ch of '”）》') CLASS[ch.charCodeAt(0)] = C_CLOSE;
CLASS[0x3001] = C_DUNHAO;
requireMarks('\n\r,;:()!?"“（《”）》、');

/** An ASCII mark at `i`: a finding when it stands in Chinese prose. */
function asciiMark(text: string, i: number, out: FindingSink): void {
  const code = text.charCodeAt(i);
  const paren = code === 40 || code === 41;
  const p = prevNonSpace(text, i);
  if (!isCjkCode(p) && !(paren && isCjkCode(nextNonSpace(text, i)))) return;
  if ((code === 44 || code === 58) && isDigit(p) && isDigit(nextNonSpace(text, i))) return;
  if (paren && isOutlineParen(text, i)) return;
  const ch = text[i];
  out.add(ASCII, i, i + 1, ASCII_MESSAGE[ch], { start: i, end: i + 1, text: FULL[ch] });
}

const PAIRS = [
  { open: 0x201c, close: 0x201d, name: '引号' }, // “ ”
  { open: 0xff08, close: 0xff09, name: '括号' }, // （ ）
  { open: 0x300a, close: 0x300b, name: '书名号' }, // 《 》
].map((p) => ({ ...p, unopened: `左${p.name}缺少配对的右${p.name}`, unclosed: `多余的右${p.name}：前面没有与之配对的左${p.name}` }));


/**
 * Per pair (“” （） 《》): the positions of the opens not yet closed. Typed stacks with a depth:
 * an array emptied by its last pop drops its storage, and the next push (the next paragraph's
 * quotation) makes it again, an allocation per quotation in a run that is not optimized.
 */
class OpenStacks {
  readonly depth = new Int32Array(3);
  readonly at: Int32Array[] = [new Int32Array(16), new Int32Array(16), new Int32Array(16)];

  push(k: number, i: number): void {
    if (this.depth[k] === this.at[k].length) this.at[k] = growInt32(this.at[k]);
    this.at[k][this.depth[k]++] = i;
  }
}

/** Settles the paragraph [s, e): its straight quotes and unpaired marks. Empties the buffers. */
function endParagraph(text: string, s: number, e: number, quotes: number[], stacks: OpenStacks, out: FindingSink): void {
  const n = text.length;
  if (quotes.length) {
    straightQuotes(text, quotes, out);
    quotes.length = 0;
  }
  for (let k = 0; k < 3; k++) {
    const depth = stacks.depth[k];
    if (depth === 0) continue;
    const stack = stacks.at[k];
    const { unopened } = PAIRS[k];
    for (let d = 0; d < depth; d++) {
      const i = stack[d];
      // A quotation running over several paragraphs opens each one and closes only the last.
      if (k === 0 && i === s) {
        let j = e;
        while (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
        if (j < n && text.charCodeAt(j) === 0x201c) continue;
      }
      out.add(UNBALANCED, i, i + 1, unopened);
    }
    stacks.depth[k] = 0;
  }
}

/**
 * All the rules in one walk over the text's marks (every unit `CLASS` knows is one). Paragraph-
 * scoped rules (straight quotes, pairs) are settled at each line break; a paragraph is a run of
 * text between line breaks.
 */
function scan(text: string, codes: Uint16Array, marks: Int32Array, out: FindingSink): void {
  const n = codes.length;
  const quotes: number[] = [];
  const stacks = new OpenStacks();
  let paraStart = 0;
  for (let k = 0, nm = marks.length; k < nm; k++) {
    const i = marks[k];
    const c = codes[i];
    const cls = CLASS[c];
    if (cls === 0) continue;
    switch (cls) {
      case C_BREAK:
        if (i > paraStart) endParagraph(text, paraStart, i, quotes, stacks, out);
        paraStart = i + 1;
        break;
      case C_ASCII_MARK:
        asciiMark(text, i, out);
        break;
      case C_STRAIGHT_QUOTE:
        quotes.push(i);
        break;
      case C_OPEN:
        stacks.push(c === 0x201c ? 0 : c === 0xff08 ? 1 : 2, i);
        break;
      case C_CLOSE: {
        const k = c === 0x201d ? 0 : c === 0xff09 ? 1 : 2;
        if (stacks.depth[k] > 0) stacks.depth[k]--;
        else out.add(UNBALANCED, i, i + 1, PAIRS[k].unclosed);
        break;
      }
      case C_DUNHAO: {
        // 、 between ” or 》 and “ or 《
        const p = text.charCodeAt(i - 1);
        const q = text.charCodeAt(i + 1);
        if ((p === 0x201d || p === 0x300b) && (q === 0x201c || q === 0x300a)) out.add(DUNHAO, i, i + 1, DUNHAO_MESSAGE, { start: i, end: i + 1, text: '' });
        break;
      }
    }
  }
  if (n > paraStart) endParagraph(text, paraStart, n, quotes, stacks, out);
}

/** Straight " quotes of one paragraph (their offsets), when the paragraph is Chinese prose. */
function straightQuotes(text: string, idx: number[], out: FindingSink): void {
  const chinese = idx.some((i) => isCjkChar(text[i - 1]) || isCjkChar(text[i + 1]));
  if (!chinese) return;
  const paired = idx.length % 2 === 0;
  idx.forEach((i, k) => {
    const q = k % 2 === 0 ? '“' : '”';
    out.add(ASCII_QUOTE, i, i + 1, ASCII_QUOTE_MESSAGE, paired ? { start: i, end: i + 1, text: q } : undefined);
  });
}

export function checkPunctuation(ctx: RuleContext, out: FindingSink): void {
  scan(ctx.text, ctx.doc.codes, ctx.doc.marks, out);
}
