/**
 * Outline parser: finds the numbering markers of a speech or report and builds its tree, in one
 * linear pass over the text (sticky regexes tried only where a marker may stand).
 *
 * Where markers may stand
 * - Headings (`一、` `（一）` `1.` `（1）` and their wrong forms): at the start of a line (after
 *   indentation), or mid-line right after 。！？ — drafts pasted from PDFs or web pages often have
 *   paragraphs glued together (seed 003). Also after 。 followed by a scraping artefact made of
 *   ASCII letters in parentheses, e.g. `。(be)四、结语` (seed 003).
 * - Enumerations (`一是` `二要` `第三` `首先`…): at the start of a line or of a sentence, i.e. after
 *   。！？；： (possibly followed by a closing quote). So 统一是, 唯一要求, 统一要求 never count.
 *   After ， only the next item of an open run of the same family counts (一是加强学习，二是改进作风),
 *   or a first item whose second item follows closely (加强纪律建设，一是要……。二是要……).
 * - Headings inside a paragraph after ；，： are read only as later items of a run open on the same
 *   line (（八）……。（1）……；（2）……), or after ： as a first item whose second follows.
 * - Annexes: a line `附件` / `附件1` / `附件：…` starts a root of its own (family 附件, level 0); the
 *   outline of the body ends there, and the annex's numbering starts afresh under it.
 * - Page numbers glued to line starts by scrapers (`2、工作者,…`) are recognised (see
 *   `detectPageNumbers`) and skipped: the line then continues the previous line, as if the break
 *   and the number were not there.
 *
 * Tree
 * - GB headings nest by level (a `1.` under `一、` without `（一）` is kept as a child: the check
 *   `outline-level-skip` reports it). `level` of a heading is its GB level (1–4).
 * - An enumeration run (一是…二是…) nests under the node it appears in; its `level` is the parent's
 *   level + 1. Three styles are told apart: heading-style (the marker opens a short line with no
 *   sentence end, as in seed 001 `一是持续加强政治建设，强化政治担当`), paragraph-style (the marker
 *   opens a paragraph: seed 004 `一要强化政治建设，…`) and inline (mid-paragraph). A paragraph-style
 *   item closes the inline runs of the previous paragraph; a heading-style item closes everything
 *   below the previous heading-style item.
 * - Siblings are items of the same family; an item of another enumeration family whose number
 *   continues the open run (一是 … 二要) is taken as a sibling too, so `outline-mixed` can see it.
 * - A paragraph item continues the run whose numbering it continues: an inline run that goes on in
 *   the next paragraphs (……政策。一是……\n二是……) rather than an older paragraph run beside it.
 * - Inside an open 一是/一要 run, a sentence starting with the next bare numeral and a verb
 *   (`三注重…` after 一是…二是…) is taken as the next item with `malformed: true`.
 */
import { requireMarks, TextDoc } from '../text';
import {
  Family,
  HEADING_LEVEL,
  MarkerMatch,
  NOT_AFTER_BARE_NUMERAL,
  formatMarker,
  isHeadingFamily,
  matchAnnexAt,
  matchEnumAt,
  matchHeadingAt,
  parseChineseNumeral,
  parseNumeral,
} from '../markers';

export interface OutlineNode {
  /** '一、' | '（一）' | '1.' | '（1）' | '一是' | '一要' | '第一' | '首先' | '附件' */
  family: Family;
  /** GB level 1–4 for headings; parent's level + 1 for enumeration items; 0 for an annex. */
  level: number;
  /** Item number (首先 1, 其次 2, 再次 3; 最后 = previous item + 1). */
  ordinal: number;
  /** The marker as written. */
  marker: string;
  markerStart: number;
  markerEnd: number;
  /** Text after the marker up to the first 。！？ or the line end, trimmed (at most 200 characters). */
  title: string;
  /** 1-based line of the marker. */
  line: number;
  /** Section span [start, end): from the marker to the next sibling or ancestor's sibling. */
  start: number;
  end: number;
  children: OutlineNode[];
  /** Standard form of the marker when the written one is not standard (`1、` → `1.`). */
  expected?: string;
  /** An enumeration item that lost its 是/要 (`三注重`); `expected` holds `三是`. */
  malformed?: boolean;
  /** How the marker stands: 'heading' (own short line), 'paragraph' (opens a paragraph), 'inline'. */
  style: 'heading' | 'paragraph' | 'inline';
}

