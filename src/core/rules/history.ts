/**
 * The built-in context for old names of bodies (rule kind `renamed` by default; other rules with
 * `history`): one mechanism for every such rule instead of the same exceptions copied into each.
 * A hit is silent when
 *   title    it lies inside a title 《…》 (a document's name);
 *   word     it is no name at all: a name ending in 部 followed by 门, 署, 分, 位, 件, 落 or 队
 *            (农业部门, 生态环境保护部署, 人事部分);
 *   marker   a history marker stands before it (原, 前, 时任, 曾任, 历任, 当时的, 当年的, 前身为, 曾为,
 *            撤销, 不再保留 …; also with a place between: 原江苏省环保局, 时任县国土局局长), or 原 follows
 *            it (国土资源部原局长, …原党组书记, …原机关);
 *   reform   its clause narrates the reform (不再保留国土资源部、国家海洋局 / 撤销…), or the rest of its
 *            sentence does (…更名为, 并入, 划入, 整合, 挂牌, 旧址, 曾用名, 时期, 期间, 成立 …);
 *   foreign  a foreign country or region stands right before it (美国农业部, 巴西农业部, 台湾文化部,
 *            该国农业部): places.ts;
 *   dated    its clause or sentence is placed before the rule's `since` (2016年，国土资源部印发……;
 *            国土资源部于2016年…; 1912年中华民国成立): a date at the head of the clause or sentence,
 *            right before the hit, or right after it; a period that runs on (2016年以来) is not;
 *   past     the text gives an account of the past around it, read by the era decision
 *            (EraReader.account: 印发了, 曾, 当时，…, ……时，国家计委提出了……), unless a date places it on
 *            or after `since` (去年，国土资源部印发了… in a 2026 draft is an old name used for last year).
 * `dated` and `past` need the rule's `since`; for kind `era` they are the era decision's own.
 *
 * Rule data: `history: false` switches it off; `history: true` switches it on for a rule of
 * another kind; `history: { parts: [...], ignore: [...] }` keeps only some checks, or leaves out
 * some of the built-in words (a marker, a country, a reform word). `unless` adds the rule's own words.
 */
import { isEnclosed } from '../context';
import type { CompiledRule } from '../dataset';
import type { HistoryPart, RuleEntry } from '../model';
import type { TextDoc } from '../text';
import { EraReader } from './era';
import { FOREIGN_PLACES } from './places';

export const HISTORY_PARTS: readonly HistoryPart[] = ['title', 'word', 'marker', 'reform', 'foreign', 'dated', 'past'];

/** Words before a name that mark it as a name of the past (read as the text right before the hit). */
export const HISTORY_MARKERS: readonly string[] = [
  '原', '前', '时任', '曾任', '历任', '当时的', '当年的', '那时的', '原来的', '原先的', '以前的', '过去的', '昔日的', '曾经的',
  '前的', '前身为', '前身是', '曾为', '曾是', '撤销', '撤销了', '撤并', '不再保留', '不再设立', '改组前的', '更名前的', '改革前的',
];
/** Words ending in a marker that are no marker: 当前 and 目前 are now, 太原 is a place. */
const NOT_MARKER: readonly string[] = [
  '当前', '目前', '日前', '眼前', '面前', '跟前', '提前', '空前', '向前', '超前', '会前', '节前', '赛前', '考前', '课前', '门前', '台前',
  '太原', '固原', '五原', '中原', '平原', '高原', '草原', '还原', '复原', '燎原', '荒原', '雪原', '冰原', '病原', '抗原',
];
/** Markers after which a place may come before the name (原江苏省环保局, 时任县国土局局长). */
const PLACE_MARKERS: readonly string[] = ['原', '时任', '曾任', '历任', '当时的', '当年的', '那时的', '原来的', '原先的'];
/** A place before the name ends with a level of administration (省, 市, 县 …) and has none of these characters. */
const NOT_IN_PLACE = /[的各全本该上下和与及等要在对向把将由请为是了着过则因来先有始这那其此每我你他它们之以于从到]/u;
/** 原 after the name starts a former title or unit (原局长, 原党组书记, 原机关), except in these words. */
const FORMER_AFTER = /^[”"’']?原(?!则|因|料|始|创|理|样|貌|文|告|汁|油|煤|材|子|型|件|稿|值|籍|生态)/u;

/** Words of the reform itself: in the rest of the sentence after the name. */
export const REFORM_AFTER: readonly string[] = [
  '更名', '改名', '改为', '改称', '并入', '划入', '划转', '撤销', '撤并', '不再保留', '不再设立', '合并', '整合', '改组', '重组',
  '组建为', '前身', '成为历史', '退出历史', '摘牌', '牌匾', '旧址', '时期', '期间', '曾用名', '成立', '挂牌',
];
/** Words of the reform itself: in the clause before the name (组建…，不再保留国土资源部、国家海洋局). */
export const REFORM_BEFORE: readonly string[] = [
  '更名', '改名', '改为', '改称', '并入', '划入', '划转', '撤销', '撤并', '不再保留', '不再设立', '合并', '整合', '改组', '重组',
  '组建', '前身', '曾用名',
];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]) => new RegExp([...words].sort((a, b) => b.length - a.length).map(escape).join('|'), 'gu');
const REFORM_AFTER_RE = alternation(REFORM_AFTER);
const REFORM_BEFORE_RE = alternation(REFORM_BEFORE);

