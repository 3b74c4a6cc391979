/**
 * data-currency: the rule data knows the wording of its own time only. A check as of a month after
 * the data's month (data/data-version.json, 数据截至 2026年12月) gets one info finding, on the
 * draft's date line when the date came from there, else on the first character of the text: newer
 * wording (a plenum, a campaign, a renamed body after that month) may be unknown to the rules.
 * A normal rule: its severity can be set or switched off, and disable comments silence it.
 */
import { findDateLine } from '../date';
import type { FindingKind, FindingSink } from '../findings';
import type { IsoDate } from '../types';
import type { RuleContext } from './context';
import { kindOf, type RuleMeta } from './meta';

export const dataCurrency: RuleMeta = {
  id: 'data-currency',
  category: 'outdated',
  severity: 'info',
  description: '参考日期晚于规则数据的截止时间，新提法可能未收录',
  tags: ['数据'],
  details:
    '规则数据只收录到其截止时间（data/data-version.json，见 `gongwen --version`）为止的规范提法。检查的参考日期晚于截止时间所在月份时，' +
    '给出一条提示：标在文稿的日期行上（参考日期取自文稿时），否则标在正文第一个字上。此后新召开的会议、新开展的学习教育、新调整的机构等可能尚未收录，' +
    '没有其他提示不等于表述一定是最新的。',
  source: 'data/data-version.json',
};

export const CURRENCY: FindingKind = kindOf(dataCurrency, {
  reason:
    '规则数据只收录到其截止日期为止的规范提法；参考日期在此之后时，此后新出现的提法（如新召开的全会、新开展的学习教育、新调整的机构）可能尚未收录，检查没有提示不等于表述一定是最新的。',
  source: 'data/data-version.json',
  confidence: 'high',
});

/** The first day of the month after the month of `date` (2026-12-01 → 2027-01-01). */
export function nextMonthStart(date: IsoDate): IsoDate {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  return m >= 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * Whether a check as of `date` is past what data current to `currentTo` knows. The data's date is
 * given to the month (数据截至 2026年12月), so the whole of that month counts as covered.
 */
export function isPastData(date: IsoDate, currentTo: IsoDate | undefined): boolean {
  return currentTo !== undefined && date >= nextMonthStart(currentTo);
}

export function checkCurrency(ctx: RuleContext, out: FindingSink): void {
  const to = ctx.dataset.currentTo;
  if (!isPastData(ctx.date, to) || ctx.text.length === 0) return;
  const [y, m] = to!.split('-');
  const message = `参考日期（${ctx.date}）晚于规则数据的截止时间（${y}年${+m}月），此后出现的新提法可能未收录`;
  // On the date line when the check runs as of the draft's own date.
  const line = ctx.dateSource !== 'today' ? findDateLine(ctx.text) : undefined;
  if (line && line.date === ctx.date) return void out.add(CURRENCY, line.start, line.end, message);
  // The first character that is not a space or line break.
  let s = 0;
  while (s < ctx.text.length && /\s/.test(ctx.text[s])) s++;
  if (s >= ctx.text.length) s = 0;
  const c = ctx.text.charCodeAt(s);
  out.add(CURRENCY, s, s + (c >= 0xd800 && c <= 0xdbff ? 2 : 1), message);
}
