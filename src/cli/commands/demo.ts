/**
 * `gongwen demo` (what `npm start` runs): the main job on the bundled sample draft
 * data/samples/sample-speech.txt — findings, outline, completions — readably, no VS Code needed.
 */
import path = require('path');
import { dataDir } from '../../core/data';
import { TextDoc } from '../../core/text';
import { languageOf, readDraft } from '../files';
import { UsageError, type Command } from '../io';
import { fixNote } from './check';
import { buildChecker } from '../../core/setup';
import { outlineProblems, printOutline } from './outline';
import { printCompletions } from './complete-demo';

const SEVERITY_CN: Record<string, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };

export const run: Command = async (argv, io) => {
  const file = argv[0] ?? path.join(dataDir(), 'samples', 'sample-speech.txt');
  const r = readDraft(file);
  if (!r.ok) throw new UsageError(`${r.problem.file}: ${r.problem.message}`);
  const shown = path.relative(process.cwd(), file) || file;
  const checker = buildChecker();
  const result = checker.check(r.text, languageOf(file));
  const doc = new TextDoc(r.text);
  const dateWhy = { option: '命令行指定', document: '取自文稿落款日期', today: '今天' }[result.dateSource];
  io.out(`━━ 检查 ${shown}（参考日期 ${result.date}，${dateWhy}）━━`);
  for (const f of result.findings) {
    const p = doc.positionAt(f.start);
    io.out(`第 ${p.line} 行第 ${p.column} 列 [${SEVERITY_CN[f.severity]}] ${f.message}${fixNote(f)}`);
    const why = [f.reason, f.since ? `自 ${f.since}` : '', f.source ? `出处：${f.source}` : ''].filter(Boolean).join('  ');
    if (why) io.out(`    ${why}`);
  }
  io.out(`共 ${result.findings.length} 处。\n`);
  io.out('━━ 提纲 ━━');
  printOutline(io, r.text, shown, outlineProblems(checker, r.text, file));
  io.out('\n━━ 补全（输入到此处时的建议）━━');
  printCompletions(io, result.date);
  return 0;
};
