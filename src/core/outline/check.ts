/**
 * Outline checks: numbering of headings (一、（一）1.（1）) and enumerations (一是、一要、第一、首先).
 * Each rule is one object (its registry entry: id, category, default severity, description, docs
 * text) with its `check` function; `writeOutlineFindings` runs them all. Every rule works on "runs":
 * groups of siblings numbered together (see `startsRun`).
 *
 * Severity: 'warning' for definite defects (a gap, a duplicate, a lost 是, a wrong marker form);
 * 'info' where the outline may have been misread (a run that does not start at 1, a one-item
 * enumeration, which is also what a half-written draft looks like).
 *
 * Messages are per-rule templates (`templateKind`): a rule records the run or node a finding is
 * about, and the message is worded from it when the finding is made (see `FindingSink.addFrom`).
 */
import { collectFindings, type FindingSink, type TemplateKind } from '../findings';
import type { Finding } from '../types';
import { Family, formatMarker, isHeadingFamily, toChineseNumeral } from '../markers';
import { kindOf, templateKind, type RuleMeta } from '../rules/meta';
import { Outline, OutlineNode, parseOutline } from './parse';
import type { TextDoc } from '../text';

const SOURCE = 'GB/T 9704—2012《党政机关公文格式》7.3.3';

/** An outline rule: its registry entry and its check. */
export interface OutlineRule extends RuleMeta {
  readonly check: (ctx: OutlineContext, out: FindingSink) => void;
}

export const outlineGap: OutlineRule = {
  id: 'outline-gap',
  category: 'outline',
  severity: 'warning',
  description: '编号跳号，或一组编号不从“一”开始',
  tags: ['提纲', '编号'],
  details:
    '同一组编号（同一层次的标题，或同一组“一是……二是……”列举）中间缺号时提示警告，如“一、”之后直接是“三、”；消息列出缺少的前三个编号。\n\n' +
    '一组编号不从第一项开始（如开头就是“二、”）时只作提示（info）：文稿可能是节选，或提纲识别有误。编号只是顺序颠倒、其实不缺的，由 outline-order 报告。',
  check: checkGap,
};
export const outlineDuplicate: OutlineRule = {
  id: 'outline-duplicate',
  category: 'outline',
  severity: 'warning',
  description: '同一组中编号重复',
  tags: ['提纲', '编号'],
  details: '同一组编号中相邻两项序号相同，如两个“二、”连续出现。常见于增删段落后忘记改号，或整段重复粘贴。',
  check: checkDuplicate,
};
export const outlineOrder: OutlineRule = {
  id: 'outline-order',
  category: 'outline',
  severity: 'warning',
  description: '编号顺序颠倒',
  tags: ['提纲', '编号'],
  details: '同一组编号中后一项的序号小于前一项，如“三、”之后出现“二、”。常见于调整段落顺序后未改号。',
  check: checkOrder,
};
export const outlineLevelSkip: OutlineRule = {
  id: 'outline-level-skip',
  category: 'outline',
  severity: 'info',
  description: '结构层次跳级（一般依次为一、（一）1.（1））',
  tags: ['提纲', '层次'],
  details:
    '公文结构层次序数一般依次为“一、”“（一）”“1.”“（1）”。标题下直接使用隔了一级的序号（如“一、”下直接用“1.”）时提醒。\n\n' +
    '全文各处都这样越级时（如中央和国家机关党建工作要点等正式印发的文件，层次较少时“一、”下直接用“1.”），只作建议（hint）；' +
    '同一文稿别处用了被越过的那一级、此处却越级，前后不一致，作为提示（info）。\n\n' +
    '段落中间的分项列举（如“（八）……。（1）……；（2）……”）不是结构层次，不作此检查；附件的编号另起，不与正文相接。',
  source: SOURCE,
  check: checkLevelSkip,
};
export const outlineMixed: OutlineRule = {
  id: 'outline-mixed',
  category: 'outline',
  severity: 'warning',
  description: '同一组列举混用不同格式',
  tags: ['提纲', '列举'],
  details: '同一组列举宜用同一种格式，如“一是……二是……三是……”，不宜“一是……二要……第三，……”混用。修改建议以该组第一项的格式为准。',
  check: checkMixed,
};
export const outlineSingle: OutlineRule = {
  id: 'outline-single',
  category: 'outline',
  severity: 'info',
  description: '列举或层次只有一项',
  tags: ['提纲', '列举'],
  details:
    '分项列举至少两项；只有“一是”而没有“二是”、只有“（一）”而没有“（二）”时，宜取消序号直接行文，或补齐其余各项。' +
    '写作中途的稿子也常如此，故只作提示。单独的“首先”是普通行文，单独的“附件”是常规写法，均不提示。',
  check: checkSingle,
};
export const outlineMalformed: OutlineRule = {
  id: 'outline-malformed',
  category: 'outline',
  severity: 'warning',
  description: '列举项丢了“是/要”',
  tags: ['提纲', '列举'],
  details: '在“一是……二是……”（或“一要……二要……”）之后，句首出现“三注重……”这样只有数字、丢了“是/要”的项时提示，并给出补上“是/要”的修改。',
  check: checkMalformed,
};
export const outlineCount: OutlineRule = {
  id: 'outline-count',
  category: 'outline',
  severity: 'warning',
  description: '预告的项数与实际项数不符',
  tags: ['提纲', '预告'],
  details:
    '“讲三点意见”“提4点要求”“强调以下几个方面”之类预告了项数的，与紧随其后（同一段或下一段开始）的一组编号核对：项数不符时提示。' +
    '“讲几点意见”之类未说明项数的不核对。',
  check: checkCount,
};
export const outlineFormat: OutlineRule = {
  id: 'outline-format',
  category: 'outline',
  severity: 'warning',
  description: '序号写法不符合 GB/T 9704—2012',
  tags: ['提纲', '格式'],
  details:
    '结构层次序数的规范写法是“一、”“（一）”“1.”“（1）”：括号用全角，括号后不加顿号，阿拉伯数字后用圆点。' +
    '“1、”“（一）、”“(一)”“一.”等写法提示并给出修改。“1．”（全角圆点）和全角数字视为规范写法，不提示。',
  source: SOURCE,
  check: checkFormat,
};
export const internalError: RuleMeta = {
  id: 'internal-error',
  category: 'outline',
  severity: 'error',
  description: '检查规则运行出错（程序缺陷），该规则的结果缺失',
  tags: ['程序'],
  details:
    '某条提纲检查规则在检查这份文稿时出错，它的结果因此缺失（其他规则的结果不受影响）。这是本工具的缺陷而不是文稿的问题：' +
    '请把出错的文稿（或能重现的片段）和消息中的规则名、错误信息一起反馈给开发者。可以用 `gongwen-disable internal-error` 暂时关闭这条提示。',
};

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
  return { text, outline, runs, runParent, nodes };
}

