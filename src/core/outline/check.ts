/**
 * Outline checks: numbering of headings (一、（一）1.（1）) and enumerations (一是、一要、第一、首先).
 * One function per rule; `checkOutline` runs them all. Every rule works on "runs": groups of
 * siblings numbered together (see `startsRun`).
 *
 * Severity: 'warning' for definite defects (a gap, a duplicate, a lost 是, a wrong marker form);
 * 'info' where the outline may have been misread (a run that does not start at 1, a one-item
 * enumeration, which is also what a half-written draft looks like).
 */
import { collectFindings, MessageMemo, type FindingKind, type FindingSink } from '../findings';
import type { Finding } from '../types';
import { Family, formatMarker, isHeadingFamily, toChineseNumeral } from '../markers';
import { Outline, OutlineNode, parseOutline } from './parse';
import type { TextDoc } from '../text';

export interface OutlineRuleInfo {
  id: string;
  /** One-line description (Chinese). */
  description: string;
  /** Example of text that triggers the rule → what is suggested. */
  example: string;
}

export const OUTLINE_RULES: readonly OutlineRuleInfo[] = [
  { id: 'outline-gap', description: '编号跳号，或一组编号不从“一”开始', example: '一、……三、 → 缺少“二、”' },
  { id: 'outline-duplicate', description: '同一组中编号重复', example: '二、……二、 → “二、”重复' },
  { id: 'outline-order', description: '编号顺序颠倒', example: '一、……三、……二、 → “二、”在“三、”之后' },
  { id: 'outline-level-skip', description: '结构层次跳级（应依次为一、（一）1.（1））', example: '一、……1. → 缺少“（一）”一级' },
  { id: 'outline-mixed', description: '同一组列举混用不同格式', example: '一是……二要…… → 宜统一为“二是”' },
  { id: 'outline-single', description: '列举或层次只有一项', example: '一是……（无“二是”）' },
  { id: 'outline-malformed', description: '列举项丢了“是/要”', example: '一是……二是……三注重 → 三是注重' },
  { id: 'outline-count', description: '预告的项数与实际项数不符', example: '讲三点意见：一、二、三、四、 → 实为四点' },
  { id: 'outline-format', description: '序号写法不符合 GB/T 9704—2012', example: '1、→1.　（一）、→（一）　(一)→（一）　一.→一、' },
];

const SOURCE = 'GB/T 9704—2012《党政机关公文格式》7.3.3';

/** Context shared by the rules. */
export interface OutlineContext {
  text: string;
  outline: Outline;
  /** Every sibling group split into runs, in document order. */
  runs: OutlineNode[][];
  /** The parent of each run's items (undefined for roots), by run index. */
  runParent: Array<OutlineNode | undefined>;
  /** All nodes in document order. */
  nodes: OutlineNode[];
  /** The messages of this check, each built once (see `MessageMemo`). */
  memo: MessageMemo;
}

function isEnd(n: OutlineNode): boolean {
  return n.family === '首先' && n.marker === '最后';
}

/**
 * Whether `n` starts a new run after its sibling `prev`: at an item numbered 1, where the family
 * changes (headings), or where an enumeration of another family does not continue the numbering.
 */
function startsRun(prev: OutlineNode, n: OutlineNode): boolean {
  if (n.ordinal === 1) return true;
  const hp = isHeadingFamily(prev.family);
  const hn = isHeadingFamily(n.family);
  if (hp !== hn) return true;
  if ((prev.family === '附件') !== (n.family === '附件')) return true;
  return n.family !== prev.family && (hn || n.ordinal !== prev.ordinal + 1);
}

/** The end (exclusive) of the run that starts at `list[k]`. */
function runEnd(list: OutlineNode[], k: number): number {
  let j = k + 1;
  while (j < list.length && !startsRun(list[j - 1], list[j])) j++;
  return j;
}

export function buildContext(text: string, outline: Outline): OutlineContext {
  const runs: OutlineNode[][] = [];
  const runParent: Array<OutlineNode | undefined> = [];
  const nodes: OutlineNode[] = [];
  // One walk in document order (preorder), without recursion: a run is listed when its first
  // item is reached, so the runs come sorted by their first marker. Each run is one exact-size
  // array (a check of a large text makes thousands; growable arrays would be mostly slack).
  type Frame = { list: OutlineNode[]; parent: OutlineNode | undefined; k: number; runEnd: number };
  const stack: Frame[] = [{ list: outline.roots, parent: undefined, k: 0, runEnd: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.k >= f.list.length) {
      stack.pop();
      continue;
    }
    const k = f.k++;
    const n = f.list[k];
    if (k === f.runEnd) {
      f.runEnd = runEnd(f.list, k);
      runs.push(f.list.slice(k, f.runEnd));
      runParent.push(f.parent);
    }
    nodes.push(n);
    if (n.children.length) stack.push({ list: n.children, parent: n, k: 0, runEnd: 0 });
  }
  return { text, outline, runs, runParent, nodes, memo: new MessageMemo() };
}