export interface Announcement {
  /** Number of parts announced (讲三点意见 → 3). */
  count: number;
  start: number;
  end: number;
  text: string;
}

export interface PageNumber {
  /** 1-based line. */
  line: number;
  start: number;
  end: number;
}

export interface Outline {
  roots: OutlineNode[];
  announcements: Announcement[];
  /** Scraped page numbers at line starts that were ignored. */
  pageNumbers: PageNumber[];
}

const TITLE_MAX = 200;
/** How far ahead `confirmed` looks for the second item of a run. */
const CONFIRM_WINDOW = 1000;
const HEADING_LINE_MAX = 60;
/** Deeper enumerations are not read (keeps the tree, and recursion over it, shallow on any input). */
const MAX_DEPTH = 10;

const R_PAGE_NO = /[ \t\u3000]*(\d{1,3})、/y;
const R_NOISE = /\([A-Za-z]{1,12}\)/y;
const R_BARE_NUM = /[一二三四五六七八九十]{1,3}/y;
const R_ANNOUNCE =
  /(?:讲|谈|提|提出|强调|汇报|报告|交流|说)(?:以下|如下|这么|这样)?([一二两三四五六七八九十]{1,3}|[0-9０-９]{1,2}|几)(?:点|个方面|方面|个问题|条)(?:意见|要求|体会|看法|建议|认识|想法|感受|思考|内容)?/g;

/** A line ending with one of these ends a sentence (so the next line is not a continuation). */
const LINE_END_OK = new Set(Array.from('。！？!?；;：:…”"’）)】」』'));

/**
 * Where the scan stands, as small integers (this runs on every character): inside a sentence, at a
 * line start, after 。！？ (strong), after ；： (weak), after ， (comma).
 */
type Boundary = 0 | 1 | 2 | 3 | 4;
const NONE = 0;
const LINE = 1;
const STRONG = 2;
const WEAK = 3;
const COMMA = 4;

/**
 * The sentence state after each UTF-16 unit (0, NONE, for all but a few marks). A table, not a
 * switch: the scan asks at every mark and at the unit after it, a call each in a short,
 * unoptimized run.
 */
const BOUNDARY_AFTER = new Uint8Array(65536);
for (const ch of '。！？!?') BOUNDARY_AFTER[ch.charCodeAt(0)] = STRONG;
for (const ch of '；;：:') BOUNDARY_AFTER[ch.charCodeAt(0)] = WEAK;
for (const ch of '，,') BOUNDARY_AFTER[ch.charCodeAt(0)] = COMMA;

function boundaryAfter(code: number): Boundary {
  return BOUNDARY_AFTER[code] as Boundary;
}

/** Headings and annexes: an enumeration run never reaches past one. */
function isBarrier(f: Family): boolean {
  return f === '附件' || isHeadingFamily(f);
}

/** 。！？!? */
function isSentEnd(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 33 || code === 63;
}

/** Characters a marker can begin with: （ ( 一…十 0-9 ０-９ 第 首 其 再 最. Anything else skips the marker tests. */
const MARKER_START = new Uint8Array(65536);
for (const ch of '（(一二三四五六七八九十0123456789０１２３４５６７８９第首其再最附') MARKER_START[ch.charCodeAt(0)] = 1;
const CLOSER_CODES = new Uint8Array(65536);
for (const ch of '”’」』"\'') CLOSER_CODES[ch.charCodeAt(0)] = 1;

/** Line breaks and the marks `boundaryAfter` reads: inside a sentence the scan jumps to the next. */
const STATE_CHANGE_CHARS = '\n\r。！？!?；;：:，,';
const STATE_CHANGE = new Uint8Array(65536);
for (const ch of STATE_CHANGE_CHARS) STATE_CHANGE[ch.charCodeAt(0)] = 1;
requireMarks(STATE_CHANGE_CHARS);

const SPACE = new Uint8Array(65536);
for (const code of [32, 9, 0x3000, 0xa0]) SPACE[code] = 1;

function isSpace(code: number): boolean {
  return SPACE[code] === 1;
}

