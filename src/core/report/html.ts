/**
 * The 审校报告 as one self-contained HTML page: inline CSS, no scripts, no external resources
 * (fonts, images, styles) — it opens offline, can be mailed as a single file, and prints on A4
 * (each finding kept on one page). Every piece of text from a draft or the rule data is escaped.
 */
import { CATEGORIES, CATEGORY_CN, SEVERITIES, SEVERITY_CN } from './labels';
import type { FileReport, Report, ReportFinding, ReportOutlineNode } from './model';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c]);
}

const DATE_SOURCE_CN: Record<string, string> = { option: '命令行指定', document: '文稿落款日期', today: '今天' };

const CSS = `
:root { --err: #b3261e; --warn: #b25f00; --info: #1d5fa8; --hint: #5f6b76; --line: #d9dde3; --muted: #5c6670; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem; color: #1f2328; background: #fff;
  font: 15px/1.65 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; letter-spacing: .08em; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .4rem; padding-bottom: .3rem; border-bottom: 2px solid #1f2328; word-break: break-all; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
.meta { color: var(--muted); margin: .2rem 0; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: center; }
th { background: #f3f5f7; font-weight: 600; }
td.name { text-align: left; word-break: break-all; }
.counts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
ol.findings { list-style: none; padding: 0; margin: 0; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--hint); border-radius: 4px; padding: .6rem .9rem; margin: .7rem 0; break-inside: avoid; }
.finding.error { border-left-color: var(--err); } .finding.warning { border-left-color: var(--warn); }
.finding.info { border-left-color: var(--info); } .finding.hint { border-left-color: var(--hint); }
.badge { display: inline-block; min-width: 2.6em; text-align: center; padding: 0 .35em; border-radius: 3px; color: #fff; font-size: .85em; background: var(--hint); }
.badge.error { background: var(--err); } .badge.warning { background: var(--warn); } .badge.info { background: var(--info); }
.head { display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: baseline; }
.cat, .loc { color: var(--muted); font-size: .9em; }
code { font: .85em/1.4 "Noto Sans Mono CJK SC", ui-monospace, monospace; color: var(--muted); }
.msg { margin: .35rem 0; font-weight: 600; }
.ctx { margin: .35rem 0; padding: .3rem .6rem; background: #f6f8fa; border-radius: 3px; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; }
mark { background: #ffe08a; padding: 0 .1em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .3rem 0 0; }
dt { color: var(--muted); } dd { margin: 0; word-break: break-all; }
ul.outline, ul.outline ul { list-style: none; margin: 0; padding-left: 1.4rem; }
ul.outline { padding-left: 0; }
ul.outline li { margin: .15rem 0; }
.marker { font-weight: 600; }
.expected { color: var(--warn); font-size: .9em; }
.oprob { color: var(--warn); font-size: .92em; margin: .1rem 0 .2rem 1.4rem; }
.none { color: var(--muted); }
.problems li { color: var(--err); }
footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85em; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; } section.file:first-of-type h2 { break-before: auto; }
  h2, h3 { break-after: avoid; }
  .finding, table, ul.outline li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .ctx, th, mark, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function countsTable(caption: string, keys: readonly string[], labels: Record<string, string>, counts: Record<string, number>): string {
  return `<table><caption class="meta">${escapeHtml(caption)}</caption><tr>${keys.map((k) => `<th>${escapeHtml(labels[k])}</th>`).join('')}</tr><tr>${keys
    .map((k) => `<td>${counts[k] ?? 0}</td>`)
    .join('')}</tr></table>`;
}

const URL_RE = /https?:\/\/[^\s；;，,、）)（(<>"'“”《》]+/g;

/** A source is shown as text; the web addresses in it are also links (never loaded). */
function sourceHtml(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(URL_RE)) {
    const u = escapeHtml(m[0]);
    out += escapeHtml(s.slice(last, m.index)) + `<a href="${u}" rel="noreferrer">${u}</a>`;
    last = m.index! + m[0].length;
  }
  return out + escapeHtml(s.slice(last));
}

/** Where a finding is: 第 3 段第 5 字 in a Word file (lines are its paragraphs), else 第 3 行第 5 列. */
function where(f: FileReport, line: number, column: number): string {
  return f.kind === 'docx' ? `第 ${line} 段第 ${column} 字` : `第 ${line} 行第 ${column} 列`;
}

function unitOf(f: FileReport): string {
  return f.kind === 'docx' ? '段' : '行';
}

function findingHtml(file: FileReport, f: ReportFinding, n: number): string {
  const rows: string[] = [];
  if (f.fix) rows.push(`<dt>修改建议</dt><dd>${escapeHtml(f.fix)}</dd>`);
  if (f.reason) rows.push(`<dt>原因</dt><dd>${escapeHtml(f.reason)}</dd>`);
  if (f.since) rows.push(`<dt>起始时间</dt><dd>${escapeHtml(f.since)}</dd>`);
  if (f.source) rows.push(`<dt>依据</dt><dd>${sourceHtml(f.source)}</dd>`);
  return `<li class="finding ${f.severity}" id="${fileAnchor(file)}-f${n}">