/** After a name ending in 部, these make it a common word (农业部门, 部署, 部分, 部位, 部件, 部落, 部队). */
const NOT_A_NAME_AFTER_BU = new Set(Array.from('门署分位件落队', (c) => c.charCodeAt(0)));

const NOT_MARKER_MAX = Math.max(...NOT_MARKER.map((w) => w.length));

const enum P {
  Title = 1,
  Word = 2,
  Marker = 4,
  Reform = 8,
  Foreign = 16,
  Dated = 32,
  Past = 64,
}
const BIT: Readonly<Record<HistoryPart, number>> = {
  title: P.Title,
  word: P.Word,
  marker: P.Marker,
  reform: P.Reform,
  foreign: P.Foreign,
  dated: P.Dated,
  past: P.Past,
};

interface HistoryCues {
  parts: number;
  ignore: ReadonlySet<string>;
}

const CUES = new WeakMap<CompiledRule, HistoryCues | null>();

/** Whether the built-in context applies to a rule of this kind and data, and which parts of it. */
export function historyConfig(entry: Pick<RuleEntry, 'kind' | 'history' | 'since'>): HistoryCues | null {
  const h = entry.history;
  if (h === false || (h === undefined && entry.kind !== 'renamed')) return null;
  let parts = 0;
  for (const p of typeof h === 'object' && h.parts ? h.parts : HISTORY_PARTS) parts |= BIT[p];
  // Dates and accounts are read against `since`; an era rule has its own decision for them.
  if (!entry.since || entry.kind === 'era') parts &= ~(P.Dated | P.Past);
  return { parts, ignore: new Set(typeof h === 'object' ? (h.ignore ?? []) : []) };
}

function cuesOf(rule: CompiledRule): HistoryCues | null {
  let c = CUES.get(rule);
  if (c === undefined) CUES.set(rule, (c = historyConfig(rule.entry)));
  return c;
}

/** Whether the rule has the built-in context for old names (cheap: cached per rule). */
export function hasHistory(rule: CompiledRule): boolean {
  return cuesOf(rule) !== null;
}

/** Reads the built-in context of old names in one text (the era decision's reader made when needed). */
export class HistoryReader {
  private era?: EraReader;

  constructor(
    private readonly text: string,
    private readonly doc: TextDoc,
    private readonly date: string,
  ) {}

  /** Which part silenced the last hit (for tests and for explaining a decision). */
  why = '';

  private reader(): EraReader {
    return (this.era ??= new EraReader(this.text, this.doc, this.date));
  }

  /** Whether the context of the hit [start, end) of `rule` says it is an old name used of the past (or no name). */
  silences(rule: CompiledRule, start: number, end: number): boolean {
    const cues = cuesOf(rule);
    if (!cues) return false;
    const r = this.read(rule, cues, start, end);
    this.why = r ?? '';
    return r !== undefined;
  }