/**
 * Page numbers glued to line starts by a scraper: a run of ≥ 3 consecutive lines starting with
 * `N、`, numbered N, N+1, N+2…, where at least half the lines continue the previous line (the
 * previous line is long and does not end with sentence punctuation, or the text after the number
 * starts with punctuation). A real list `1、加强学习。` / `2、…` has short or punctuated lines.
 * Returns, per 0-based line index, the offset just past the number.
 */
export function detectPageNumbers(text: string, doc: TextDoc): Map<number, number> {
  const out = new Map<number, number>();
  const n = doc.lineCount;
  let runStart = -1;
  let prevNum = -1;
  const ends: number[] = [];
  const flush = (endLine: number) => {
    const len = endLine - runStart;
    if (runStart >= 0 && len >= 3) {
      let glued = 0;
      for (let li = runStart; li < endLine; li++) {
        const after = text.charCodeAt(ends[li - runStart]);
        if (isSentEnd(after) || after === 0xff0c || after === 44) {
          glued++;
          continue;
        }
        if (li === 0) continue;
        const prev = doc.lineText(li - 1).trimEnd();
        if (prev.length >= 60 && !LINE_END_OK.has(prev[prev.length - 1])) glued++;
      }
      if (glued * 2 >= len) for (let li = runStart; li < endLine; li++) out.set(li, ends[li - runStart]);
    }
    runStart = -1;
    prevNum = -1;
    ends.length = 0;
  };
  for (let li = 0; li < n; li++) {
    R_PAGE_NO.lastIndex = doc.lineStarts[li];
    const m = R_PAGE_NO.exec(text);
    if (m && m.index === doc.lineStarts[li] && R_PAGE_NO.lastIndex <= doc.lineEnd(li)) {
      const num = Number(m[1]);
      if (runStart >= 0 && num === prevNum + 1) {
        ends.push(R_PAGE_NO.lastIndex);
        prevNum = num;
        continue;
      }
      flush(li);
      runStart = li;
      prevNum = num;
      ends.push(R_PAGE_NO.lastIndex);
      continue;
    }
    flush(li);
  }
  flush(n);
  return out;
}

