/**
 * The era decision: does the text speak of an ended goal or campaign (rule kind `era`: 脱贫攻坚战,
 * 十三五, 党史学习教育…) as current, or as past? Past: silent; current: the rule's severity; cannot
 * tell: a hint.
 *
 * What is read, strongest first:
 * 1. The hit's own phrase: inside a title 《…》 or a meeting's name (…工作会议, 纪念…大会); a past
 *    word right after it (“十三五”末, 全面建成小康社会后, …以来, …成果, 的宝贵经验, 中形成的…精神);
 *    a comparison with it (高于“十三五”时期, 为“十三五”时期的2.2倍); a retrospective verb governing
 *    it (总结, 回顾, 纪念).
 * 2. Tense and mood words in the hit's clause (要, 今年, 正在 | 已, 已经, 曾经, 去年, a verb with 了):
 *    the nearest before the hit, else the first after it.
 * 3. A frame that opens the sentence, the paragraph or the section: retrospective (五年来, 过去一年,
 *    …以来, 回顾, 经过…奋斗; a heading 一、2021年工作回顾) or prospective (今年, 今后, 下一步; a
 *    heading …工作任务). The nearest one wins: the sentence's, then the paragraph's, then the section's.
 * 4. Verbs and adverbs in the hit's clause (打好, 推进, 确保, 继续 | 取得, 如期, 胜利完成, 收官): the
 *    first before the hit (its governing verb phrase: 确保如期完成 is 确保), else the first after it.
 * Cues are words: a cue inside a longer word of the lexicon (重要, 将士, 而已, 可持续) is no cue. A clause
 * runs between ，；：。！？ and line breaks; a quotation or bracket beside the hit is one piece of it.
 * Cues in other clauses of the sentence do not count, except a frame at the sentence's head.
 *
 * Rule data adds cue words (`era.current`, `era.past`: clause words of step 4, or of step 2 when the
 * built-in lists say so; a past word of the rule right after the hit counts as in step 1) and
 * removes built-in ones (`era.ignore`).
 */
import type { CompiledRule } from '../dataset';
import type { Severity } from '../types';
import { isSentenceEnd, markAt, sentenceOnMarks } from '../context';
import { requireMarks, TextDoc } from '../text';
import { blockersOf } from './era-lexicon';

/** Cue classes. */
const enum C {
  /** Tense and mood, current: 要, 今年, 正在. */
  NowStrong = 1,
  /** Tense and aspect, past: 已, 已经, 曾经, 去年. */
  PastStrong = 2,
  /** Verbs and adverbs of a current task: 打好, 推进, 确保, 继续. */
  Now = 3,
  /** Verbs and adverbs of something done: 取得, 如期, 胜利完成. */
  Past = 4,
  /** A verb that looks back on what it governs: 总结, 回顾, 纪念. */
  Retro = 5,
}

/** Built-in cue words, by class (exported for the tests and the docs). */
export const ERA_CUES: Readonly<Record<'nowStrong' | 'pastStrong' | 'now' | 'past' | 'retro', readonly string[]>> = {
  nowStrong: ['要', '今年', '明年', '今后', '当前', '正在', '下一步', '即将', '将要', '力争', '务必', '新的一年', '眼下', '目前', '仍', '仍然', '依然', '仍是', '没有变', '没有改变'],
  pastStrong: ['已', '已经', '曾', '曾经', '去年', '上年', '过去', '此前', '当年', '当时', '那时', '业已', '早已', '今年以来', '去年以来', '了', '完成了', '实现了'],
  now: ['决胜', '打赢', '打好', '坚决', '确保', '推进', '深入开展', '扎实开展', '全力', '奋力', '助力', '聚焦', '持续', '继续', '将', '加快', '抓好', '必须', '努力'],
  past: ['取得', '如期', '历史性', '圆满', '胜利完成', '圆满完成', '顺利完成', '收官', '成就', '成效', '赢得', '决定性', '全面胜利'],
  retro: ['总结', '回顾', '回望', '回首', '纪念', '缅怀', '铭记'],
};

/** Kept for callers of the first version (the cue lists as flat arrays). */
export const ERA_PAST: readonly string[] = [...ERA_CUES.pastStrong, ...ERA_CUES.past, ...ERA_CUES.retro];
export const ERA_CURRENT: readonly string[] = [...ERA_CUES.nowStrong, ...ERA_CUES.now];

const CLASS_OF = new Map<string, C>();
for (const w of ERA_CUES.now) CLASS_OF.set(w, C.Now);
for (const w of ERA_CUES.past) CLASS_OF.set(w, C.Past);
for (const w of ERA_CUES.retro) CLASS_OF.set(w, C.Retro);
for (const w of ERA_CUES.nowStrong) CLASS_OF.set(w, C.NowStrong);
for (const w of ERA_CUES.pastStrong) CLASS_OF.set(w, C.PastStrong);