function q(s: string): string {
  return '“' + s + '”';
}

/** Whether an item of the run has number `o` (runs are short: a linear look-up, no set built). */
function hasOrdinal(run: OutlineNode[], o: number): boolean {
  for (let k = 0; k < run.length; k++) if (run[k].ordinal === o) return true;
  return false;
}

/** How many numbers from `from` to `to` (exclusive) no item of the run has. */
function countMissing(run: OutlineNode[], from: number, to: number): number {
  let count = 0;
  for (let o = from; o < to; o++) if (!hasOrdinal(run, o)) count++;
  return count;
}

/** “二、”“三、”: the numbers from `from` to `to` (exclusive) as markers of `fam`, at most three, then 等 if `etc` and there are more. */
function namesOf(fam: Family, from: number, to: number, etc: boolean, skip?: OutlineNode[]): string {
  let names = '';
  let count = 0;
  for (let o = from; o < to; o++) {
    if (skip && hasOrdinal(skip, o)) continue;
    if (count === 3) return etc ? names + '等' : names;
    names += q(formatMarker(fam, o));
    count++;
  }
  return names;
}

function gapMessage(prev: string, cur: string, names: string): string {
  return `编号跳号：${q(prev)}之后是${q(cur)}，缺少${names}`;
}

function gapStartMessage(first: string, names: string): string {
  return `编号从${q(first)}开始，前面没有${names}`;
}

