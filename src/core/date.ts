/**
 * Reference dates. A check runs "as of" a date: an explicit one (--date, a setting), else the
 * draft's own date (a line holding only a date, as a 成文日期 or the date under a speech's title),
 * else today. Rule `since` values may be YYYY, YYYY-MM or YYYY-MM-DD.
 */
import type { IsoDate } from './types';

export function todayIso(now = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The first day a `since` date certainly covers. A partial date is read conservatively, as the
 * first day after the period it names: `2016` → `2017-01-01`, `2016-10` → `2016-11-01` (a change
 * dated only "October 2022" may have taken effect on its last day: the 20th congress closed on
 * 2022-10-22). Full dates are unchanged. Messages still print the date as given.
 */
export function sinceToIso(since: string): IsoDate {
  if (/^\d{4}$/.test(since)) return `${+since + 1}-01-01`;
  const m = /^(\d{4})-(\d{2})$/.exec(since);
  if (m) return +m[2] >= 12 ? `${+m[1] + 1}-01-01` : `${m[1]}-${String(+m[2] + 1).padStart(2, '0')}-01`;
  return since;
}

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const CN_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, Ｏ: 0, O: 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

function cnNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return +s;
  // 十, 十二, 二十, 二十三, 三十一
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || (!m[2] && !m[3] && !m[1])) return undefined;
  if (!m[2]) return m[1] ? undefined : CN_DIGIT[m[3]];
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[3] ? CN_DIGIT[m[3]] : 0);
}

function cnYear(s: string): number | undefined {
  if (/^\d{4}$/.test(s)) return +s;
  if (s.length !== 4) return undefined;
  let y = 0;
  for (const ch of s) {
    const v = CN_DIGIT[ch];
    if (v === undefined) return undefined;
    y = y * 10 + v;
  }
  return y;
}

const DATE_LINE =
  /^[\s　]*[（(]?[\s　]*(\d{4}|[〇零一二三四五六七八九OＯ0]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(\d{1,2}|[一二三四五六七八九十]{1,3})日)?[\s　]*[）)]?[\s　]*$/;

/** The draft's own date: the first line that holds only a date (2020年5月12日, 二〇二〇年五月十二日). */
export function detectDocumentDate(text: string): IsoDate | undefined {
  return findDateLine(text)?.date;
}

/** The draft's date line: its date and where the date stands in it ([start, end), spaces trimmed). */
export function findDateLine(text: string): { date: IsoDate; start: number; end: number } | undefined {
  const brk = /\r\n?|\n/g;
  for (let lineStart = 0; ; ) {
    brk.lastIndex = lineStart;
    const m = brk.exec(text);
    const lineEnd = m ? m.index : text.length;
    if (lineEnd - lineStart <= 40) {
      const line = text.slice(lineStart, lineEnd);
      const found = line.includes('年') ? dateOfLine(line) : undefined;
      if (found) {
        const lead = line.length - line.trimStart().length;
        return { date: found, start: lineStart + lead, end: lineStart + line.trimEnd().length };
      }
    }
    if (!m) return undefined;
    lineStart = m.index + m[0].length;
  }
}

function dateOfLine(line: string): IsoDate | undefined {
  const m = DATE_LINE.exec(line);
  if (!m) return undefined;
  const y = cnYear(m[1]);
  const mo = cnNumber(m[2]);
  const d = m[3] ? cnNumber(m[3]) : 1;
  if (!y || !mo || !d || y < 1949 || y > 2100) return undefined;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : undefined;
}