/** Words right after the hit that make it past (glue such as ” 的 时期 规划 may come between). */
const AFTER_PAST = [
  '以来', '之后', '以后', '后', '末', '收官', '成就', '成果', '成效', '经验', '历程', '基础上', '决定性成就', '伟大成就',
  // the period's review: 做好“十四五”规划实施情况总结评估 is a task of the next period
  '实施情况', '执行情况', '总结评估', '实施评估', '总结',
];
/** What may stand between the hit and a past word after it: “十三五”时期末, 全面建成小康社会的基础上. */
const GLUE_AFTER = /^[”"’'》）)]*(?:的|之)?(?:规划|时期|期间|规划期|阶段|决胜阶段|战略|中)?(?:所)?(?:的|之)?/u;
/** The period's results under review: “十四五”规划目标任务完成情况, …主要指标执行情况, …的总结评估. */
const REVIEW_AFTER = /^(?:主要)?(?:目标任务|目标|任务|指标|项目|重点任务|重大工程)?(?:的)?(?:完成|实施|执行|落实)情况/u;
/** The object of a retrospective verb, after the hit: 总结…“十四五”规划目标任务的经验. */
const RETRO_OBJECT = /^[^，。；！？]{0,16}?的(?:宝贵|成功|主要|重要|有益)?(?:经验|做法|成就|历程|启示)/u;
/** 在脱贫攻坚战中形成的…精神, …中积累的经验. */
const FORMED_IN = /^[”"’'》]*(?:中|期间|过程中|进程中|实践中|斗争中)?(?:所)?(?:形成|铸就|锻造|孕育|凝聚|积累|取得|创造|探索)(?:的|了)/u;
/** Comparison with a finished period: 高于“十三五”时期, 比“十三五”末, 为“十三五”时期的2.2倍. */
const COMPARE_BEFORE = /(?:高于|低于|超过|多于|少于|好于|快于|慢于|优于|相当于|比|较|相比|对比|同|与|为|是)[“"‘']?$/u;
const COMPARE_AFTER = /^[”"’']?(?:规划期|时期|期间|末|同期|水平|年均)/u;
/** A meeting named after the hit: 群众路线教育实践活动工作会议, 建党100周年大会. */
const MEETING_AFTER =
  /^[”"’']?(?:的)?(?:工作|总结|动员|部署|推进|专题|表彰|纪念|庆祝|座谈|学习|汇报|经验交流|现场|启动|总结表彰)?(?:会议|大会|座谈会|报告会|表彰会|研讨班|研讨会|纪念会|总结会|动员会|推进会)/u;

/** Frames that open a sentence, paragraph or heading. */
const RETRO_FRAME =
  /(?:[一二两三四五六七八九十几多\d]+(?:个)?年(?:来|以来|间)|以来|(?:过去|这|近|最近)(?:的)?[一二两三四五六七八九十几\d]+年|近年|近些年|这些年|^(?:回顾|回首|回望|纵观|总结)|经过.{0,16}(?:奋斗|努力|拼搏|实践|攻坚|奋战)|^(?:去年|上年|过去一年|过去的一年|当年|当时|那时|彼时|那年|此前|早年|昔日|曾经)|期间$)/u;
const NOW_FRAME = /^(?:今年(?!以来)|明年|今后|下一步|新的一年|未来|当前|接下来|下半年|“十五五”时期|十五五时期)/u;
/** Headings: the section frames. */
const HEADING = /^[\s　]*(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)|#{1,3}\s)/u;
/** The characters a heading can start with (after spaces). */
const HEADING_FIRST = new Set(Array.from('一二三四五六七八九十第#', (c) => c.charCodeAt(0)));
const RETRO_HEADING = /回顾|过去|成就|变革|历程|总结/u;
const NOW_HEADING = /任务|总体要求|政策取向|工作安排|主要工作|重点工作|今后|下一步|部署/u;

interface RuleCues {
  /** Every cue word by its first character (UTF-16 unit), longest first. */
  byFirst: Map<number, string[]>;
  cls: Map<string, C>;
  blockers: Map<string, Array<[string, number]>>;
  /** The rule's own past words, also read right after the hit. */
  after: readonly string[];
  /** The rule's own cue words: at the head of a sentence they frame it (5年过渡期内，…). */
  own: Map<string, Reading>;
}

const RULE_CUES = new WeakMap<CompiledRule, RuleCues>();

/** 1 for the first UTF-16 unit of any rule's cue word: most characters of a clause start none. */
const CUE_FIRST = new Uint8Array(65536);

/** Words (longest first) grouped by their first UTF-16 unit, the order kept. */
function groupByFirst(words: readonly string[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const w of words) {
    const c = w.charCodeAt(0);
    CUE_FIRST[c] = 1;
    let list = m.get(c);
    if (!list) m.set(c, (list = []));
    list.push(w);
  }
  return m;
}

/** `blockersOf` by cue word: the same few dozen built-in cues are looked up for every rule. */
const BLOCKERS = new Map<string, ReadonlyArray<[string, number]>>();

function blockersOfCue(w: string): ReadonlyArray<[string, number]> {
  let b = BLOCKERS.get(w);
  if (!b) BLOCKERS.set(w, (b = blockersOf(w)));
  return b;
}

/** The cues of every rule without an `era` entry of its own (most rules): made once. */
let defaultCues: RuleCues | undefined;

function cuesOf(rule: CompiledRule): RuleCues {
  let c = RULE_CUES.get(rule);
  if (c) return c;
  const era = rule.entry.era;
  if (!era) {
    c = defaultCues ??= makeCues(undefined);
    RULE_CUES.set(rule, c);
    return c;
  }
  c = makeCues(era);
  RULE_CUES.set(rule, c);
  return c;
}

function makeCues(era: CompiledRule['entry']['era']): RuleCues {
  const ignore = new Set(era?.ignore ?? []);
  const cls = new Map<string, C>();
  for (const [w, k] of CLASS_OF) if (!ignore.has(w)) cls.set(w, k);
  // The rule's words: their built-in class if they have one, else a clause verb of their side.
  for (const w of era?.current ?? []) {
    const k = CLASS_OF.get(w);
    cls.set(w, k === C.NowStrong ? k : C.Now);
  }
  for (const w of era?.past ?? []) {
    const k = CLASS_OF.get(w);
    cls.set(w, k === C.PastStrong || k === C.Retro ? k : w.endsWith('了') ? C.PastStrong : C.Past);
  }
  const words = [...cls.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const blockers = new Map<string, Array<[string, number]>>();
  for (const w of words) {
    const b = blockersOfCue(w).filter(([x]) => !cls.has(x));
    if (b.length) blockers.set(w, b);
  }
  return {
    byFirst: groupByFirst(words),
    cls,
    blockers,
    after: [...AFTER_PAST, ...(era?.past ?? [])].filter((w) => !ignore.has(w)),
    own: new Map<string, Reading>([...(era?.current ?? []).map((w): [string, Reading] => [w, 'now']), ...(era?.past ?? []).map((w): [string, Reading] => [w, 'past'])]),
  };
}

function startsWithAt(text: string, w: string, at: number): boolean {
  return at >= 0 && text.startsWith(w, at);
}

/** Whether the cue `w` found at `p` stands as a word (not inside a longer word of the lexicon). */
function isCueWordAt(text: string, p: number, w: string, cues: RuleCues): boolean {
  const b = cues.blockers.get(w);
  if (!b) return true;
  for (let i = 0; i < b.length; i++) if (startsWithAt(text, b[i][0], p - b[i][1])) return false;
  return true;
}

const isClauseMark = (c: number) =>
  c === 0xff0c || c === 44 || c === 0xff1b || c === 59 || c === 0xff1a || c === 58 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63 || c === 10 || c === 13;


// A note on style: in a short CLI run this code runs unoptimized (src/cli/jit.ts), where array
// destructuring and `for…of` go through the iterator protocol, an object per step. The reading
// paths below index arrays instead (a 1 MB draft: about 1.5 MB less garbage per run).

// Sentences, clauses, quotations and titles are read on the text's marks: these must be among them.
requireMarks('，,；;：:。！？!?\n\r“”（）()《》');

/** How far from the hit its own phrase is read (a meeting's name, a comparison, what it left behind). */
const PHRASE_REACH = 24;

/** Bounds of what is read around a hit (characters each side). */
const MAX_SENTENCE = 300;

/** The closing mark of a quotation or bracket that opens with `c` (0: `c` opens none). */
const closerOf = (c: number) => (c === 0x201c ? 0x201d : c === 0xff08 ? 0xff09 : c === 0x300a ? 0x300b : c === 40 ? 41 : 0);
const openerOf = (c: number) => (c === 0x201d ? 0x201c : c === 0xff09 ? 0xff08 : c === 0x300b ? 0x300a : c === 41 ? 40 : 0);

/**
 * The clause around [start, end) within [lo, hi): from the clause mark before it to the one after
 * it, skipping marks inside a quotation or bracket that stands wholly on one side of the hit. Walks
 * the text's marks (every clause mark, quote and bracket is one), not its characters.
 */
function clauseAround(text: string, marks: Int32Array, start: number, end: number, lo: number, hi: number): [number, number] {
  let s = lo;
  for (let k = markAt(marks, start) - 1; k >= 0 && marks[k] >= lo; ) {
    const c = text.charCodeAt(marks[k]);
    if (isClauseMark(c)) {
      s = marks[k] + 1;
      break;
    }
    const open = openerOf(c);
    if (open) {
      let j = k - 1;
      while (j >= 0 && marks[j] >= lo && text.charCodeAt(marks[j]) !== open) j--;
      if (j >= 0 && marks[j] >= lo) {
        k = j - 1;
        continue;
      }
    }
    k--;
  }
  let e = hi;
  for (let k = markAt(marks, end); k < marks.length && marks[k] < hi; ) {
    const c = text.charCodeAt(marks[k]);
    if (isClauseMark(c)) {
      e = marks[k];
      break;
    }
    const close = closerOf(c);
    if (close) {
      let j = k + 1;
      while (j < marks.length && marks[j] < hi && text.charCodeAt(marks[j]) !== close) j++;
      if (j < marks.length && marks[j] < hi) {
        k = j + 1;
        continue;
      }
    }
    k++;
  }
  return [s, e];
}

/** [start, end) of the sentence around the hit (。！？；!?; and line breaks end one; at most MAX_SENTENCE each side). */
function sentenceOf(text: string, marks: Int32Array, start: number, end: number): [number, number] {
  return sentenceOnMarks(text, marks, start, end, MAX_SENTENCE);
}

/** The frame a heading gives its section: 一、2021年工作回顾 (past), 三、2022年政府工作任务 (now). */
function headingFrame(h: string): Reading {
  const past = RETRO_HEADING.test(h);
  const now = NOW_HEADING.test(h);
  return past && !now ? 'past' : now && !past ? 'now' : undefined;
}

/** past | now | undefined, from a frame that opens `head`. */
function frameOf(head: string, refYear = Infinity): 'past' | 'now' | undefined {
  if (NOW_FRAME.test(head)) return 'now';
  if (RETRO_FRAME.test(head)) return 'past';
  // A year before the reference date's (2012年，… / 早在1956年，… / 到2020年，…): what the
  // sentence says belongs to that year, so it is history as of the reference date.
  const y = head.includes('年') ? yearIn(head) : undefined;
  if (y !== undefined && y < refYear) return 'past';
  return undefined;
}

/**
 * Frames of a past account that name a closed moment of the past (当时，… / 那年，… / 早年，…), for
 * `EraReader.account`: not the retrospective frames of a period that runs up to now (五年来,
 * 党的十八大以来, 过去一年, 近年), nor a year (an old name is dated against its rule's day, see
 * `EraReader.dateOf`).
 */
const CLOSED_PAST_FRAME = /^(?:当年|当时|那时|彼时|那年|那一年|此前|早年|昔日|曾经|往昔|早先|起初|最初)/u;
/**
 * Past cues of an account, for an old name: words of history. The other past cues tell nothing by
 * themselves: a recent period (去年, 今年以来: as of the reference date it may come after the
 * renaming) or a perfective (印发了, 已经: 农业部印发了春耕生产指导意见 in a draft of today is the old
 * name used for today's ministry), which counts only under a time clause (……时，国家计委提出了……).
 */
const ACCOUNT_PAST = new Set(['曾', '曾经', '当年', '当时', '那时', '此前', '早已']);
const RECENT_PAST = new Set(['去年', '上年', '今年以来', '去年以来', '过去']);
/** Before the reform, at the head of a sentence: 机构改革前，… / 更名之前，… */
const BEFORE_REFORM_FRAME = /(?:改革|更名|改名|合并|撤销|撤并|组建|重组|改组|挂牌|转隶)(?:之|以)?前$/u;
/** A time clause at the head of a sentence: ……时，/ ……期间，/ ……之际，. */
const TIME_CLAUSE_FRAME = /(?:时|之时|的时候|期间|之际)$/u;

const YEAR = /(?:^|[^\d])(\d{4})年|([〇零○〇一二三四五六七八九]{4})年/u;
const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function yearIn(head: string): number | undefined {
  const m = YEAR.exec(head);
  if (!m) return undefined;
  if (m[1]) return +m[1];
  let y = 0;
  for (const ch of m[2]) y = y * 10 + CN_DIGITS[ch];
  return y >= 1900 && y <= 2200 ? y : undefined;
}

/** A date in prose: 2016年, 2016年3月, 2016年3月5日, 二〇一六年三月 (year, month, day groups). */
const DATE_SRC = '(\\d{4}|[〇零○一二三四五六七八九]{4})\\s*年(?:\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月(?:\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号])?)?';
/** A year relative to the reference date's. */
const RELATIVE_YEAR: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 上年: -1, 今年: 0, 本年: 0, 明年: 1 };
const RELATIVE_SRC = '(前年|去年|上年|今年|本年|明年)';
/** A date opening a clause or a sentence (早在2016年，… / 2016年3月，… / 去年，…). */
const DATE_AT_HEAD = new RegExp(`^(?:早在|在|于|到|截至|截止)?\\s*(?:${DATE_SRC}|${RELATIVE_SRC})`, 'u');
/** A clause that names the source of figures: 据…统计, 根据…的数据, 据…公布/发布/测算/调查/监测/显示. */
const ATTRIBUTION = /^\s*(?:据|根据)[^，,；;。]{1,30}(?:统计|数据|测算|调查|监测|公布|发布|显示|通报)(?:的数据|的数字|数据)?\s*$/u;
/** A time adverbial right after the hit (国土资源部于2016年印发…, 国土资源部去年…). */
const DATE_AFTER = new RegExp(`^(?:于|在)?\\s*(?:${DATE_SRC}|${RELATIVE_SRC})`, 'u');
/** A date right before the hit (1912年中华民国成立, 2016年国土资源部…). */
const DATE_BEFORE = new RegExp(`${DATE_SRC}(?:[初中底末]|上半年|下半年)?$`, 'u');
/** What makes a date the start of a period that runs on (2016年以来, 2016年起, 2016年至今). */
const OPEN_AFTER_DATE = /^\s*(?:[初中底末])?(?:以来|来|起|开始|至今|以后|之后|后)/u;

function cnNumber(s: string): number {
  if (/^\d+$/u.test(s)) return +s;
  if (s.length === 4) {
    let y = 0;
    for (const ch of s) y = y * 10 + CN_DIGITS[ch];
    return y;
  }
  // 一 … 三十一
  const t = s.indexOf('十');
  if (t < 0) return CN_DIGITS[s] ?? NaN;
  return (t === 0 ? 1 : CN_DIGITS[s[0]]) * 10 + (t === s.length - 1 ? 0 : CN_DIGITS[s[t + 1]]);
}

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The first day of the period a date match names, or undefined when it is no date. */
function dateFrom(m: RegExpExecArray, refYear: number): string | undefined {
  if (m[4] !== undefined) {
    if (!Number.isFinite(refYear)) return undefined;
    return `${refYear + RELATIVE_YEAR[m[4]]}-01-01`;
  }
  const y = cnNumber(m[1]);
  if (!(y >= 1800 && y <= 2200)) return undefined;
  const mo = m[2] !== undefined ? cnNumber(m[2]) : 1;
  const d = m[3] !== undefined ? cnNumber(m[3]) : 1;
  if (!(mo >= 1 && mo <= 12) || !(d >= 1 && d <= 31)) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** When an account is placed: the first day of the period it names, and whether that period runs on up to now. */
export interface AccountDate {
  from: string;
  open: boolean;
}

type Reading = 'past' | 'now' | undefined;
const FRAME_READING: readonly Reading[] = [undefined, undefined, 'past', 'now'];
const readingCode = (r: Reading) => (r === 'past' ? 2 : r === 'now' ? 3 : 1);

/** A head clause that introduces what is seen or said, not a task: 要看到，… / 必须清醒认识到，… */
const PERCEIVE = /看到|认识到|意识到|知道|懂得|明白|相信|指出|强调|表明|证明|说明/u;
/** 是在……召开的: the hit describes when an event was held. */
const HELD_IN = /是在[^。！？；\n]*$/u;
const HELD_AFTER = /^[^。！？；\n]*(?:召开|举行)的/u;
/** What introduces a quotation: a colon, or a verb of saying right before the mark. */
const SAYS_BEFORE = /(?:[：:]|说|指出|强调|提出|要求|讲)$/u;

function headClauseOf(s: string): string {
  let e = 0;
  while (e < s.length && e < 40 && !isClauseMark(s.charCodeAt(e))) e++;
  return s.slice(0, e);
}

/** What may stand before a hit that is the subject opening its sentence. */
const SUBJECT_PREFIX = /^[\s　“”"‘’'—]*$/u;
/** An enumeration marker opening a paragraph: 第三，/ 三是 / （三）/ 3. / 首先 */
const ENUM_MARKER = /^[\s　]*(?:第[一二三四五六七八九十]{1,3}[，,、是]|[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|首先|其次|再次|此外)/u;
/**
 * 将 is a future auxiliary before a verb or adverb (我们将全力推进), a preposition before a noun
 * (将脱贫攻坚纳入…): only the first is a tense word.
 */
const FUTURE_AFTER_JIANG = /^(?:继续|全力|进一步|更加|不断|大力|加快|全面|深入|着力|坚决|持续|努力|切实|扎实|推进|开展|实施|确保|会|在|迎来|进入|召开|举行)/u;
/** How many paragraphs back an enumeration looks for the paragraph that introduced it. */
const ENUM_REACH = 40;
/** The longest first sentence read as a paragraph's title. */
const TITLE_MAX = 24;

/**
 * The cues of [s, e) as words: offset, class and length of each, interleaved (a verb with 了
 * counts as past). Leftmost-longest, as an alternation of the words would find them, but looked up
 * by their first character: a regex of a hundred alternatives tries each one at every position.
 */
function cueList(text: string, s: number, e: number, cues: RuleCues): number[] {
  const out: number[] = [];
  const byFirst = cues.byFirst;
  for (let p = s; p < e; ) {
    const c = text.charCodeAt(p);
    if (CUE_FIRST[c] === 0) {
      p++;
      continue;
    }
    const words = byFirst.get(c);
    let w: string | undefined;
    if (words) {
      for (let i = 0; i < words.length; i++) {
        const x = words[i];
        if (p + x.length <= e && text.startsWith(x, p)) {
          w = x;
          break;
        }
      }
    }
    if (!w || !isCueWordAt(text, p, w, cues)) {
      p++;
      continue;
    }
    let k = cues.cls.get(w)!;
    if ((k === C.Now || k === C.Past) && text.charCodeAt(p + w.length) === 0x4e86 /* 了 */) k = C.PastStrong;
    else if (w === '将' && k === C.Now && FUTURE_AFTER_JIANG.test(text.slice(p + 1, p + 4))) k = C.NowStrong;
    out.push(p, k, w.length);
    p += w.length;
  }
  return out;
}

/** Bounds of the first clause from `s` (spaces skipped, at most 40 characters). */
function headClauseBounds(text: string, marks: Int32Array, s: number, limit: number, max = 40): [number, number] {
  while (s < limit && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 0x3000 || text.charCodeAt(s) === 9)) s++;
  const stop = Math.min(limit, s + max);
  for (let k = markAt(marks, s); k < marks.length && marks[k] < stop; k++) {
    if (isClauseMark(text.charCodeAt(marks[k]))) return [s, marks[k]];
  }
  return [s, stop];
}

/**
 * Reads era decisions in one text: keeps the line index and, per line, the frame of its section
 * (found by walking back to the nearest heading once, then remembered).
 */
export class EraReader {
  private section?: Int8Array; // per line, its section heading's frame: 0 unknown, 1 none, 2 past, 3 now
  private paragraph?: Int8Array; // per line, the frame read from its head (same codes)
  /** The reference date's year (a year named at a sentence's head before it is history). */
  private readonly refYear: number;
  /** Where the text's punctuation marks and line breaks stand (TextDoc.marks): sentences and clauses are read on them. */
  private readonly marks: Int32Array;

  constructor(
    private readonly text: string,
    private readonly doc: TextDoc,
    /** The reference date (YYYY-MM-DD); without it no year counts as past. */
    date?: string,
  ) {
    this.refYear = date ? +date.slice(0, 4) : Infinity;
    this.marks = doc.marks;
  }

  /** The sentence of the hit being read. */
  private ss = 0;
  private se = 0;

  /** Which step decided the last reading (for tests and for explaining a decision). */
  step = '';

  /** Reading for `account` (see there) rather than for an era rule. */
  private accountMode = false;
  /** In account mode: a perfective cue was passed over in the hit's clause. */
  private perfective = false;

  private at(step: string, r: Reading): Reading {
    this.step = step;
    return r;
  }

  /** The rule's severity when the text treats the hit as current, undefined when past, else a hint. */
  severity(rule: CompiledRule, start: number, end: number): Severity | undefined {
    const r = this.read(rule, start, end);
    return r === 'past' ? undefined : r === 'now' ? rule.kind.severity : 'hint';
  }

  read(rule: CompiledRule, start: number, end: number): Reading {
    const r = this.readPhraseAndContext(rule, start, end);
    if (r === 'past') return r;
    // What makes a reading that is not past a past one after all (read last: they cost more).
    const { text } = this;
    const ss = this.ss;
    const se = this.se;
    // The setting of an event that was held: 党的二十届四中全会是在我国即将胜利完成“十四五”主要目标任务……召开的.
    const lead = text.slice(ss, start);
    const shi = lead.lastIndexOf('是在');
    if (shi >= 0 && HELD_IN.test(lead.slice(shi)) && HELD_AFTER.test(text.slice(end, se))) return this.at('held-in', 'past');
    // Reported speech under a past frame: 当时，胡锦涛同志说：“……我们党要……” (the quote's tense is its speaker's).
    if (this.quotedUnderPast(cuesOf(rule), start, ss)) return this.at('quoted-past', 'past');
    return r;
  }

  /**
   * Whether the text gives an account of the past around [start, end), for an old name (a body
   * renamed or abolished): the steps of `read` that place what is said in a closed past — the
   * hit's own phrase (a title, a comparison, 成立以来…; not a meeting's name: 中央深改组会议审议通过
   * is the old name used for today's body), a word of history in its clause (曾, 曾经, 当时, 当年,
   * 此前: the nearest before the hit, else the first after it), a frame at the sentence's head that
   * names a closed moment (当时，… / 那年，… / 机构改革前，…) or a time clause over a perfective
   * (……时，国家计委提出了……),
   * reported speech under such a frame. A perfective alone (农业部印发了…) is no account, nor are
   * the frames of a period that runs up to now (五年来, 近年, 党的十八大以来, 去年: as of the reference
   * date those years may come after the renaming), a paragraph's or section's frame, verbs such as
   * 取得. 'now' when a present or future word decides (要, 今年, 正在); undefined when nothing does.
   * Years are not read here: see `dateOf`.
   */
  account(rule: CompiledRule, start: number, end: number): Reading {
    this.accountMode = true;
    this.perfective = false;
    try {
      return this.read(rule, start, end);
    } finally {
      this.accountMode = false;
    }
  }

  /**
   * The date an account around [start, end) is placed at, if the text says: a date right before the
   * hit (1912年中华民国…), a time adverbial right after it (国土资源部于2016年印发…), a date opening
   * the hit's clause (2016年国土资源部…) or its sentence (2016年，国土资源部…… / 早在2003年抗击非典期间，…).
   * 去年, 今年 … count from the reference date. A period that runs on (2016年以来, 2016年起) is
   * `open`. For an old name (see `account`): what a draft places before the renaming is history.
   */
  dateOf(start: number, end: number): AccountDate | undefined {
    const { text } = this;
    const bs = this.bounds(start, end);
    const ss = bs[0], se = bs[1], cs = bs[2], ce = bs[3];
    const at = (m: RegExpExecArray | null, restAt: number): AccountDate | undefined => {
      if (!m) return undefined;
      const from = dateFrom(m, this.refYear);
      if (!from) return undefined;
      return { from, open: OPEN_AFTER_DATE.test(text.slice(restAt, Math.min(restAt + 4, se))) };
    };
    const before = DATE_BEFORE.exec(text.slice(Math.max(cs, start - 16), start));
    if (before) {
      const d = at(before, start);
      if (d) return d;
    }
    const after = DATE_AFTER.exec(text.slice(end, Math.min(ce, end + 16)));
    if (after) {
      const d = at(after, end + after.index + after[0].length);
      if (d) return d;
    }
    const hb = headClauseBounds(text, this.marks, cs, Math.min(ce, start));
    const hs = hb[0], he = hb[1];
    const head = DATE_AT_HEAD.exec(text.slice(hs, he));
    if (head) {
      const d = at(head, hs + head[0].length);
      if (d) return d;
    }
    if (cs > ss) {
      const tb = headClauseBounds(text, this.marks, ss, se);
      const ts = tb[0], te = tb[1];
      const top = DATE_AT_HEAD.exec(text.slice(ts, te));
      if (top) return at(top, ts + top[0].length);
    }
    // A source named for figures (据国务院扶贫办统计，2019年……): the figures' date heads the next clause.
    if (ce < se && ATTRIBUTION.test(text.slice(cs, ce))) {
      const nb = headClauseBounds(text, this.marks, ce + 1, se);
      const ns = nb[0], ne = nb[1];
      const next = DATE_AT_HEAD.exec(text.slice(ns, ne));
      if (next) return at(next, ns + next[0].length);
    }
    return undefined;
  }

  /** The sentence [ss, se) and the clause [cs, ce) around [start, end), as this reader reads them (the last ones kept). */
  bounds(start: number, end: number): readonly [number, number, number, number] {
    const b = this.lastBounds;
    if (b && b[4] === start && b[5] === end) return b as unknown as [number, number, number, number];
    const sb = sentenceOf(this.text, this.marks, start, end);
    const ss = sb[0], se = sb[1];
    const cb = clauseAround(this.text, this.marks, start, end, ss, se);
    const cs = cb[0], ce = cb[1];
    this.lastBounds = [ss, se, cs, ce, start, end];
    return [ss, se, cs, ce];
  }
  private lastBounds?: [number, number, number, number, number, number];

  /** A frame at the head of a sentence or quotation's introduction: the era's, or an account's. */
  private frameOf(head: string): Reading {
    if (!this.accountMode) return frameOf(head, this.refYear);
    if (NOW_FRAME.test(head)) return 'now';
    if (CLOSED_PAST_FRAME.test(head) || BEFORE_REFORM_FRAME.test(head)) return 'past';
    return this.perfective && TIME_CLAUSE_FRAME.test(head) ? 'past' : undefined;
  }

  /** In account mode, a past cue other than a word of history is no cue (a perfective is noted). */
  private skipCue(text: string, p: number, k: C, len: number): boolean {
    if (!this.accountMode || k !== C.PastStrong) return false;
    const w = text.slice(p, p + len);
    if (ACCOUNT_PAST.has(w)) return false;
    if (!RECENT_PAST.has(w)) this.perfective = true;
    return true;
  }

  private readPhraseAndContext(rule: CompiledRule, start: number, end: number): Reading {
    const { text } = this;
    const cues = cuesOf(rule);
    const bs = this.bounds(start, end);
    const ss = bs[0], se = bs[1], cs = bs[2], ce = bs[3];
    this.ss = ss;
    this.se = se;
    // Only the ends next to the hit are read as strings (the phrase tests are anchored there).
    const before = text.slice(Math.max(cs, start - PHRASE_REACH), start);
    const after = text.slice(end, Math.min(ce, end + PHRASE_REACH));

    // 1. The hit's own phrase.
    if (isInTitle(text, this.marks, start, end, ss, se)) return this.at('title', 'past');
    // A meeting of an old body (中央深改组会议) is no account by itself.
    if (!this.accountMode && MEETING_AFTER.test(after)) return this.at('meeting', 'past');
    if (FORMED_IN.test(after)) return this.at('formed-in', 'past');
    if (COMPARE_BEFORE.test(before) && COMPARE_AFTER.test(after)) return this.at('comparison', 'past');
    const glue = GLUE_AFTER.exec(after);
    const rest = glue ? after.slice(glue[0].length) : after;
    const afterWords = cues.after;
    for (let i = 0; i < afterWords.length; i++) {
      const w = afterWords[i];
      if (rest.startsWith(w) && isCueWordAt(text, end + (after.length - rest.length), w, cues)) return this.at(`after:${w}`, 'past');
    }
    if (REVIEW_AFTER.test(rest)) return this.at('review', 'past');
    // Not only right after the hit: 末 after “十三五”时期 (the glue took 时期).
    for (let i = 0; i < afterWords.length; i++) {
      const w = afterWords[i];
      if (after.startsWith(w) && isCueWordAt(text, end, w, cues)) return this.at(`after:${w}`, 'past');
    }

    // Cue words of the clause, as words.
    const list = cueList(text, cs, ce, cues);
    let strongBefore: C | undefined; // the nearest before the hit
    let strongAfter: C | undefined; // the first after it
    let weakBefore: C | undefined; // the first before the hit (its governing verb phrase)
    let weakAfter: C | undefined;
    let nearest: C | undefined;
    let retroBefore = false;
    for (let i = 0; i < list.length; i += 3) {
      const p = list[i];
      const k = list[i + 1] as C;
      if (this.skipCue(text, p, k, list[i + 2])) continue;
      if (p < start) {
        nearest = k;
        if (k === C.Retro) retroBefore = true;
        if (k === C.NowStrong || k === C.PastStrong) strongBefore = k;
        else if (weakBefore === undefined && k !== C.Retro) weakBefore = k;
      } else if (p >= end) {
        if (k === C.NowStrong || k === C.PastStrong) strongAfter ??= k;
        else weakAfter ??= k === C.Retro ? C.Past : k;
      }
    }
    // 1 (end). A retrospective verb governing the hit: 要认真总结全面建成小康社会的宝贵经验; also
    // with words between, when the object is what the period left (总结高质量完成“十四五”…的经验).
    if (nearest === C.Retro) return this.at('retro-verb', 'past');
    if (retroBefore && RETRO_OBJECT.test(after)) return this.at('retro-verb', 'past');

    // 2. Tense and mood in the clause.
    const strong = strongBefore ?? strongAfter;
    if (strong !== undefined) return this.at('clause-tense', strong === C.NowStrong ? 'now' : 'past');

    // 2 (cont.). The hit as the subject that opens its sentence: its predicate runs on into the
    // next clauses (以胡锦涛同志为总书记的党中央以…持续加强…，提出了…).
    if (cs === ss && start - cs <= PHRASE_REACH && SUBJECT_PREFIX.test(before) && ce < se) {
      const rest = cueList(text, ce, se, cues);
      // Only a perfective (了, 已经) tells: a 要 there may have another subject (…取得决定性成就，要总结经验).
      for (let i = 0; i < rest.length; i += 3) {
        const k = rest[i + 1];
        if (this.skipCue(text, rest[i], k, rest[i + 2])) continue;
        if (k === C.NowStrong) break;
        if (k === C.PastStrong) return this.at('predicate-tense', 'past');
      }
    }

    // 3. Frames: the sentence's head, the paragraph's head, then from above (section).
    const sentenceFrame = this.sentenceFrame(cues, ss, se, cs);
    if (sentenceFrame) return this.at('sentence-frame', sentenceFrame);
    // An account is read in its sentence only.
    if (this.accountMode) return this.at('none', undefined);
    const li = this.doc.lineIndexAt(start);
    const lineStart = this.doc.lineStarts[li];
    if (this.isHeading(li)) {
      const heading = headingFrame(this.doc.lineText(li));
      if (heading) return this.at('heading', heading);
    }
    const paragraphCode = lineStart < ss ? this.paragraphCode(cues, li) : 1;
    if (paragraphCode === 2 || paragraphCode === 3) return this.at('paragraph-frame', FRAME_READING[paragraphCode]);
    const above = this.frameAbove(cues, li);
    if (above) return this.at('frame-above', above);
    // A title-like first sentence with verbs only (全面从严治党成效卓著。): weaker than the section.
    if (paragraphCode >= 4) return this.at('paragraph-title', paragraphCode === 4 ? 'past' : 'now');

    // 4. Verbs and adverbs in the clause.
    const weak = weakBefore ?? weakAfter;
    if (weak !== undefined) return this.at('clause-verb', weak === C.Now ? 'now' : 'past');
    return this.at('none', undefined);
  }

  /**
   * Whether the hit lies in a quotation (“…” opened in its paragraph, after a colon or a verb of
   * saying) whose introducing sentence is framed as past (当时，… / 2002年，… / 他曾说：).
   */
  private quotedUnderPast(cues: RuleCues, start: number, ss: number): boolean {
    const { text } = this;
    const li = this.doc.lineIndexAt(start);
    const ls = this.doc.lineStarts[li];
    let open = -1;
    const marks = this.marks;
    const lo = Math.max(ls, start - MAX_SENTENCE);
    for (let k = markAt(marks, start) - 1, depth = 0; k >= 0 && marks[k] >= lo; k--) {
      const c = text.charCodeAt(marks[k]);
      if (c === 0x201d) depth++;
      else if (c === 0x201c) {
        if (depth === 0) {
          open = marks[k];
          break;
        }
        depth--;
      }
    }
    if (open < 0 || !SAYS_BEFORE.test(text.slice(Math.max(ls, open - 4), open))) return false;
    // The sentence that introduces the quotation, up to the quotation mark.
    const ob = sentenceOf(text, this.marks, open, open);
    const os = ob[0];
    const intro = text.slice(Math.min(os, ss), open);
    if (this.frameOf(headClauseOf(intro)) === 'past') return true;
    const list = cueList(text, Math.min(os, ss), open, cues);
    for (let i = 0; i < list.length; i += 3) if (list[i + 1] === C.PastStrong && !this.skipCue(text, list[i], C.PastStrong, list[i + 2])) return true;
    return false;
  }

  /**
   * A frame at the head of the sentence [ss, se) whose hit is in the clause starting at `cs`: a
   * retrospective or prospective opening (五年来，… / 今年，…), or, when the head is another clause,
   * a tense or mood word there that governs the verbs listed after it (我们要顺应…，…，打赢脱贫攻坚战).
   */
  private sentenceFrame(cues: RuleCues, ss: number, se: number, cs: number): Reading {
    const { text } = this;
    const hb = headClauseBounds(text, this.marks, ss, se);
    const hs = hb[0], he = hb[1];
    const f = this.frameOf(text.slice(hs, he));
    if (f || he >= cs) return f;
    const head = text.slice(hs, he);
    if (PERCEIVE.test(head)) return undefined; // 要看到，… / 我们深刻认识到，…
    const list = cueList(text, hs, he, cues);
    for (let i = 0; i < list.length; i += 3) {
      const k = list[i + 1];
      if (this.skipCue(text, list[i], k, list[i + 2])) continue;
      if (k === C.NowStrong) return 'now';
      if (k === C.PastStrong) return 'past';
      // The rule's own past words frame the sentence (邓小平同志提出“三步走”战略，… / 5年过渡期内，…).
      // Its current words do not: they are verbs of the head's own clause (奋斗 in 奋斗目标).
      if (cues.own.get(text.slice(list[i], list[i] + list[i + 2])) === 'past') return 'past';
    }
    return undefined;
  }

  /**
   * The frame of paragraph (line) `li` from its head: an opening frame (五年来，…), or a short
   * first sentence that reads as the paragraph's title (全面从严治党成效卓著。 / （一）坚决打好三大攻坚战。),
   * read with all its cues. An enumeration marker at the start is skipped.
   */
  private paragraphFrame(cues: RuleCues, li: number): Reading {
    const c = this.paragraphCode(cues, li);
    return c >= 4 ? (c === 4 ? 'past' : 'now') : FRAME_READING[c];
  }

  /** 1 none, 2 past, 3 now (an opening frame or a tense word), 4 past, 5 now (verbs of a title only). */
  private paragraphCode(cues: RuleCues, li: number): number {
    const memo = (this.paragraph ??= new Int8Array(this.doc.lineCount));
    if (memo[li] === 0) memo[li] = this.readParagraphHead(cues, li);
    return memo[li];
  }

  private readParagraphHead(cues: RuleCues, li: number): number {
    const { text, doc } = this;
    const ls = doc.lineStarts[li];
    const le = doc.lineEnd(li);
    if (le <= ls) return 1;
    const marker = ENUM_MARKER.exec(text.slice(ls, Math.min(le, ls + 12)));
    const s = ls + (marker ? marker[0].length : 0);
    const hb = headClauseBounds(text, this.marks, s, le);
    const hs = hb[0], he = hb[1];
    const f = frameOf(text.slice(hs, he), this.refYear);
    if (f) return readingCode(f);
    // A title-like first sentence.
    let e = s;
    const stop = Math.min(le, s + TITLE_MAX + 1);
    while (e < stop && !isSentenceEnd(text.charCodeAt(e))) e++;
    if (e - s > TITLE_MAX || e >= le) return 1; // too long, or the whole paragraph
    const list = cueList(text, s, e, cues);
    let past = false;
    let now = false;
    for (let i = 0; i < list.length; i += 3) {
      const k = list[i + 1];
      if (k === C.NowStrong) return 3;
      if (k === C.PastStrong) return 2;
      if (k === C.Now) now = true;
      else past = true;
    }
    return past && !now ? 4 : now && !past ? 5 : 1;
  }

  /**
   * The frame over line `li` from above: for a paragraph that continues an enumeration (第三，… /
   * 三是… / （三）…), the nearest earlier framed paragraph of its section (党的十八大以来，… over
   * 第一，… 第二，…); for any paragraph, the section's heading (一、2021年工作回顾).
   */
  private frameAbove(cues: RuleCues, li: number): Reading {
    if (this.isHeading(li)) return undefined; // a heading is read for itself
    const { doc, text } = this;
    const enumerated = ENUM_MARKER.test(text.slice(doc.lineStarts[li], Math.min(doc.lineEnd(li), doc.lineStarts[li] + 12)));
    if (enumerated) {
      // Back over the enumeration's other items to the paragraph that introduces it.
      for (let j = li - 1; j >= 0 && j >= li - ENUM_REACH; j--) {
        if (this.isHeading(j)) break;
        const js = doc.lineStarts[j];
        const je = doc.lineEnd(j);
        if (je <= js || ENUM_MARKER.test(text.slice(js, Math.min(je, js + 12)))) continue;
        const f = this.paragraphFrame(cues, j);
        if (f) return f;
        break;
      }
    }
    return this.sectionFrame(li);
  }

  /**
   * The frame that governs line `li` from above: the nearest earlier paragraph of its section that
   * opens with a frame (党的十八大以来，… over 第一，… 第二，…), else the section's heading
   * (一、2021年工作回顾). A heading is read for itself, not under the heading before it.
   */
  private sectionFrame(li: number): Reading {
    const doc = this.doc;
    const memo = (this.section ??= new Int8Array(doc.lineCount));
    if (memo[li] !== 0) return FRAME_READING[memo[li]];
    const walked: number[] = [li];
    let found = 1;
    for (let j = li - 1; j >= 0; j--) {
      if (memo[j] !== 0 && !this.isHeading(j)) {
        found = memo[j];
        break;
      }
      if (this.isHeading(j)) {
        found = readingCode(headingFrame(doc.lineText(j)));
        break;
      }
      walked.push(j);
    }
    for (const w of walked) memo[w] = found;
    return FRAME_READING[found];
  }

  private isHeading(j: number): boolean {
    const doc = this.doc;
    const s = doc.lineStarts[j];
    const e = doc.lineEnd(j);
    if (e - s > 60 || e === s) return false;
    // Most lines are not headings: look at the first character before any string is made.
    let i = s;
    while (i < e && (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 0x3000 || this.text.charCodeAt(i) === 9)) i++;
    if (!HEADING_FIRST.has(this.text.charCodeAt(i))) return false;
    return HEADING.test(this.text.slice(s, Math.min(e, s + 8)));
  }
}

/** Whether [start, end) lies inside 《…》 within its sentence [ss, se) (read on the marks). */
function isInTitle(text: string, marks: Int32Array, start: number, end: number, ss: number, se: number): boolean {
  let open = false;
  for (let k = markAt(marks, start) - 1; k >= 0 && marks[k] >= ss; k--) {
    const c = text.charCodeAt(marks[k]);
    if (c === 0x300b) return false; // 》 closes before the hit
    if (c === 0x300a) {
      open = true;
      break;
    }
  }
  if (!open) return false;
  for (let k = markAt(marks, end); k < marks.length && marks[k] < se; k++) if (text.charCodeAt(marks[k]) === 0x300b) return true;
  return false;
}

/** One decision without a reader kept for the text (tests, tools). */
export function eraSeverity(text: string, rule: CompiledRule, start: number, end: number, date?: string): Severity | undefined {
  return new EraReader(text, new TextDoc(text), date).severity(rule, start, end);
}

/** The reading itself ('past', 'now' or undefined when the text does not tell). */
export function eraReading(text: string, rule: CompiledRule, start: number, end: number, date?: string): Reading {
  return new EraReader(text, new TextDoc(text), date).read(rule, start, end);
}

export const _internal = { clauseAround, sentenceOf, markAt };