/** Per family, the kinds of a gap where every number in between is missing (the message reads the markers and numbers). */
const GAP_OF = new Map<Family, TemplateKind<string, string, number, number>>();
const GAP_START_OF = new Map<Family, TemplateKind<string, number, number, number>>();
function gapOf(fam: Family): TemplateKind<string, string, number, number> {
  let k = GAP_OF.get(fam);
  if (!k) {
    k = templateKind(outlineGap, { confidence: 'high' }, (prev: string, cur: string, from: number, to: number) => gapMessage(prev, cur, namesOf(fam, from, to, true)));
    GAP_OF.set(fam, k);
  }
  return k;
}
function gapStartOf(fam: Family): TemplateKind<string, number, number, number> {
  let k = GAP_START_OF.get(fam);
  if (!k) {
    k = templateKind(outlineGap, { severity: 'info', confidence: 'low' }, (first: string, to: number) => gapStartMessage(first, namesOf(fam, 1, to, false)));
    GAP_START_OF.set(fam, k);
  }
  return k;
}
/** A gap where some numbers in between stand elsewhere in the run (out of order): worded from the run, item `k`. */
const GAP_IN_RUN = templateKind(outlineGap, { confidence: 'high' }, (run: OutlineNode[], k: number) => {
  const prev = run[k - 1];
  const cur = run[k];
  return gapMessage(prev.marker, cur.marker, namesOf(run[0].family, prev.ordinal + 1, cur.ordinal, true, run));
});
const GAP_START_IN_RUN = templateKind(outlineGap, { severity: 'info', confidence: 'low' }, (run: OutlineNode[]) =>
  gapStartMessage(run[0].marker, namesOf(run[0].family, 1, run[0].ordinal, false, run)),
);

/** outline-gap: a number skipped in a run (一、……三、), or a run not starting at 1 (info). */
function checkGap(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const first = run[0];
    const fam = first.family;
    if (first.ordinal > 1 && !isEnd(first)) {
      const missing = countMissing(run, 1, first.ordinal);
      if (missing === first.ordinal - 1) out.addFrom(gapStartOf(fam), first.markerStart, first.markerEnd, first.marker, first.ordinal, 0, 0);
      else if (missing > 0) out.addFrom(GAP_START_IN_RUN, first.markerStart, first.markerEnd, run, 0, 0, 0);
    }
    for (let k = 1; k < run.length; k++) {
      const prev = run[k - 1];
      const cur = run[k];
      if (isEnd(cur) || cur.ordinal <= prev.ordinal + 1) continue;
      const missing = countMissing(run, prev.ordinal + 1, cur.ordinal);
      // None missing: the numbers are there, only out of order (outline-order says so).
      if (missing === cur.ordinal - prev.ordinal - 1) {
        out.addFrom(gapOf(fam), cur.markerStart, cur.markerEnd, prev.marker, cur.marker, prev.ordinal + 1, cur.ordinal);
      } else if (missing > 0) out.addFrom(GAP_IN_RUN, cur.markerStart, cur.markerEnd, run, k, 0, 0);
    }
  }
}

const DUPLICATE = templateKind(outlineDuplicate, { confidence: 'high' }, (cur: string, prev: string) => `编号重复：${q(cur)}与前一项${q(prev)}序号相同`);

/** outline-duplicate: the same number twice in a row of a run (二、……二、). A closing 最后 is left out (its number is not a position). */
function checkDuplicate(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    for (let k = 1; k < run.length; k++) {
      const cur = run[k];
      const prev = run[k - 1];
      if (!isEnd(cur) && cur.ordinal === prev.ordinal) out.addFrom(DUPLICATE, cur.markerStart, cur.markerEnd, cur.marker, prev.marker, 0, 0);
    }
  }
}

const ORDER = templateKind(outlineOrder, { confidence: 'high' }, (cur: string, prev: string) => `编号顺序颠倒：${q(cur)}出现在${q(prev)}之后`);

/** outline-order: a number smaller than the one before it (三、 before 二、). */
function checkOrder(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    for (let k = 1; k < run.length; k++) {
      const cur = run[k];
      const prev = run[k - 1];
      if (!isEnd(cur) && cur.ordinal < prev.ordinal) out.addFrom(ORDER, cur.markerStart, cur.markerEnd, cur.marker, prev.marker, 0, 0);
    }
  }
}

const LEVEL_NAMES = ['一、', '（一）', '1.', '（1）'];

