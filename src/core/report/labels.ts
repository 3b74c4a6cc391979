/**
 * Chinese labels for findings, shared by the 审校报告 and the Word comments: severity and category
 * names, how a fix reads, and the lines that explain one finding.
 */
import type { Category, Finding, Severity } from '../types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
export const CATEGORIES: readonly Category[] = ['outdated', 'nonstandard', 'outline', 'punctuation'];

export const SEVERITY_CN: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };
export const CATEGORY_CN: Record<Category, string> = {
  outdated: '过时表述',
  nonstandard: '不规范表述',
  outline: '提纲层次',
  punctuation: '标点与格式',
};

/** Rank for --min-severity: error 3 … hint 0. */
export function severityRank(s: Severity): number {
  return 3 - SEVERITIES.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** How the fix of `f` reads: 改为“…” / 删除“…” / 在此插入“…”; undefined without a fix. */
export function fixText(f: Finding, text: string): string | undefined {
  if (!f.fix) return undefined;
  const old = text.slice(f.fix.start, f.fix.end);
  if (f.fix.start === f.fix.end) {
    const before = text.slice(Math.max(0, f.fix.start - 2), f.fix.start).replace(/^.*\n/, '');
    return before ? `在“${before}”后插入“${f.fix.text}”` : `插入“${f.fix.text}”`;
  }
  if (!f.fix.text) return `删除“${old}”`;
  return `“${old}”改为“${f.fix.text}”`;
}

/** Labelled lines explaining a finding (the body of a Word comment; the report lays them out itself). */
export function explanationLines(f: Finding, text: string): string[] {
  const out = [`【${SEVERITY_CN[f.severity]}】${f.message}`];
  const fix = fixText(f, text);
  if (fix) out.push(`修改建议：${fix}`);
  if (f.reason) out.push(`原因：${f.reason}`);
  if (f.since) out.push(`起始时间：${f.since}`);
  if (f.source) out.push(`依据：${f.source}`);
  out.push(`规则：${f.ruleId}（${CATEGORY_CN[f.category] ?? f.category}）`);
  return out;
}
