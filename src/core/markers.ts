/**
 * Chinese numerals and the numbering markers of official documents (公文): the one place where
 * they are read and written. The outline parser (src/core/outline/), the enumeration completions
 * (src/core/completion/enumeration.ts) and the miner (src/mining/structure.ts) all use it.
 *
 * Numerals: `parseChineseNumeral` (一…九十九), `parseArabic` (ASCII and full-width digits),
 * `parseNumeral` (either, and 两), `toChineseNumeral`.
 *
 * Markers: `matchHeadingAt`, `matchEnumAt`, `matchAnnexAt` read one marker at an offset;
 * `markersIn` lists the markers that stand at a line start or after given marks (the light scan of
 * completion and mining; the outline parser decides where markers stand itself). `formatMarker`
 * writes the marker of a family for a number.
 *
 * Two kinds of markers are recognised:
 *
 * - Headings, GB/T 9704-2012 §7.3.3: level 1 `一、`, level 2 `（一）`, level 3 `1.`, level 4 `（1）`.
 *   Common wrong forms are recognised too, with the standard form in `expected`:
 *   `一.` `一．` (line start also `一，`) → `一、`; `(一)` `（一）、` → `（一）`; `1、` (line start also `1，`) → `1.`;
 *   `(1)` `（1）、` → `（1）`.
 *   Decision: `1．` (full-width dot) and full-width digits `１.` are ACCEPTED silently — many official
 *   templates typeset the level-3 dot as `．`, and it is the same mark in a Chinese font.
 * - Sentence-start enumerations: `一是/二是…`, `一要/二要…`, `第一/第二…` (only when followed by a
 *   separator `，、：` or by a common verb, so `第一时间`, `第一书记`, `第一次`, `第一要务` are words, not
 *   markers) and `首先/其次/再次/最后` (`再次`/`最后` only inside an open 首先 run; the parser checks that).
 *
 * Where a marker may stand (start of line or of a sentence) is decided by the parser; the functions
 * here only look at the text from a given offset, by char code for the markers made of a numeral
 * and one mark (`一、` `一是`), else with sticky regexes (no regex is built per call).
 */

export type HeadingFamily = '一、' | '（一）' | '1.' | '（1）';
export type EnumFamily = '一是' | '一要' | '第一' | '首先';
/** An annex (附件, 附件1, 附件二：): a part of its own after the body, numbered apart from it. */
export type AnnexFamily = '附件';
export type Family = HeadingFamily | EnumFamily | AnnexFamily;

/** GB/T 9704 level of each heading family. */
export const HEADING_LEVEL: Readonly<Record<HeadingFamily, number>> = {
  '一、': 1,
  '（一）': 2,
  '1.': 3,
  '（1）': 4,
};

export function isHeadingFamily(f: Family): f is HeadingFamily {
  return f === '一、' || f === '（一）' || f === '1.' || f === '（1）';
}

/** A marker found at an offset. */
export interface MarkerMatch {
  family: Family;
  ordinal: number;
  /** The marker as written. */
  marker: string;
  start: number;
  end: number;
  /** The standard form when the written one is not standard (`1、` → `1.`). */
  expected?: string;
}

const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_DIGITS = '〇一二三四五六七八九';

/** The characters of the numerals `parseChineseNumeral` reads, as a regex class (for patterns built elsewhere). */
export const CN_NUMERAL_CLASS = '[一二三四五六七八九十]';

/** Parses a Chinese numeral 一…九十九 (十, 十一, 二十, 二十三). Anything else → undefined. */
export function parseChineseNumeral(s: string): number | undefined {
  const n = s.length;
  if (n === 1) return s === '十' ? 10 : DIGIT[s];
  if (n === 2) {
    if (s[0] === '十') return DIGIT[s[1]] !== undefined ? 10 + DIGIT[s[1]] : undefined;
    if (s[1] === '十' && DIGIT[s[0]] > 1) return DIGIT[s[0]] * 10;
    return undefined;
  }
  if (n === 3 && s[1] === '十' && DIGIT[s[0]] > 1 && DIGIT[s[2]] !== undefined) {
    return DIGIT[s[0]] * 10 + DIGIT[s[2]];
  }
  return undefined;
}