const levelSkipMessage = (parent: string, marker: string, parentLevel: number, level: number) => {
  const missing = LEVEL_NAMES.slice(parentLevel, level - 1).map(q).join('');
  return `层次跳级：${q(parent)}下直接使用${q(marker)}，缺少${missing}一级`;
};
/** The draft uses the skipped level elsewhere: inconsistent. */
const LEVEL_SKIP = templateKind(
  outlineLevelSkip,
  { reason: '结构层次一般依次为“一、”“（一）”“1.”“（1）”；本文别处用了这一级，此处越级，前后不一致。', source: SOURCE, confidence: 'medium' },
  levelSkipMessage,
);
/** The draft skips the level everywhere: allowed where there are few levels (published documents do). */
const LEVEL_SKIP_THROUGHOUT = templateKind(
  outlineLevelSkip,
  {
    severity: 'hint',
    reason: '结构层次一般依次为“一、”“（一）”“1.”“（1）”；层次较少时越级使用也常见（正式印发的文件中也有），全文统一即可。',
    source: SOURCE,
    confidence: 'low',
  },
  levelSkipMessage,
);

/**
 * outline-level-skip: a heading more than one level below its parent heading (一、 then 1. with no
 * （一）). Items numbered inside a paragraph (（八）……。（1）……（2）……) are a list, not a level.
 */
function checkLevelSkip(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  let used: Set<number> | undefined; // the heading levels the draft uses (made at the first skip)
  for (let r = 0; r < runs.length; r++) {
    const n = runs[r][0];
    if (!isHeadingFamily(n.family) || n.style === 'inline') continue;
    const p = ctx.runParent[r];
    if (!p || !isHeadingFamily(p.family) || n.level <= p.level + 1) continue;
    if (!used) {
      used = new Set();
      for (const run of runs) if (isHeadingFamily(run[0].family) && run[0].style !== 'inline') used.add(run[0].level);
    }
    let elsewhere = false;
    for (let l = p.level + 1; l < n.level; l++) if (used.has(l)) elsewhere = true;
    out.addFrom(elsewhere ? LEVEL_SKIP : LEVEL_SKIP_THROUGHOUT, n.markerStart, n.markerEnd, p.marker, n.marker, p.level, n.level);
  }
}

const MIXED = templateKind(outlineMixed, { confidence: 'medium' }, (first: string, marker: string, fam: Family, ordinal: number) =>
  `同一组列举混用${q(first)}与${q(marker)}，宜统一为${q(formatMarker(fam, ordinal))}`,
);

/** outline-mixed: one run mixing enumeration forms (一是……二要……第三). The fix follows the first item. */
function checkMixed(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const fam = run[0].family;
    for (let k = 1; k < run.length; k++) {
      const n = run[k];
      if (n.family === fam) continue;
      // 第三，狠抓 → 三是狠抓 (the comma goes); 二要强化 → 第二，强化 (a comma comes).
      let fixEnd = n.markerEnd;
      let fixText = formatMarker(fam, n.ordinal);
      const next = ctx.text[n.markerEnd];
      if (n.family === '第一' && (next === '，' || next === ',')) fixEnd++;
      if (fam === '第一' && next !== '，' && next !== ',' && next !== '、') fixText += '，';
      out.addFrom(MIXED, n.markerStart, n.markerEnd, run[0].marker, n.marker, fam, n.ordinal, { start: n.markerStart, end: fixEnd, text: fixText });
    }
  }
}

const SINGLE = templateKind(outlineSingle, { reason: '分项列举至少两项；只有一项时宜取消序号，直接行文。', confidence: 'low' }, (family: Family, marker: string) => {
  const what = isHeadingFamily(family) ? '这一层次只有一项' : '列举只有一项';
  return `${what}：有${q(marker)}而没有${q(formatMarker(family, 2))}`;
});

/**
 * outline-single: an enumeration or heading level with one item (一是 without 二是; a lone （一）).
 * 首先 alone is ordinary prose and a lone 附件 is the rule, neither is reported; a lone item not
 * numbered 1 is left to outline-gap.
 */
function checkSingle(ctx: OutlineContext, out: FindingSink): void {
  const { runs } = ctx;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    if (run.length !== 1) continue;
    const n = run[0];
    if (n.ordinal !== 1 || n.family === '首先' || n.family === '附件') continue;
    out.addFrom(SINGLE, n.markerStart, n.markerEnd, n.family, n.marker, 0, 0);
  }
}

