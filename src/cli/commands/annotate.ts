/**
 * `gongwen annotate DRAFT.docx [-o OUT.docx] [--date D] [--min-severity info] [--fixes]`:
 * a copy of the Word draft with one comment (批注) per finding, and with --fixes each fix as a
 * tracked change (修订). The draft itself is never written.
 */
import fs = require('fs');
import path = require('path');
import { check } from '../../core/check';
import { annotateDocx } from '../../docx/annotate';
import { defaultAnnotatedPath, samePath, writeFileAtomic } from '../../docx/output';
import { DocxError } from '../../docx/package';
import { isSeverity, severityRank, SEVERITY_CN } from '../../core/report/labels';
import type { Finding, Severity } from '../../core/types';
import { parseArgs } from '../args';
import { isDocx } from '../files';
import { UsageError, type CliIO, type Command } from '../io';
import { RULE_FLAG_NAMES, RULE_OPTION_NAMES, ruleOptions, type RuleOptions } from '../rule-options';

/** `-o X` is `--out X`. */
export function longOptions(argv: string[]): string[] {
  return argv.map((a) => (a === '-o' ? '--out' : a));
}

export function parseMinSeverity(s: string | undefined, dflt: Severity): Severity {
  if (s === undefined) return dflt;
  if (!isSeverity(s)) throw new UsageError(`--min-severity 只能是 error、warning、info 或 hint：${s}`);
  return s;
}

async function annotateOne(
  io: CliIO,
  draft: string,
  out: string | undefined,
  rules: RuleOptions,
  min: Severity,
  fixes: boolean,
): Promise<{ ok: boolean; findings: Finding[] }> {
  const fail = (message: string) => {
    io.err(`gongwen: ${draft}: ${message}`);
    return { ok: false, findings: [] };
  };
  if (!isDocx(draft)) return fail('annotate 只处理 Word 文档（.docx）；文本文稿请用 gongwen check');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(draft);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '是文件夹，不是文件' : `无法读取（${code ?? (e as Error).message}）`);
  }
  const target = out ?? defaultAnnotatedPath(draft);
  if (samePath(target, draft)) return fail('输出文件不能是原文件本身（原稿不会被改写）；请用 -o 指定另一个文件名');
  // The default name is always a new file; a -o naming an existing file is never written over.
  if (fs.existsSync(target)) return fail(`拒绝覆盖 ${target}：该文件已存在；请换一个文件名，或不加 -o（自动写出新的“${path.basename(defaultAnnotatedPath(draft))}”）`);
  let result;
  const opts = { ...rules.forFile(draft), language: 'plaintext' as const };
  let date = '';
  try {
    result = await annotateDocx(
      bytes,
      (text) => {
        const r = check(text, opts);
        date = r.date;
        return r.findings.filter((f) => severityRank(f.severity) >= severityRank(min));
      },
      { fixes },
    );
  } catch (e) {
    if (e instanceof DocxError) return fail(e.message);
    throw e;
  }
  try {
    writeFileAtomic(target, result.bytes);
  } catch (e) {
    return fail(`无法写出 ${target}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
  const counts = (['error', 'warning', 'info', 'hint'] as Severity[])
    .map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n)
    .map(([s, n]) => `${n} 个${SEVERITY_CN[s]}`)
    .join('，');
  let line = `${target}：${result.comments} 条批注${counts ? `（${counts}）` : ''}`;
  if (fixes) line += `，${result.changes} 处修订`;
  if (fixes && result.changesSkipped) line += `（另有 ${result.changesSkipped} 处修改建议只写在批注里：与其他修改重叠，或位于域、跨段落）`;
  io.out(`${line}；参考日期 ${date}`);
  return { ok: true, findings: result.findings };
}

export const run: Command = async (argv, io) => {
  const a = parseArgs(longOptions(argv), ['out', 'min-severity', ...RULE_OPTION_NAMES], ['fixes', ...RULE_FLAG_NAMES]);
  const min = parseMinSeverity(a.opts.get('min-severity'), 'info');
  if (!a.positional.length) throw new UsageError('请给出 Word 文稿，例如 gongwen annotate 讲话稿.docx');
  const out = a.opts.get('out');
  if (out !== undefined && a.positional.length > 1) throw new UsageError('-o 只能用于一个文稿；多个文稿各自写到原文件旁');
  const rules = ruleOptions(a);
  rules.prepare(a.positional);
  let failed = false;
  let serious = false;
  for (const draft of a.positional) {
    const r = await annotateOne(io, draft, out, rules, min, a.flags.has('fixes'));
    failed ||= !r.ok;
    serious ||= r.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
  }
  if (failed) return 2;
  return serious ? 1 : 0;
};
