/**
 * `gongwen report PATH... [-o report.html] [--format html|md]`: one 审校报告 for all the drafts
 * (text files and .docx; folders are searched), checked exactly as `check` checks them. Without -o
 * the report goes to standard output. The format follows -o's extension (.md → Markdown) unless
 * --format says otherwise.
 */
import fs = require('fs');
import path = require('path');
import { check } from '../../core/check';
import { dataVersionCn } from '../../core/data-version';
import { isSeverity, severityRank } from '../../core/report/labels';
import { buildReport, renderHtml, renderMarkdown, type ReportFileInput } from '../../core/report';
import { samePath, writeFileAtomic } from '../../docx/output';
import { parseArgs } from '../args';
import { CHECK_EXTENSIONS, expandPaths, isDocx, languageOf, readInput } from '../files';
import { UsageError, type Command } from '../io';
import { RULE_FLAG_NAMES, RULE_OPTION_NAMES, ruleOptions } from '../rule-options';
import { longOptions } from './annotate';

function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * An existing -o file is replaced only when it is a report this tool wrote (a report run again);
 * any other file is the user's and is left alone.
 */
function checkReplaceable(out: string): void {
  let text: string;
  try {
    if (!fs.statSync(out).isFile()) throw new UsageError(`无法写出 ${out}：这是一个文件夹`);
    text = fs.readFileSync(out, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const ours = text.includes('<meta name="generator" content="公文写作助手">') || /^公文写作助手 \S+ 生成 · /m.test(text);
  if (!ours) throw new UsageError(`拒绝覆盖 ${out}：该文件已存在且不是本工具生成的审校报告（请换一个文件名）`);
}

export const run: Command = async (argv, io) => {
  const a = parseArgs(longOptions(argv), ['out', 'format', 'min-severity', 'title', ...RULE_OPTION_NAMES], [...RULE_FLAG_NAMES]);
  const out = a.opts.get('out');
  const format = a.opts.get('format') ?? (out && /\.(md|markdown)$/i.test(out) ? 'md' : 'html');
  if (format !== 'html' && format !== 'md') throw new UsageError(`--format 只能是 html 或 md：${format}`);
  const minArg = a.opts.get('min-severity') ?? 'hint';
  if (!isSeverity(minArg)) throw new UsageError(`--min-severity 只能是 error、warning、info 或 hint：${minArg}`);
  if (!a.positional.length) throw new UsageError('请给出要检查的文件或文件夹，例如 gongwen report 讲话稿.docx -o 审校报告.html');
  const rules = ruleOptions(a);
  const { files, problems } = expandPaths(a.positional, CHECK_EXTENSIONS);
  rules.prepare(files);
  if (out && files.some((f) => samePath(f, out))) throw new UsageError(`输出文件 ${out} 是要检查的文稿之一，不能覆盖`);
  if (out) checkReplaceable(out);
  const inputs: ReportFileInput[] = [];
  for (const file of files) {
    const r = await readInput(file);
    if (!r.ok) {
      problems.push(r.problem);
      continue;
    }
    const res = check(r.text, { ...rules.forFile(file), language: languageOf(file) });
    inputs.push({
      file,
      text: r.text,
      findings: res.findings.filter((f) => severityRank(f.severity) >= severityRank(minArg)),
      date: res.date,
      dateSource: res.dateSource,
      kind: isDocx(file) ? 'docx' : 'text',
      paragraphOfLine: r.paragraphOfLine,
    });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require('../../../package.json') as { version: string }).version;
  const report = buildReport({
    title: a.opts.get('title'),
    generatedAt: localTime(new Date()),
    files: inputs,
    problems,
    version,
    dataVersion: dataVersionCn(),
  });
  const body = format === 'md' ? renderMarkdown(report) : renderHtml(report);
  for (const p of problems) io.err(`gongwen: ${p.file}: ${p.message}`);
  if (out) {
    try {
      writeFileAtomic(out, body);
    } catch (e) {
      throw new UsageError(`无法写出 ${out}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    }
    io.err(`审校报告已写出：${path.resolve(out)}（${inputs.length} 个文件，${report.totals.findings} 处问题）`);
  } else {
    io.out(body);
  }
  if (problems.length) return 2;
  return report.totals.bySeverity.error + report.totals.bySeverity.warning > 0 ? 1 : 0;
};