const MALFORMED = templateKind(outlineMalformed, { confidence: 'medium' }, (family: Family, shown: string, expected: string, word: string) =>
  `列举项${q(shown)}缺少“${word}”：前面已用${q(formatMarker(family, 1))}${q(formatMarker(family, 2))}，此处应为${q(expected)}`,
);

/** outline-malformed: an item of a 一是/一要 run that lost its 是/要 (一是……二是……三注重 → 三是注重). */
function checkMalformed(ctx: OutlineContext, out: FindingSink): void {
  const { nodes, text } = ctx;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (!n.malformed || n.expected === undefined) continue;
    const word = n.expected.slice(n.marker.length);
    const shown = text.slice(n.markerStart, Math.min(n.markerEnd + 2, text.length));
    out.addFrom(MALFORMED, n.markerStart, n.markerEnd, n.family, shown, n.expected, word, { start: n.markerEnd, end: n.markerEnd, text: word });
  }
}

const COUNT = templateKind(outlineCount, { confidence: 'medium' }, (announced: string, first: string, last: string, actual: number) =>
  `前文预告${q(announced)}，其后实际列了${toChineseNumeral(actual)}项（${first}至${last}）`,
);

/** outline-count: an announcement (讲三点意见) whose count differs from the run that follows it. */
function checkCount(ctx: OutlineContext, out: FindingSink): void {
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
    if (actual !== a.count) out.addFrom(COUNT, a.start, a.end, a.text, head.marker, target[actual - 1].marker, actual);
  }
}

const FORMAT = templateKind(
  outlineFormat,
  {
    reason: '公文结构层次序数依次用“一、”“（一）”“1.”“（1）”标注：括号用全角，括号后不加顿号，阿拉伯数字后用圆点。',
    source: SOURCE,
    confidence: 'high',
  },
  (marker: string, expected: string) => `序号${q(marker)}写法不规范，应为${q(expected)}`,
);

/** outline-format: a marker written in a non-standard form (1、 → 1.; （一）、 → （一）; (一) → （一）; 一. → 一、). */
function checkFormat(ctx: OutlineContext, out: FindingSink): void {
  const { nodes } = ctx;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (n.malformed || n.expected === undefined) continue;
    out.addFrom(FORMAT, n.markerStart, n.markerEnd, n.marker, n.expected, 0, 0, { start: n.markerStart, end: n.markerEnd, text: n.expected });
  }
}

/** The outline rules, in the order they run (and are listed). */
export const OUTLINE_RULES: readonly OutlineRule[] = [
  outlineFormat,
  outlineMalformed,
  outlineGap,
  outlineDuplicate,
  outlineOrder,
  outlineLevelSkip,
  outlineMixed,
  outlineSingle,
  outlineCount,
];

const INTERNAL_ERROR = kindOf(internalError, { confidence: 'high' });

/** What an internal error says: which step failed and how (the first line of the error). */
function internalErrorMessage(step: string, e: unknown): string {
  const why = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0].slice(0, 200);
  return `提纲检查“${step}”运行出错，其结果缺失（${why}）。这是本工具的缺陷，请反馈给开发者。`;
}

/**
 * Writes the findings of every outline rule into `out`. Never throws: a rule that fails is
 * reported as an `internal-error` finding at the start of the text naming it, and what it wrote
 * before failing is taken back; the other rules run on. `rules`: for tests.
 */
export function writeOutlineFindings(text: string, out: FindingSink, outline?: Outline, doc?: TextDoc, rules: readonly OutlineRule[] = OUTLINE_RULES): void {
  const t = typeof text === 'string' ? text : '';
  let ctx: OutlineContext;
  try {
    ctx = buildContext(t, outline ?? parseOutline(t, doc, false));
  } catch (e) {
    out.add(INTERNAL_ERROR, 0, 0, internalErrorMessage('提纲解析', e));
    return;
  }
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k];
    const before = out.count;
    try {
      rule.check(ctx, out);
    } catch (e) {
      out.truncate(before); // a rule must never break the checker
      out.add(INTERNAL_ERROR, 0, 0, internalErrorMessage(rule.id, e));
    }
  }
}

/** Every outline rule's findings, in order (the outline views and `gongwen outline`). */
export function checkOutline(text: string, outline?: Outline, doc?: TextDoc): Finding[] {
  return collectFindings((out) => writeOutlineFindings(text, out, outline, doc));
}