  private read(rule: CompiledRule, cues: HistoryCues, start: number, end: number): HistoryPart | undefined {
    const { text } = this;
    const { parts, ignore } = cues;
    if (parts & P.Word && text.charCodeAt(end - 1) === 0x90e8 /* 部 */ && NOT_A_NAME_AFTER_BU.has(text.charCodeAt(end))) return 'word';
    if (parts & P.Title && isEnclosed(text, start, end, '《', '》')) return 'title';
    const before = text.slice(Math.max(0, start - 24), start).replace(/[“"‘']$/u, '');
    if (parts & P.Marker && (markerBefore(before, ignore) || (!ignore.has('原') && FORMER_AFTER.test(text.slice(end, end + 4))))) return 'marker';
    if (parts & P.Foreign && foreignBefore(before, ignore)) return 'foreign';
    if (!(parts & (P.Reform | P.Dated | P.Past))) return undefined;
    const era = this.reader();
    if (parts & P.Reform) {
      const [, se, cs] = era.bounds(start, end);
      if (anyWord(REFORM_AFTER_RE, text.slice(end, se), ignore) || anyWord(REFORM_BEFORE_RE, text.slice(cs, start), ignore)) return 'reform';
    }
    const since = rule.since!;
    if (parts & P.Dated) {
      const d = era.dateOf(start, end);
      if (d) return !d.open && d.from < since ? 'dated' : undefined;
    }
    if (parts & P.Past && era.account(rule, start, end) === 'past') return 'past';
    return undefined;
  }
}

/** Words by their last UTF-16 unit: a word that `before` ends with is looked up by `before`'s last unit. */
function byLast(words: readonly string[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const w of words) {
    const c = w.charCodeAt(w.length - 1);
    let list = m.get(c);
    if (!list) m.set(c, (list = []));
    list.push(w);
  }
  return m;
}
const MARKERS_BY_LAST = byLast(HISTORY_MARKERS);
const FOREIGN_BY_LAST = byLast(FOREIGN_PLACES);
const PLACE_LEVEL_CODES = new Set(Array.from('省市县区州旗镇乡盟', (c) => c.charCodeAt(0)));

/** Whether `before` (the text right before a name) ends with a history marker, maybe followed by a place. */
function markerBefore(before: string, ignore: ReadonlySet<string>): boolean {
  const last = before.charCodeAt(before.length - 1);
  for (const m of MARKERS_BY_LAST.get(last) ?? []) {
    if (!before.endsWith(m) || ignore.has(m)) continue;
    if (!isInsideWord(before, before.length - m.length, m)) return true;
  }
  // A place between the marker and the name: 原江苏省环保局.
  if (!PLACE_LEVEL_CODES.has(last)) return false;
  for (const m of PLACE_MARKERS) {
    if (ignore.has(m)) continue;
    for (let p = before.lastIndexOf(m); p >= 0; p = before.lastIndexOf(m, p - 1)) {
      const place = before.slice(p + m.length);
      if (place.length >= 1 && place.length <= 10 && !NOT_IN_PLACE.test(place) && !isInsideWord(before, p, m)) return true;
      if (p === 0) break;
    }
  }
  return false;
}

/** Whether the marker `m` at `p` of `s` is the end of a longer word that is no marker (当前, 太原). */
function isInsideWord(s: string, p: number, m: string): boolean {
  for (const w of NOT_MARKER) {
    if (w.length <= m.length || !w.endsWith(m.slice(0, 1)) || w.length > NOT_MARKER_MAX) continue;
    // The word ends where the marker's first character is (当前 + 的 for 前的).
    const o = p + 1 - w.length;
    if (o >= 0 && s.startsWith(w, o)) return true;
  }
  return false;
}

function foreignBefore(before: string, ignore: ReadonlySet<string>): boolean {
  const b = before.endsWith('的') ? before.slice(0, -1) : before;
  for (const w of FOREIGN_BY_LAST.get(b.charCodeAt(b.length - 1)) ?? []) if (b.endsWith(w) && !ignore.has(w)) return true;
  return false;
}

function anyWord(re: RegExp, s: string, ignore: ReadonlySet<string>): boolean {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) if (!ignore.has(m[0])) return true;
  return false;
}

/** What the built-in context of a rule leaves alone, one Chinese line per check (for its docs page). */
export function historyDocLines(entry: Pick<RuleEntry, 'kind' | 'history' | 'since' | 'patterns' | 'regex'>): string[] {
  const c = historyConfig(entry);
  if (!c) return [];
  const out: string[] = [];
  const has = (p: P) => (c.parts & p) !== 0;
  if (has(P.Title)) out.push('在书名号《》之内（文件、书籍的名称）');
  const bu = [...(entry.patterns ?? []), ...(entry.regex ?? [])].some((p) => p.includes('部'));
  if (has(P.Word) && bu) out.push('“部”后接“门、署、分、位、件、落、队”（农业部门、部署、部分）：不是机构名');
  if (has(P.Marker)) out.push('名称前有“原、前、时任、曾任、历任、当时的、当年的、前身为、曾为、撤销、不再保留”等（中间可隔地名：原江苏省环保局），或名称后接“原”+职务、单位（……原局长、……原党组书记）');
  if (has(P.Reform)) out.push('所在分句叙述机构改革本身（撤销、不再保留、组建、合并、整合、划入……），或名称后本句内有“更名、改名、并入、划入、撤销、挂牌、旧址、曾用名、时期、期间、成立”等');
  if (has(P.Foreign)) out.push('名称前紧接外国或其他地区名（美国农业部、巴西农业部、该国农业部、台湾、香港、澳门的机构）');
  if (has(P.Dated)) out.push(`分句或句子开头、名称前后的日期早于起始日期（“2016年，……印发……”“……于2016年……”）；“2016年以来”这类延续到现在的时段不算`);
  if (has(P.Past)) out.push('叙述过去：分句里有“曾、曾经、当时、当年、此前”，句首是“当时，”“那年，”“机构改革前，”，或句首时间分句加完成体（“……时，……提出了……”）；日期不早于起始日期时（“去年，……印发了……”）仍提示');
  if (c.ignore.size) out.push(`（本规则不用内置词：${[...c.ignore].map((w) => `“${w}”`).join('、')}）`);
  return out;
}