function q(s: string): string {
  return '“' + s + '”';
}

/** What the findings of one outline rule (or one variant of it) share. */
function kind(ruleId: string, severity: FindingKind['severity'], extra: Omit<FindingKind, 'ruleId' | 'category' | 'severity'> = {}): FindingKind {
  return { ruleId, category: 'outline', severity, ...extra };
}

const FORMAT = kind('outline-format', 'warning', {
  reason: '公文结构层次序数依次用“一、”“（一）”“1.”“（1）”标注：括号用全角，括号后不加顿号，阿拉伯数字后用圆点。',
  source: SOURCE,
  confidence: 'high',
});
const MALFORMED = kind('outline-malformed', 'warning', { confidence: 'medium' });
const GAP_START = kind('outline-gap', 'info', { confidence: 'low' });
const GAP = kind('outline-gap', 'warning', { confidence: 'high' });
const DUPLICATE = kind('outline-duplicate', 'warning', { confidence: 'high' });
const ORDER = kind('outline-order', 'warning', { confidence: 'high' });
const LEVEL_SKIP = kind('outline-level-skip', 'warning', { reason: '结构层次应依次为“一、”“（一）”“1.”“（1）”，不宜越级。', source: SOURCE, confidence: 'high' });
const MIXED = kind('outline-mixed', 'warning', { confidence: 'medium' });
const SINGLE = kind('outline-single', 'info', { reason: '分项列举至少两项；只有一项时宜取消序号，直接行文。', confidence: 'low' });
const COUNT = kind('outline-count', 'warning', { confidence: 'medium' });

function formatMessage(marker: string, expected: string): string {
  return `序号${q(marker)}写法不规范，应为${q(expected)}`;
}

/** outline-format: a marker written in a non-standard form (1、 → 1.; （一）、 → （一）; (一) → （一）; 一. → 一、). */
export function checkFormat(ctx: OutlineContext, out: FindingSink): void {
  const { nodes } = ctx;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (n.malformed || n.expected === undefined) continue;
    out.add(FORMAT, n.markerStart, n.markerEnd, ctx.memo.get(formatMessage, n.marker, n.expected, 0, 0), {
      start: n.markerStart,
      end: n.markerEnd,
      text: n.expected,
    });
  }
}

/** outline-malformed: an item of a 一是/一要 run that lost its 是/要 (一是……二是……三注重 → 三是注重). */
export function checkMalformed(ctx: OutlineContext, out: FindingSink): void {
  const { nodes } = ctx;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (!n.malformed || n.expected === undefined) continue;
    const word = n.expected.slice(n.marker.length);
    const shown = ctx.text.slice(n.markerStart, Math.min(n.markerEnd + 2, ctx.text.length));
    out.add(
      MALFORMED,
      n.markerStart,
      n.markerEnd,
      `列举项${q(shown)}缺少“${word}”：前面已用${q(formatMarker(n.family, 1))}${q(formatMarker(n.family, 2))}，此处应为${q(n.expected)}`,
      { start: n.markerEnd, end: n.markerEnd, text: word },
    );
  }
}

/** The marker used to name a missing/expected number of a run's family. */
function nameOf(family: Family, ordinal: number): string {
  return formatMarker(family, ordinal);
}

/** Whether an item of the run has number `o` (runs are short: a linear look-up, no set built). */
function hasOrdinal(run: OutlineNode[], o: number): boolean {
  for (let k = 0; k < run.length; k++) if (run[k].ordinal === o) return true;
  return false;
}

/** Base of `missingCode`: above any ordinal (a marker has at most three numerals or two digits: 99). */
const CODE_BASE = 2 ** 16;

/**
 * The first `count` numbers of `missing` as one number, so that the message naming them can be
 * looked up (see `MessageMemo`): the first three, one digit of `CODE_BASE` each, then whether
 * there are more (exact in a double: below 2^49).
 */
function missingCode(missing: Int32Array, count: number): number {
  let code = 0;
  for (let k = 0; k < count && k < 3; k++) code += missing[k] * CODE_BASE ** k;
  return count > 3 ? code + CODE_BASE ** 3 : code;
}

