/**
 * What the checker must not look at or must not report:
 * - inline directives the drafter wrote, honoured by every front end:
 *     gongwen-disable-next-line [规则…]   the next line
 *     gongwen-disable-line [规则…]        this line
 *     gongwen-disable [规则…]             the whole file
 *   In Markdown inside an HTML comment (<!-- gongwen-disable-next-line xi-abbrev -->); in plain
 *   text on a line of its own. No rule ids means every rule.
 * - text that is not prose: the directive lines themselves, URLs, and in Markdown fenced code,
 *   inline code and HTML comments.
 */
import { AhoCorasick } from './ahocorasick';
import { foldCode, foldQuotes } from './context';
import { TextDoc, toCodes } from './text';

export interface Suppressions {
  /** Offset ranges not checked at all: sorted, and merged where they overlap or touch. */
  excluded: Array<[number, number]>;
  /** 0-based line → rule ids (empty set = all rules). */
  lines: Map<number, Set<string> | 'all'>;
  file: Set<string> | 'all' | undefined;
}

/** Every directive starts so. */
export const DIRECTIVE_PREFIX = 'gongwen-disable';
const DIRECTIVE = /gongwen-disable(-next-line|-line)?((?:[ \t]*,?[ \t]*[a-z0-9][a-z0-9-]*)*)/g;

function addIds(prev: Set<string> | 'all' | undefined, ids: string[]): Set<string> | 'all' {
  if (!ids.length || prev === 'all') return 'all';
  const s = new Set(prev ?? []);
  for (const id of ids) s.add(id);
  return s;
}

/**
 * `present`: whether the text holds a directive and a URL at all, when the caller knows already
 * (the checker's automaton finds both literals in its pass); otherwise the text is searched.
 */
export function findSuppressions(
  text: string,
  language: 'markdown' | 'plaintext',
  doc = new TextDoc(text),
  present?: { directive: boolean; url: boolean },
): Suppressions {
  const excluded: Array<[number, number]> = [];
  const lines = new Map<number, Set<string> | 'all'>();
  let file: Suppressions['file'];
  const directive = present ? present.directive : text.includes(DIRECTIVE_PREFIX);
  const hasUrl = present ? present.url : text.includes('://');
  if (!directive && !hasUrl && language !== 'markdown') return { excluded, lines, file };
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (directive && (m = DIRECTIVE.exec(text))) {
    const ids = (m[2] ?? '').split(/[\s,]+/).filter((x) => x && x !== '-->');
    const li = doc.lineIndexAt(m.index);
    const lineEnd = li + 1 < doc.lineCount ? doc.lineStarts[li + 1] : text.length;
    excluded.push([doc.lineStarts[li], lineEnd]);
    if (m[1] === '-next-line') lines.set(li + 1, addIds(lines.get(li + 1), ids));
    else if (m[1] === '-line') lines.set(li, addIds(lines.get(li), ids));
    else file = addIds(file, ids);
  }
  const url = /https?:\/\/[^\s\u3000-\u303f\uff01-\uff5e“”]+/g;
  while (hasUrl && (m = url.exec(text))) excluded.push([m.index, m.index + m[0].length]);
  if (language === 'markdown') {
    const md = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))|<!--[\s\S]*?-->|`[^`\n]+`|\]\([^)\n]*\)/gm;
    while ((m = md.exec(text))) excluded.push([m.index, m.index + m[0].length]);
  }
  return { excluded: mergeRanges(excluded), lines, file };
}

/** Sorts ranges and merges those that overlap or touch (the given ranges may be changed). */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function isSuppressed(
  s: Suppressions,
  ruleId: string,
  start: number,
  end: number,
  lineIndex: number,
): boolean {
  if (s.file === 'all' || s.file?.has(ruleId)) return true;
  const l = s.lines.get(lineIndex);
  if (l === 'all' || l?.has(ruleId)) return true;
  // The last excluded range starting before the finding ends (an empty finding: at or before
  // its offset) is the only one that can overlap it, the ranges being disjoint and sorted.
  const ex = s.excluded;
  const key = end > start ? end : start + 1;
  let lo = 0;
  let hi = ex.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ex[mid][0] < key) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && ex[lo - 1][1] > start) return true;
  return false;
}

// ---------------------------------------------------------------- the project's allow list

const allowMatchers = new WeakMap<readonly string[], AhoCorasick>();

/**
 * Where the allowed phrases (a project's `allow` list) stand in `text`, quotes folded (“x” and
 * "x" are one phrase): sorted, merged where they overlap. One automaton per list, kept with it.
 */
export function findAllowed(text: string, phrases: readonly string[], doc?: TextDoc): Array<[number, number]> {
  if (!phrases.length || !text) return [];
  let ac = allowMatchers.get(phrases);
  if (!ac) {
    ac = new AhoCorasick(phrases.map(foldQuotes), foldCode);
    allowMatchers.set(phrases, ac);
  }
  const hits = ac.scan(doc?.codes ?? toCodes(text)).hits;
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < hits.count; k++) if (hits.end[k] > hits.start[k]) ranges.push([hits.start[k], hits.end[k]]);
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    const last = out[out.length - 1];
    if (last && a < last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Whether the finding [start, end) lies inside one allowed occurrence (`findAllowed`); an empty
 * finding (an insertion point) when it is strictly inside.
 */
export function isAllowed(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  // The last range starting at or before the finding is the only one that can hold it.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][0] <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return false;
  const [a, b] = ranges[lo - 1];
  return end > start ? end <= b : a < start && start < b;
}