<div class="head"><span class="badge ${f.severity}">${SEVERITY_CN[f.severity]}</span><span class="cat">${escapeHtml(CATEGORY_CN[f.category] ?? f.category)}</span><span class="loc">${where(file, f.line, f.column)}</span><code>${escapeHtml(f.ruleId)}</code></div>
<p class="msg">${escapeHtml(f.message)}</p>
<p class="ctx">${escapeHtml(f.before)}<mark>${escapeHtml(f.hit)}</mark>${escapeHtml(f.after)}</p>${rows.length ? `\n<dl>${rows.join('')}</dl>` : ''}
</li>`;
}

/** The `<li>` items of an outline level, each with its problems and its children. */
function outlineItems(file: FileReport, nodes: ReportOutlineNode[]): string {
  return nodes
    .map((n) => {
      const probs = n.problems.length ? `<div class="oprob">${n.problems.map((p) => `⚠ ${escapeHtml(p.message)}`).join('<br>')}</div>` : '';
      const exp = n.expected ? ` <span class="expected">（应为 ${escapeHtml(n.expected)}）</span>` : '';
      const count = n.children.length ? ` <span class="meta">[${n.children.length} 项]</span>` : '';
      const kids = n.children.length ? `<ul>${outlineItems(file, n.children)}</ul>` : '';
      return `<li><span class="marker">${escapeHtml(n.marker)}</span>${escapeHtml(n.title)}${exp} <span class="loc">第 ${n.line} ${unitOf(file)}</span>${count}${probs}${kids}</li>`;
    })
    .join('\n');
}

function fileAnchor(f: FileReport): string {
  return `file-${encodeURIComponent(f.file).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function fileHtml(f: FileReport): string {
  const total = f.findings.length;
  const src = f.dateSource ? `（${DATE_SOURCE_CN[f.dateSource] ?? f.dateSource}）` : '';
  const unit = unitOf(f);
  const parts = [
    `<section class="file" id="${fileAnchor(f)}">`,
    `<h2>${escapeHtml(f.file)}</h2>`,
    `<p class="meta">参考日期 ${escapeHtml(f.date)}${src} · ${f.lines} ${unit} · ${f.chars} 字 · ${total ? `${total} 处问题` : '未发现问题'}</p>`,
    `<div class="counts">${countsTable('按级别', SEVERITIES, SEVERITY_CN, f.bySeverity)}${countsTable('按类别', CATEGORIES, CATEGORY_CN, f.byCategory)}</div>`,
    `<h3>问题清单</h3>`,
    total ? `<ol class="findings">\n${f.findings.map((x, i) => findingHtml(f, x, i + 1)).join('\n')}\n</ol>` : `<p class="none">未发现问题。</p>`,
    `<h3>提纲结构</h3>`,
  ];
  for (const a of f.outline.announcements) parts.push(`<p class="meta">预告：“${escapeHtml(a.text)}”（第 ${a.line} ${unit}，${a.count} 项）</p>`);
  if (f.outline.unattached.length) parts.push(`<div class="oprob">${f.outline.unattached.map((p) => `⚠ ${escapeHtml(p.message)}（第 ${p.line} ${unit}）`).join('<br>')}</div>`);
  parts.push(f.outline.roots.length ? `<ul class="outline">\n${outlineItems(f, f.outline.roots)}\n</ul>` : `<p class="none">未识别到层次编号。</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

export function renderHtml(r: Report): string {
  const t = r.totals;
  const summaryRows = r.files
    .map(
      (f) =>
        `<tr><td class="name"><a href="#${fileAnchor(f)}">${escapeHtml(f.file)}</a></td>${SEVERITIES.map((s) => `<td>${f.bySeverity[s]}</td>`).join('')}<td>${f.findings.length}</td></tr>`,
    )
    .join('\n');
  const problems = r.problems.length
    ? `<section class="problems"><h3>无法读取的文件</h3><ul>${r.problems.map((p) => `<li>${escapeHtml(p.file)}：${escapeHtml(p.message)}</li>`).join('')}</ul></section>`
    : '';
  const footer = [
    `公文写作助手${r.version ? ` ${escapeHtml(r.version)} ` : ''}生成`,
    r.dataVersion ? `规则数据截至 ${escapeHtml(r.dataVersion)}` : '',
    '本报告在本机生成，文稿内容未离开本机',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="公文写作助手">
<title>${escapeHtml(r.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(r.title)}</h1>
<p class="meta">生成时间 ${escapeHtml(r.generatedAt)} · ${r.files.length} 个文件 · 共 ${t.findings} 处问题（${SEVERITIES.map((s) => `${SEVERITY_CN[s]} ${t.bySeverity[s]}`).join('，')}）</p>
${
  r.files.length > 1
    ? `<table><tr><th>文件</th>${SEVERITIES.map((s) => `<th>${SEVERITY_CN[s]}</th>`).join('')}<th>合计</th></tr>\n${summaryRows}\n</table>`
    : ''
}
${problems}
</header>
<main>
${r.files.map(fileHtml).join('\n')}
</main>
<footer>${footer}</footer>
</body>
</html>
`;
}