/** “二、”“三、”: the numbers of a `missingCode`, then 等 if there are more. */
function namesOf(fam: Family, code: number): string {
  let names = '';
  for (let k = 0; k < 3; k++) {
    const o = Math.floor(code / CODE_BASE ** k) % CODE_BASE;
    if (o > 0) names += q(nameOf(fam, o));
  }
  return code >= CODE_BASE ** 3 ? names + '等' : names;
}

function gapStartMessage(fam: Family, marker: string, code: number): string {
  return `编号从${q(marker)}开始，前面没有${namesOf(fam, code)}`;
}

function gapMessage(fam: Family, prev: string, cur: string, code: number): string {
  return `编号跳号：${q(prev)}之后是${q(cur)}，缺少${namesOf(fam, code)}`;
}

/** outline-gap: a number skipped in a run (一、……三、), or a run not starting at 1 (info). */
export function checkGap(ctx: OutlineContext, out: FindingSink): void {
  // The missing numbers of one gap: the first three, and a fourth if there are more (all a
  // message names). A fixed buffer: nothing is made per run.
  const missing = new Int32Array(4);
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const fam = run[0].family;
    const first = run[0];
    if (first.ordinal > 1 && !isEnd(first)) {
      let count = 0;
      for (let k = 1; k < first.ordinal && count < 3; k++) if (!hasOrdinal(run, k)) missing[count++] = k;
      if (count) {
        const msg = ctx.memo.get(gapStartMessage, fam, first.marker, missingCode(missing, count), 0);
        out.add(GAP_START, first.markerStart, first.markerEnd, msg);
      }
    }
    for (let k = 1; k < run.length; k++) {
      const prev = run[k - 1];
      const cur = run[k];
      if (isEnd(cur) || cur.ordinal <= prev.ordinal + 1) continue;
      let count = 0;
      for (let o = prev.ordinal + 1; o < cur.ordinal && count < 4; o++) if (!hasOrdinal(run, o)) missing[count++] = o;
      if (!count) continue; // the numbers are there, only out of order: outline-order says so
      out.add(GAP, cur.markerStart, cur.markerEnd, ctx.memo.get(gapMessage, fam, prev.marker, cur.marker, missingCode(missing, count)));
    }
  }
}

/** Each item of every run with the one before it; a closing 最后 is left out (its number is not a position). */
function eachStep(ctx: OutlineContext, visit: (prev: OutlineNode, cur: OutlineNode) => void): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    for (let k = 1; k < run.length; k++) if (!isEnd(run[k])) visit(run[k - 1], run[k]);
  }
}

function duplicateMessage(cur: string, prev: string): string {
  return `编号重复：${q(cur)}与前一项${q(prev)}序号相同`;
}

/** outline-duplicate: the same number twice in a row of a run (二、……二、). */
export function checkDuplicate(ctx: OutlineContext, out: FindingSink): void {
  eachStep(ctx, (prev, cur) => {
    if (cur.ordinal === prev.ordinal) out.add(DUPLICATE, cur.markerStart, cur.markerEnd, ctx.memo.get(duplicateMessage, cur.marker, prev.marker, 0, 0));
  });
}

function orderMessage(cur: string, prev: string): string {
  return `编号顺序颠倒：${q(cur)}出现在${q(prev)}之后`;
}

/** outline-order: a number smaller than the one before it (三、 before 二、). */
export function checkOrder(ctx: OutlineContext, out: FindingSink): void {
  eachStep(ctx, (prev, cur) => {
    if (cur.ordinal < prev.ordinal) out.add(ORDER, cur.markerStart, cur.markerEnd, ctx.memo.get(orderMessage, cur.marker, prev.marker, 0, 0));
  });
}

/**
 * outline-level-skip: a heading more than one level below its parent heading (一、 then 1. with no
 * （一）). Items numbered inside a paragraph (（八）……。（1）……（2）……) are a list, not a level.
 */
export function checkLevelSkip(ctx: OutlineContext, out: FindingSink): void {
  ctx.runs.forEach((run, r) => {
    const n = run[0];
    if (!isHeadingFamily(n.family) || n.style === 'inline') return;
    const p = ctx.runParent[r];
    if (!p || !isHeadingFamily(p.family) || n.level <= p.level + 1) return;
    out.add(LEVEL_SKIP, n.markerStart, n.markerEnd, ctx.memo.get(levelSkipMessage, p.marker, n.marker, p.level, n.level));
  });
}