/** Writes 1…99 as a Chinese numeral (1 → 一, 12 → 十二, 20 → 二十). Other values: Arabic digits. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? CN_DIGITS[tens] : '') + '十' + (ones ? CN_DIGITS[ones] : '');
}

/** Whether `c` is an ASCII or full-width digit. */
export function isDigitCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** Parses ASCII or full-width digits (`12`, `１２`); undefined if `s` is empty or holds anything else. */
export function parseArabic(s: string): number | undefined {
  if (!s) return undefined;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c)) return undefined;
    v = v * 10 + (c >= 0xff10 ? c - 0xff10 : c - 48);
  }
  return v;
}

/** A count or ordinal as written in prose: a Chinese numeral (一…九十九), 两 (2), or digits. */
export function parseNumeral(s: string): number | undefined {
  if (s === '两') return 2;
  return isDigitCode(s.charCodeAt(0)) ? parseArabic(s) : parseChineseNumeral(s);
}

/** Parses 1–2 ASCII or full-width digits (the caller's regex matched digits only). */
function parseDigits(s: string): number {
  return parseArabic(s) ?? 0;
}

const ENUM_WORDS = ['首先', '其次', '再次', '最后'];
/** First unit of each of ENUM_WORDS → its second. */
const ENUM_WORD_NEXT = new Map(ENUM_WORDS.map((w) => [w.charCodeAt(0), w.charCodeAt(1)]));

/** The standard marker of `family` for item number `ordinal` (一是 family, 3 → 三是). */
export function formatMarker(family: Family, ordinal: number): string {
  const cn = toChineseNumeral(ordinal);
  switch (family) {
    case '一、':
      return cn + '、';
    case '（一）':
      return '（' + cn + '）';
    case '1.':
      return ordinal + '.';
    case '（1）':
      return '（' + ordinal + '）';
    case '一是':
      return cn + '是';
    case '一要':
      return cn + '要';
    case '第一':
      return '第' + cn;
    case '首先':
      return ENUM_WORDS[Math.min(ordinal, 4) - 1] ?? '最后';
    case '附件':
      return '附件' + ordinal;
  }
}

// ---- sticky regexes (built once) ----
const NUM = '[一二三四五六七八九十]{1,3}';
const R_CN_HEAD = new RegExp(`(${NUM})([、\\.．，,])`, 'y');
const R_PAREN_CN = new RegExp(`([（(])[ \\u3000]?(${NUM})[ \\u3000]?([）)])([、，,\\.．])?`, 'y');
const R_AR_HEAD = /([0-9０-９]{1,2})([.．、，,])(?![0-9０-９])/y;
const R_PAREN_AR = /([（(])[ \u3000]?([0-9０-９]{1,2})[ \u3000]?([）)])([、，,.．])?/y;
const R_SHI_YAO = new RegExp(`(${NUM})([是要])`, 'y');
const R_DI = new RegExp(`第(${NUM})`, 'y');
const R_WORD = /首先|其次|再次|最后/y;
/** `一、` must not be read in `一、二、三` or `三、四月份`. */
const R_NUM_AFTER = /[一二三四五六七八九十两][、月季年]/y;
/** Words made of 第N + these: not enumeration markers (第一要务, 第一把手, 第一推动力). */
const R_DI_WORD = /要务|要义|要求|要事|要素|把手|推动力|是第/y;
/** Characters that may follow 第N (besides a separator) for it to be a marker: verb starts. */
const DI_VERB = new Set(Array.from('要是抓加坚推深健完提落注突严做把以在切着全进建持实强树筑打发聚紧狠营培增优扎守用必务'));
/** Characters that may follow 最后 for it to be the last item of a 首先 run. */
const LAST_OK = new Set(Array.from('，,、：:是要')).add(' ');

/** 一…十 by char code: the cheap tests that run before a marker's regex. */
const NUMERAL = new Uint8Array(65536);
for (const ch of '一二三四五六七八九十') NUMERAL[ch.charCodeAt(0)] = 1;

/**
 * The end of the run of up to three numerals from `pos`: what `[一…十]{1,3}` takes there. The
 * markers made of a numeral and one mark (`一、` `一是`) are read from char codes, with no regex: a
 * regex would only say what these tests say, and allocate its match.
 */
function numeralEnd(text: string, pos: number): number {
  let j = pos;
  while (j < pos + 3 && NUMERAL[text.charCodeAt(j)] === 1) j++;
  return j;
}