/** Announcements of N parts: 讲三点意见, 讲4个问题, 提四点要求, 谈两点体会, 强调以下三个方面. 讲几点 is skipped. */
export function findAnnouncements(text: string): Announcement[] {
  const out: Announcement[] = [];
  R_ANNOUNCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = R_ANNOUNCE.exec(text))) {
    const count = parseNumeral(m[1]);
    if (count === undefined || count === 0) continue;
    out.push({ count, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/**
 * A node's title: the text after its marker at `pos` (line index `li`) up to the first sentence
 * end or the line end, at most TITLE_MAX characters, trimmed. `pages`: line index → where the
 * text goes on after a scraped page number at that line's start (a title runs over it).
 */
function titleAt(text: string, doc: TextDoc, pages: ReadonlyMap<number, number>, pos: number, li: number): string {
  let out = '';
  let i = pos;
  let line = li;
  let end = doc.lineEnd(line);
  for (;;) {
    // Up to the first sentence end on this line, within the length limit.
    const limit = Math.min(end, i + TITLE_MAX - out.length);
    let j = i;
    while (j < limit && !isSentEnd(text.charCodeAt(j))) j++;
    out += text.slice(i, j);
    if (j < end || out.length >= TITLE_MAX) break;
    // A scraped page break: the title goes on after the page number of the next line.
    const pn = pages.get(line + 1);
    if (pn === undefined) break;
    line++;
    i = pn;
    end = doc.lineEnd(line);
  }
  return out.trim();
}

/**
 * The nodes are made by a constructor, not an object literal (plain objects to every reader: the
 * prototype is Object.prototype), as the findings are (see `FindingRecord`): V8 tracks where
 * literals are allocated and, when a collection finds the objects of one place alive, allocates
 * that place's later objects straight in the old generation. A large text's nodes are alive
 * through the outline phase, and then die. Measured on the 8 MB bench text (2026-12-02, whole
 * checks, two fresh processes each): with the checker keeping no tree, a check took 48.7–49.2 ms
 * with literal nodes and 43.8–45.8 ms with these.
 */
const NodeRecord = function (this: OutlineNode, m: MarkerMatch, title: string, line: number, end: number, style: OutlineNode['style']) {
  this.family = m.family;
  this.level = 0;
  this.ordinal = m.ordinal;
  this.marker = m.marker;
  this.markerStart = m.start;
  this.markerEnd = m.end;
  this.title = title;
  this.line = line;
  this.start = m.start;
  this.end = end;
  this.children = new Array<OutlineNode>();
  this.style = style;
} as unknown as new (m: MarkerMatch, title: string, line: number, end: number, style: OutlineNode['style']) => OutlineNode;
NodeRecord.prototype = Object.prototype;

/**
 * `doc`: the text model of `input`, when the caller has one already. `titles` false leaves every
 * node's `title` empty (the checker, which never reads them).
 *
 * The steps: find the scraped page numbers (`detectPageNumbers`); scan the text for markers where
 * they may stand (`scanMarkers`), placing each in the tree as it comes (`OutlineBuilder`); give
 * every section its end (`setEnds`); find the announcements (`findAnnouncements`).
 */
export function parseOutline(input: string, doc?: TextDoc, titles = true): Outline {
  const text = typeof input === 'string' ? input : '';
  if (!doc || doc.text !== text) doc = new TextDoc(text);
  const pages = detectPageNumbers(text, doc);
  const tree = new OutlineBuilder(text, doc, pages, titles);
  scanMarkers(text, doc, pages, tree);
  setEnds(tree.roots, text.length);
  const pageNumbers: PageNumber[] = [];
  for (const [l, end] of pages) pageNumbers.push({ line: l + 1, start: doc.lineStarts[l], end });
  return { roots: tree.roots, announcements: findAnnouncements(text), pageNumbers };
}

/**
 * The scan: one pass over the text that tracks where a marker may stand (`Boundary`) and hands
 * each marker found there to the tree. Inside a sentence it jumps from mark to mark.
 */
function scanMarkers(text: string, doc: TextDoc, pages: ReadonlyMap<number, number>, tree: OutlineBuilder): void {
  // LINE: start of a line; STRONG: after 。！？; WEAK: after ；：; COMMA: after ，
  // (only the next item of an open run may stand there); NONE: inside a sentence.
  let boundary: Boundary = LINE;
  let li = 0;
  // Locals: this loop runs at every mark.
  const codes = doc.codes;
  const marks = doc.marks;
  const nMarks = marks.length;
  let k = 0; // the next mark to look at (offsets only grow)
  const len = text.length;
  for (let i = 0; i < len; i++) {
    // Inside a sentence only a line break or a sentence mark changes anything: jump to the next.
    if (boundary === NONE) {
      while (k < nMarks && (marks[k] < i || STATE_CHANGE[codes[marks[k]]] === 0)) k++;
      if (k >= nMarks) break;
      i = marks[k];
    }
    const code = codes[i];
    if (code === 10 || code === 13) {
      if (code === 13 && codes[i + 1] === 10) i++;
      li++;
      const pn = pages.size === 0 ? undefined : pages.get(li);
      if (pn !== undefined) {
        // Glued page number: skip it; the sentence state of the previous line goes on.
        i = pn - 1;
        if (boundary === LINE) boundary = STRONG;
      } else boundary = LINE;
      continue;
    }
    if (SPACE[code] === 1) continue;
    if (boundary !== NONE && MARKER_START[code] === 1) {
      const atLineStart = boundary === LINE;
      if (atLineStart && code === 0x9644) {
        // 附
        const a = matchAnnexAt(text, i);
        if (a) {
          tree.annex(a, li);
          i = a.end - 1;
          continue; // still at a line start: 附件：1.名单
        }
      }
      let m = matchHeadingAt(text, i, atLineStart);
      if (m && boundary !== LINE && boundary !== STRONG && !tree.inlineHeadingFits(m, li, i)) m = null;
      if (m) {
        tree.heading(m, li, atLineStart);
        i = m.end - 1;
        boundary = NONE;
        continue;
      }
      m = matchEnumAt(text, i);
      if (m && tree.enumeration(m, li, atLineStart, false, boundary === COMMA)) {
        i = m.end - 1;
        boundary = NONE;
        continue;
      }
      if (!m && boundary !== COMMA) {
        const e = tree.malformedItem(i, li, atLineStart);
        if (e > 0) {
          i = e - 1;
          boundary = NONE;
          continue;
        }
      }
      if (boundary === STRONG && code === 40) {
        // (
        R_NOISE.lastIndex = i;
        if (R_NOISE.exec(text)) {
          i = R_NOISE.lastIndex - 1;
          continue;
        }
      }
    } else if (boundary !== NONE && boundary !== LINE && CLOSER_CODES[code] === 1) continue;
    boundary = BOUNDARY_AFTER[code] as Boundary;
  }
}

/**
 * The tree as it is built: the roots, and the stack of open nodes (the last node of each level
 * the scan is inside). Each kind of marker has its placing method.
 */
class OutlineBuilder {
  readonly roots: OutlineNode[] = [];
  private readonly stack: OutlineNode[] = [];

  constructor(
    private readonly text: string,
    private readonly doc: TextDoc,
    private readonly pages: ReadonlyMap<number, number>,
    private readonly titles: boolean,
  ) {}

  /** A GB heading: closes the open nodes at its level and below (and the enumerations in between). */
  heading(m: MarkerMatch, li: number, atLineStart: boolean): void {
    const { stack } = this;
    const level = HEADING_LEVEL[m.family as keyof typeof HEADING_LEVEL];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.family === '附件') break;
      if (isHeadingFamily(top.family) ? top.level >= level : top.style !== 'heading') stack.pop();
      else break;
    }
    const node = this.makeNode(m, li, atLineStart ? 'heading' : 'inline');
    node.level = level;
    this.attach(node, stack[stack.length - 1]);
  }

  /** An annex (附件, 附件1): a root of its own; the outline of the body ends here. */
  annex(m: MarkerMatch, li: number): void {
    this.stack.length = 0;
    const node = this.makeNode(m, li, 'heading');
    node.level = 0;
    this.attach(node, undefined);
  }

  /**
   * A heading marker after ； ， or ： (inside a paragraph) counts if it is a later item of a run
   * open on the same line (（1）甲；（2）乙), or after ： a first item whose second follows
   * (包括：（1）…（2）…). `i`: where the marker starts.
   */
  inlineHeadingFits(m: MarkerMatch, li: number, i: number): boolean {
    const { stack, text } = this;
    for (let k = stack.length - 1; k >= 0 && stack[k].line === li + 1; k--) {
      const s = stack[k];
      if (s.family === m.family) return s.ordinal < m.ordinal;
    }
    if (m.ordinal !== 1) return false;
    let b = i - 1;
    while (b > 0 && (isSpace(text.charCodeAt(b)) || CLOSER_CODES[text.charCodeAt(b)] === 1)) b--;
    const before = text.charCodeAt(b);
    return (before === 0xff1a || before === 58) && this.confirmed(m, li); // ： :
  }

  /**
   * An enumeration item (一是, 二要, 第三, 其次…): placed beside the item it continues, or as the
   * first item of a run under the open node. Returns false where it is no marker after all (再次
   * outside a 首先 run, a first item after a comma with no second, too deep).
   */
  enumeration(m: MarkerMatch, li: number, atLineStart: boolean, malformed: boolean, afterComma = false): boolean {
    const { stack } = this;
    const style: OutlineNode['style'] = !atLineStart ? 'inline' : this.isHeadingStyle(m, li) ? 'heading' : 'paragraph';
    const ordinal = this.ordinalOf(m);
    if (ordinal < 0) return false;
    const isFirst = ordinal === 1;
    let sib = isFirst ? -1 : this.findSibling(m.family, ordinal, style);
    // After a comma only the next item of an open run counts (一是加强学习，二是改进作风), or a
    // first item whose second follows (加强纪律建设，一是要……二是要……).
    if (afterComma && m.family === '首先') return false;
    if (afterComma && (sib < 0 || stack[sib].family !== m.family) && !(isFirst && this.confirmed(m, li))) return false;
    if (isFirst) sib = this.runBeside(m.family, style);
    if (sib >= 0) stack.length = sib;
    else this.closeForStyle(style);
    if (stack.length >= MAX_DEPTH) return false;
    const parent = stack[stack.length - 1];
    const node = this.makeNode(m, li, style);
    node.ordinal = ordinal;
    node.level = (parent ? parent.level : 0) + 1;
    if (malformed) node.malformed = true;
    this.attach(node, parent);
    return true;
  }

  /**
   * 三注重 inside an open 一是…二是 run: the next item without its 是, placed with `malformed`.
   * Returns the end of the numeral, or -1 if there is none such at `i`.
   */
  malformedItem(i: number, li: number, atLineStart: boolean): number {
    const { stack, text } = this;
    R_BARE_NUM.lastIndex = i;
    const m = R_BARE_NUM.exec(text);
    if (!m) return -1;
    const ord = parseChineseNumeral(m[0]);
    if (ord === undefined || ord < 2) return -1;
    const after = i + m[0].length;
    const next = text.charCodeAt(after);
    if (!(next >= 0x4e00 && next <= 0x9fff) || NOT_AFTER_BARE_NUMERAL.has(text[after])) return -1;
    for (let k = stack.length - 1; k >= 0 && !isBarrier(stack[k].family); k--) {
      const s = stack[k];
      if ((s.family === '一是' || s.family === '一要') && s.ordinal === ord - 1) {
        const suffix = s.family === '一是' ? '是' : '要';
        const mm: MarkerMatch = { family: s.family, ordinal: ord, marker: m[0], start: i, end: after, expected: m[0] + suffix };
        this.enumeration(mm, li, atLineStart, true);
        return after;
      }
    }
    return -1;
  }

  /**
   * The item number of an enumeration marker; -1 if it is none. 再次 and 最后 count only inside an
   * open 首先 run (再次强调 = "stress again"; 最后一公里); 最后 is the number after the run's last.
   */
  private ordinalOf(m: MarkerMatch): number {
    if (m.family !== '首先' || (m.marker !== '再次' && m.marker !== '最后')) return m.ordinal;
    const { stack } = this;
    for (let k = stack.length - 1; k >= 0 && !isBarrier(stack[k].family); k--) {
      if (stack[k].family !== '首先') continue;
      if (m.marker === '再次') return stack[k].ordinal < 2 ? -1 : m.ordinal;
      return stack[k].ordinal + 1;
    }
    return -1;
  }

  /** The open item a new enumeration item (not numbered 1) follows, as an index into the stack, or -1. */
  private findSibling(family: Family, ordinal: number, style: OutlineNode['style']): number {
    const { stack } = this;
    let sameAny = -1;
    let sameBlock = -1;
    let otherPrev = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      const s = stack[k];
      if (isBarrier(s.family)) break;
      if (style !== 'heading' && s.style === 'heading') break;
      if (style === 'heading' && s.style !== 'heading') continue;
      if (s.family === family) {
        if (sameAny < 0) sameAny = k;
        if (sameBlock < 0 && (style === 'inline' || s.style !== 'inline')) sameBlock = k;
      } else if (otherPrev < 0 && s.ordinal === ordinal - 1 && k === stack.length - 1) {
        otherPrev = k;
      }
    }
    // The item that the number continues first: an inline run that goes on in the next paragraph
    // (货币政策。一是…\n二是…) beside an older paragraph run of the same family.
    if (sameBlock >= 0 && stack[sameBlock].ordinal === ordinal - 1) return sameBlock;
    if (sameAny >= 0 && stack[sameAny].ordinal === ordinal - 1) return sameAny;
    if (sameBlock >= 0) return sameBlock;
    if (ordinal > 1 && otherPrev >= 0) return otherPrev;
    return -1;
  }

  /**
   * For a first item: an open run of the family in the same style, which the new run stands
   * beside (the runs of 000's paragraphs) rather than inside its last item; -1 if none.
   */
  private runBeside(family: Family, style: OutlineNode['style']): number {
    const { stack } = this;
    for (let k = stack.length - 1; k >= 0; k--) {
      const s = stack[k];
      if (isBarrier(s.family) || (style !== 'heading' && s.style === 'heading')) break;
      if (s.family === family && s.style === style) return k;
    }
    return -1;
  }

  /**
   * Before a new run: a heading-style item closes everything below the previous heading-style
   * item; a paragraph-style item closes the inline runs of the previous paragraph.
   */
  private closeForStyle(style: OutlineNode['style']): void {
    const { stack } = this;
    if (style === 'inline') return;
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (isBarrier(top.family) || (style === 'heading' ? top.style === 'heading' : top.style !== 'inline')) break;
      stack.pop();
    }
  }

  /**
   * Whether the second item of the run `m` would open follows it closely: at a sentence or clause
   * boundary later on its line, or at the start of the next line, within CONFIRM_WINDOW characters.
   * A first item where only the next item of an open run may stand (after ， or ：) needs it.
   */
  private confirmed(m: MarkerMatch, li: number): boolean {
    const { text, doc } = this;
    const want = formatMarker(m.family, m.ordinal + 1);
    const w0 = want.charCodeAt(0);
    const limit = Math.min(li + 1 < doc.lineCount ? doc.lineEnd(li + 1) : text.length, m.end + CONFIRM_WINDOW);
    for (let p = m.end; p < limit; p++) {
      if (text.charCodeAt(p) !== w0 || !text.startsWith(want, p)) continue;
      let b = p - 1;
      while (b >= m.end && isSpace(text.charCodeAt(b))) b--;
      const before = text.charCodeAt(b);
      if (boundaryAfter(before) === NONE && before !== 10 && before !== 13) continue;
      const next = isHeadingFamily(m.family) ? matchHeadingAt(text, p, false) : matchEnumAt(text, p);
      if (next && next.family === m.family && next.ordinal === m.ordinal + 1) return true;
    }
    return false;
  }

  /** An item on a short line of its own, with no sentence end after the marker (seed 001's 一是持续加强政治建设). */
  private isHeadingStyle(m: MarkerMatch, li: number): boolean {
    const end = this.doc.lineEnd(li);
    if (end - m.end > HEADING_LINE_MAX) return false;
    for (let i = m.end; i < end; i++) if (isSentEnd(this.text.charCodeAt(i))) return false;
    return true;
  }

  private makeNode(m: MarkerMatch, li: number, style: OutlineNode['style']): OutlineNode {
    const node = new NodeRecord(m, this.titles ? titleAt(this.text, this.doc, this.pages, m.end, li) : '', li + 1, this.text.length, style);
    if (m.expected !== undefined) node.expected = m.expected;
    return node;
  }

  private attach(node: OutlineNode, parent: OutlineNode | undefined): void {
    if (parent) parent.children.push(node);
    else this.roots.push(node);
    this.stack.push(node);
  }
}