const LEVEL_NAMES = ['一、', '（一）', '1.', '（1）'];

function levelSkipMessage(parent: string, marker: string, parentLevel: number, level: number): string {
  const missing = LEVEL_NAMES.slice(parentLevel, level - 1).map(q).join('');
  return `层次跳级：${q(parent)}下直接使用${q(marker)}，缺少${missing}一级`;
}

/** outline-mixed: one run mixing enumeration forms (一是……二要……第三). The fix follows the first item. */
export function checkMixed(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const fam = run[0].family;
    for (let k = 1; k < run.length; k++) {
      const n = run[k];
      if (n.family === fam) continue;
      const want = formatMarker(fam, n.ordinal);
      // 第三，狠抓 → 三是狠抓 (the comma goes); 二要强化 → 第二，强化 (a comma comes).
      let fixEnd = n.markerEnd;
      let fixText = want;
      const next = ctx.text[n.markerEnd];
      if (n.family === '第一' && (next === '，' || next === ',')) fixEnd++;
      if (fam === '第一' && next !== '，' && next !== ',' && next !== '、') fixText += '，';
      out.add(MIXED, n.markerStart, n.markerEnd, ctx.memo.get(mixedMessage, run[0].marker, n.marker, want, 0), {
        start: n.markerStart,
        end: fixEnd,
        text: fixText,
      });
    }
  }
}

function mixedMessage(first: string, marker: string, want: string): string {
  return `同一组列举混用${q(first)}与${q(marker)}，宜统一为${q(want)}`;
}

/**
 * outline-single: an enumeration or heading level with one item (一是 without 二是; a lone （一）).
 * 首先 alone is ordinary prose and a lone 附件 is the rule, neither is reported; a lone item not
 * numbered 1 is left to outline-gap.
 */
export function checkSingle(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    if (run.length !== 1) continue;
    const n = run[0];
    if (n.ordinal !== 1 || n.family === '首先' || n.family === '附件') continue;
    out.add(SINGLE, n.markerStart, n.markerEnd, ctx.memo.get(singleMessage, n.family, n.marker, 0, 0));
  }
}

function singleMessage(family: Family, marker: string): string {
  const what = isHeadingFamily(family) ? '这一层次只有一项' : '列举只有一项';
  return `${what}：有${q(marker)}而没有${q(formatMarker(family, 2))}`;
}

/** outline-count: an announcement (讲三点意见) whose count differs from the run that follows it. */
export function checkCount(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (const a of ctx.outline.announcements) {
    // The first run starting after the announcement (runs are sorted by their first marker),
    // close to it: same paragraph or the next one.
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid][0].markerStart < a.end) lo = mid + 1;
      else hi = mid;
    }
    const target = runs[lo];
    if (!target) continue;
    const head = target[0];
    if (head.ordinal !== 1 || head.markerStart - a.end > 200) continue;
    const between = ctx.text.slice(a.end, head.markerStart);
    if ((between.match(/\n/g) ?? []).length > 2) continue;
    const actual = target.length;
    if (actual === a.count) continue;
    out.add(COUNT, a.start, a.end, `前文预告${q(a.text)}，其后实际列了${toChineseNumeral(actual)}项（${target[0].marker}至${target[actual - 1].marker}）`);
  }
}

const RULES: Array<(ctx: OutlineContext, out: FindingSink) => void> = [
  checkFormat,
  checkMalformed,
  checkGap,
  checkDuplicate,
  checkOrder,
  checkLevelSkip,
  checkMixed,
  checkSingle,
  checkCount,
];

/**
 * Writes the findings of every outline rule into `out`. Never throws: on an internal error the
 * offending rule yields nothing (what it wrote before failing is taken back).
 */
export function writeOutlineFindings(text: string, out: FindingSink, outline?: Outline, doc?: TextDoc): void {
  const t = typeof text === 'string' ? text : '';
  let ctx: OutlineContext;
  try {
    ctx = buildContext(t, outline ?? parseOutline(t, doc, false));
  } catch {
    return;
  }
  for (const rule of RULES) {
    const before = out.count;
    try {
      rule(ctx, out);
    } catch {
      out.truncate(before); // a rule must never break the checker
    }
  }
}

/** Every outline rule's findings, in order (the outline views and `gongwen outline`). */
export function checkOutline(text: string, outline?: Outline, doc?: TextDoc): Finding[] {
  return collectFindings((out) => writeOutlineFindings(text, out, outline, doc));
}