/** 、 . ． ， , — what may follow the numeral of a `一、` heading (or its wrong forms). */
function isHeadSep(c: number): boolean {
  return c === 0x3001 || c === 46 || c === 0xff0e || c === 0xff0c || c === 44;
}

function tryRe(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/**
 * A heading marker starting exactly at `pos`, or null. `atLineStart`: the marker opens a line (then
 * `一，` and `1，` are also read as wrong forms of `一、` and `1.`).
 */
export function matchHeadingAt(text: string, pos: number, atLineStart: boolean): MarkerMatch | null {
  const c = text[pos];
  if (c === '（' || c === '(') {
    let m = tryRe(R_PAREN_CN, text, pos);
    if (m) {
      const ord = parseChineseNumeral(m[2]);
      if (ord === undefined) return null;
      const expected = '（' + m[2] + '）';
      return mk('（一）', ord, m[0], pos, expected);
    }
    m = tryRe(R_PAREN_AR, text, pos);
    if (m) {
      const ord = parseDigits(m[2]);
      if (ord === 0) return null;
      return mk('（1）', ord, m[0], pos, '（' + m[2] + '）');
    }
    return null;
  }
  if (NUMERAL[text.charCodeAt(pos)] === 1) {
    const j = numeralEnd(text, pos);
    const sep = text.charCodeAt(j);
    if (!isHeadSep(sep)) return null; // most numerals at a boundary: 一定, 三个
    const numeral = text.slice(pos, j);
    const ord = parseChineseNumeral(numeral);
    if (ord === undefined) return null;
    if ((sep === 0xff0c || sep === 44) && !atLineStart) return null; // ， ,
    const end = j + 1;
    if (tryRe(R_NUM_AFTER, text, end)) return null;
    return mk('一、', ord, text.slice(pos, end), pos, numeral + '、');
  }
  const code = c === undefined ? 0 : c.charCodeAt(0);
  if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) {
    const m = tryRe(R_AR_HEAD, text, pos);
    if (!m) return null;
    const sep = m[2];
    if ((sep === '，' || sep === ',') && !atLineStart) return null;
    const ord = parseDigits(m[1]);
    if (ord === 0) return null;
    // 1. and 1． are standard (see the module comment); 1、 and 1， are not.
    const expected = sep === '.' || sep === '．' ? m[0] : m[1] + '.';
    return mk('1.', ord, m[0], pos, expected);
  }
  return null;
}

/**
 * A sentence-start enumeration marker at `pos` (一是, 二要, 第三, 首先…), or null. 再次/最后 are
 * returned with ordinals 3 and 0 (0 = "last"); whether they belong to a 首先 run is the parser's call.
 */
export function matchEnumAt(text: string, pos: number): MarkerMatch | null {
  const code = text.charCodeAt(pos);
  // Cheap rejections by char code before any regex: 一定 is no 一是, 其中 no 其次, 第一次 stays.
  if (NUMERAL[code] === 1) {
    const j = numeralEnd(text, pos);
    const word = text.charCodeAt(j);
    if (word !== 0x662f && word !== 0x8981) return null; // 是 要
    const ord = parseChineseNumeral(text.slice(pos, j));
    if (ord === undefined) return null;
    // 一是一，二是二: an idiom, not an enumeration (the same numeral again, then no word goes on);
    // 二是一以贯之, 三是一个…: a marker followed by a word that starts with a numeral.
    if (isIdiom(text, pos, j)) return null;
    return mk(word === 0x662f ? '一是' : '一要', ord, text.slice(pos, j + 1), pos);
  } else if (code === 0x7b2c) {
    if (NUMERAL[text.charCodeAt(pos + 1)] !== 1) return null; // 第
  } else if (!ENUM_WORD_NEXT.has(code) || ENUM_WORD_NEXT.get(code) !== text.charCodeAt(pos + 1)) {
    return null;
  }
  const c = text[pos];
  if (c === '第') {
    const m = tryRe(R_DI, text, pos);
    if (!m) return null;
    const ord = parseChineseNumeral(m[1]);
    if (ord === undefined) return null;
    const end = pos + m[0].length;
    const next = text[end];
    if (next === '，' || next === ',' || next === '：' || next === ':') return mk('第一', ord, m[0], pos);
    if (next === '、') {
      // 第一、二季度: a range, not a marker.
      return NUMERAL[text.charCodeAt(end + 1)] === 1 ? null : mk('第一', ord, m[0], pos);
    }
    if (next === undefined || !DI_VERB.has(next)) return null;
    if (tryRe(R_DI_WORD, text, end)) return null;
    return mk('第一', ord, m[0], pos);
  }
  if (c === '首' || c === '其' || c === '再' || c === '最') {
    const m = tryRe(R_WORD, text, pos);
    if (!m) return null;
    const w = m[0];
    if (w === '最后' && !LAST_OK.has(text[pos + 2]) && !DI_VERB.has(text[pos + 2])) return null;
    const ord = w === '首先' ? 1 : w === '其次' ? 2 : w === '再次' ? 3 : 0;
    return mk('首先', ord, w, pos);
  }
  return null;
}

