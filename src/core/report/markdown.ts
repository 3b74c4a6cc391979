/**
 * The 审校报告 as Markdown (for a wiki, a merge request, or conversion by other tools): the same
 * content as the HTML page. Text from drafts and rule data is escaped so that it cannot start
 * Markdown or HTML constructs.
 */
import { CATEGORIES, CATEGORY_CN, SEVERITIES, SEVERITY_CN } from './labels';
import type { FileReport, Report, ReportOutlineNode } from './model';

/** Backslash-escapes the characters that Markdown (CommonMark/GFM) could read as syntax. */
export function escapeMarkdown(s: string): string {
  // Inline text only (never at a line start), so list and heading markers need no escape.
  return s.replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const DATE_SOURCE_CN: Record<string, string> = { option: '命令行指定', document: '文稿落款日期', today: '今天' };

function table(keys: readonly string[], labels: Record<string, string>, counts: Record<string, number>): string {
  return `| ${keys.map((k) => labels[k]).join(' | ')} |\n|${keys.map(() => ' ---: ').join('|')}|\n| ${keys.map((k) => counts[k] ?? 0).join(' | ')} |`;
}

function outlineLines(f: FileReport, nodes: ReportOutlineNode[], depth: number, out: string[]): void {
  const unit = f.kind === 'docx' ? '段' : '行';
  for (const n of nodes) {
    const pad = '  '.repeat(depth);
    const exp = n.expected ? `（应为 ${escapeMarkdown(n.expected)}）` : '';
    const count = n.children.length ? ` \\[${n.children.length} 项\\]` : '';
    out.push(`${pad}- **${escapeMarkdown(n.marker)}**${escapeMarkdown(n.title)}${exp}（第 ${n.line} ${unit}）${count}`);
    for (const p of n.problems) out.push(`${pad}  - ⚠ ${escapeMarkdown(p.message)}`);
    outlineLines(f, n.children, depth + 1, out);
  }
}

function fileMarkdown(f: FileReport): string {
  const unit = f.kind === 'docx' ? '段' : '行';
  const out: string[] = [];
  out.push(`## ${escapeMarkdown(f.file)}`, '');
  const src = f.dateSource ? `（${DATE_SOURCE_CN[f.dateSource] ?? f.dateSource}）` : '';
  out.push(`参考日期 ${escapeMarkdown(f.date)}${src} · ${f.lines} ${unit} · ${f.chars} 字 · ${f.findings.length ? `${f.findings.length} 处问题` : '未发现问题'}`, '');
  out.push(table(SEVERITIES, SEVERITY_CN, f.bySeverity), '', table(CATEGORIES, CATEGORY_CN, f.byCategory), '');
  out.push('### 问题清单', '');
  if (!f.findings.length) out.push('未发现问题。', '');
  f.findings.forEach((x, i) => {
    const loc = f.kind === 'docx' ? `第 ${x.line} 段第 ${x.column} 字` : `第 ${x.line} 行第 ${x.column} 列`;
    out.push(`${i + 1}. **【${SEVERITY_CN[x.severity]}】${escapeMarkdown(x.message)}**（${CATEGORY_CN[x.category] ?? x.category}，${loc}，\`${x.ruleId.replace(/`/g, '')}\`）`);
    out.push(`   - 原文：${escapeMarkdown(x.before)}**${escapeMarkdown(x.hit)}**${escapeMarkdown(x.after)}`);
    if (x.fix) out.push(`   - 修改建议：${escapeMarkdown(x.fix)}`);
    if (x.reason) out.push(`   - 原因：${escapeMarkdown(x.reason)}`);
    if (x.since) out.push(`   - 起始时间：${escapeMarkdown(x.since)}`);
    if (x.source) out.push(`   - 依据：${escapeMarkdown(x.source)}`);
  });
  out.push('', '### 提纲结构', '');
  for (const a of f.outline.announcements) out.push(`预告：“${escapeMarkdown(a.text)}”（第 ${a.line} ${unit}，${a.count} 项）`, '');
  for (const p of f.outline.unattached) out.push(`- ⚠ ${escapeMarkdown(p.message)}（第 ${p.line} ${unit}）`);
  if (f.outline.roots.length) outlineLines(f, f.outline.roots, 0, out);
  else out.push('未识别到层次编号。');
  out.push('');
  return out.join('\n');
}

export function renderMarkdown(r: Report): string {
  const t = r.totals;
  const out: string[] = [`# ${escapeMarkdown(r.title)}`, ''];
  out.push(`生成时间 ${escapeMarkdown(r.generatedAt)} · ${r.files.length} 个文件 · 共 ${t.findings} 处问题（${SEVERITIES.map((s) => `${SEVERITY_CN[s]} ${t.bySeverity[s]}`).join('，')}）`, '');
  if (r.files.length > 1) {
    out.push(`| 文件 | ${SEVERITIES.map((s) => SEVERITY_CN[s]).join(' | ')} | 合计 |`, `| --- |${SEVERITIES.map(() => ' ---: ').join('|')}| ---: |`);
    for (const f of r.files) out.push(`| ${escapeMarkdown(f.file)} | ${SEVERITIES.map((s) => f.bySeverity[s]).join(' | ')} | ${f.findings.length} |`);
    out.push('');
  }
  if (r.problems.length) {
    out.push('### 无法读取的文件', '');
    for (const p of r.problems) out.push(`- ${escapeMarkdown(p.file)}：${escapeMarkdown(p.message)}`);
    out.push('');
  }
  for (const f of r.files) out.push(fileMarkdown(f));
  out.push('---', '', `公文写作助手${r.version ? ` ${escapeMarkdown(r.version)} ` : ''}生成${r.dataVersion ? ` · 规则数据截至 ${escapeMarkdown(r.dataVersion)}` : ''} · 本报告在本机生成，文稿内容未离开本机`, '');
  return out.join('\n');
}