/** Outlines of the last few texts: the structure view and the Outline view share one. */
const recent: Array<{ text: string; outline: Outline }> = [];
const RECENT_MAX = 4;

/**
 * `parseOutline`, remembered for the last few texts (compared by content; the outline is shared
 * and must not be changed by callers): the structure view and the Outline view of one document
 * version parse it once. The checker does not use this: it parses without titles and keeps
 * nothing. A large text's tree kept here until the next check was alive at every collection in
 * between, and was copied and promoted (measured 2026-12-02 on the 8 MB bench text: the outline
 * phase took 3.0–3.9 ms per MB, with 60 page faults per MB, while the checker left its tree here
 * and the nodes were literals; 1.7 ms and 17 faults now). A view parses a 34 KB draft in about
 * 0.06 ms.
 */
export function outlineOf(text: string, doc?: TextDoc): Outline {
  for (let k = 0; k < recent.length; k++) {
    const r = recent[k];
    if (r.text.length === text.length && r.text === text) {
      if (k > 0) recent.unshift(...recent.splice(k, 1));
      return r.outline;
    }
  }
  const outline = parseOutline(text, doc);
  recent.unshift({ text, outline });
  if (recent.length > RECENT_MAX) recent.length = RECENT_MAX;
  return outline;
}

function setEnds(nodes: OutlineNode[], parentEnd: number): void {
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    node.end = k + 1 < nodes.length ? nodes[k + 1].start : parentEnd;
    setEnds(node.children, node.end);
  }
}

/** All nodes in document order. */
export function flattenOutline(outline: Outline): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (ns: OutlineNode[]) => {
    for (const x of ns) {
      out.push(x);
      walk(x.children);
    }
  };
  walk(outline.roots);
  return out;
}