/** `一是一，` / `二是二。`: the numeral of [pos, j) again after 是, and then no ideograph. */
function isIdiom(text: string, pos: number, j: number): boolean {
  const len = j - pos;
  for (let k = 0; k < len; k++) if (text.charCodeAt(j + 1 + k) !== text.charCodeAt(pos + k)) return false;
  const after = text.charCodeAt(j + 1 + len);
  return !(after >= 0x4e00 && after <= 0x9fff);
}

const R_ANNEX = /附件[ \u3000]?(?:([0-9０-９]{1,2})|([一二三四五六七八九十]{1,3}))?[ \u3000]*(?:[：:]|(?=[\r\n]|$))/y;

/**
 * An annex heading at a line start (`附件` `附件1` `附件 2` `附件一` `附件：`, alone on its line or
 * followed by a colon), or null. `附件所列单位…` and `附件1所列…` are prose. The ordinal of an
 * unnumbered 附件 is 1.
 */
export function matchAnnexAt(text: string, pos: number): MarkerMatch | null {
  if (text.charCodeAt(pos) !== 0x9644 || text.charCodeAt(pos + 1) !== 0x4ef6) return null; // 附件
  const m = tryRe(R_ANNEX, text, pos);
  if (!m) return null;
  const ord = m[1] !== undefined ? parseDigits(m[1]) : m[2] !== undefined ? parseChineseNumeral(m[2]) : 1;
  if (ord === undefined || ord === 0) return null;
  return mk('附件', ord, m[0].replace(/[ \u3000]+$/, ''), pos);
}

function mk(family: Family, ordinal: number, marker: string, start: number, expected?: string): MarkerMatch {
  const r: MarkerMatch = { family, ordinal, marker, start, end: start + marker.length };
  if (expected !== undefined && expected !== marker) r.expected = expected;
  return r;
}

/** A marker found by `markersIn`, with what stands before it. */
export interface ScannedMarker extends MarkerMatch {
  /** The mark it follows (one of `after`), or '' at the start of the text or of a line. */
  after: string;
}

/**
 * The markers of `text` that stand at its start, at a line start, or after one of the marks in
 * `after` (spaces between are skipped), in order: headings first (`一、` `（一）` `1.` `（1）`; at a
 * line start also their comma forms), then enumerations (`一是` `一要` `第一` `首先`…). Where the
 * outline parser reads runs and decides which markers belong together, this only lists what
 * stands where a marker may stand; callers filter by family and by `after`.
 */
export function markersIn(text: string, after: string): ScannedMarker[] {
  const out: ScannedMarker[] = [];
  const n = text.length;
  let at: string | undefined = ''; // undefined: inside a sentence
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      at = '';
      continue;
    }
    if (c === 32 || c === 9 || c === 0x3000) continue;
    if (at !== undefined) {
      const m = matchHeadingAt(text, i, at === '') ?? matchEnumAt(text, i);
      if (m) {
        out.push({ ...m, after: at });
        i = m.end - 1;
        at = undefined;
        continue;
      }
    }
    const ch = text[i];
    at = after.includes(ch) ? ch : undefined;
  }
  return out;
}

/**
 * Characters that may not follow a bare numeral for it to be an enumeration item that lost its
 * 是/要 (三注重 → 三是注重): classifiers and words that make the numeral an ordinary number.
 */
export const NOT_AFTER_BARE_NUMERAL = new Set(
  Array.from('个项条点年月日号次位名种类是要大方届批轮期倍份件些片成分家句句字级层线化中心全部天周岁人支所座、，,。：:；;！？十百千万亿两'),
);
