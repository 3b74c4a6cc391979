#!/usr/bin/env node
/**
 * `gongwen` — the command-line front of the checking core.
 * Each subcommand lives in src/cli/commands/<name>.ts and exports `run: Command`.
 * Errors the user can fix (usage, a missing or malformed file) print one line and exit 2;
 * nothing prints a stack trace.
 */
import { requireCommand } from './code-cache';
import { isUsageError, processIO, type CliIO, type Command } from './io';

/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded on demand (require keeps this working from sources, tests and the bundle alike).
const COMMANDS: Record<string, () => { run: Command }> = {
  // The check's bundle has a code cache made at build time (see code-cache.ts).
  check: () => requireCommand('check', () => require('./commands/check')),
  outline: () => require('./commands/outline'),
  explain: () => require('./commands/explain'),
  demo: () => require('./commands/demo'),
  mine: () => require('./commands/mine'),
  merge: () => require('./commands/merge'),
  complete: () => require('./commands/complete'),
  annotate: () => require('./commands/annotate'),
  report: () => require('./commands/report'),
  rules: () => require('./commands/rules'),
};

export const USAGE = `用法: gongwen <命令> [选项]

命令:
  check [--format text|json] [--date YYYY-MM-DD] [--rules F]... [--glossary F]... [--severity 规则=级别]... 路径...
                         检查过时、不规范表述、标点与提纲层次（.txt、.md、.docx；路径为 - 时读标准输入）；
                         --severity 改变某条规则（或某类规则）的级别，off 为关闭，如 outline-single=off
  outline [--format text|json] 文件
                         打印提纲结构树及其问题
  annotate [-o 输出.docx] [--min-severity error|warning|info|hint] [--fixes] [--date YYYY-MM-DD] 文稿.docx
                         生成批注版 Word 文稿（默认写到原文件旁：文稿.批注.docx；原文件不改动）；
                         --fixes 同时把修改建议写成修订
  report [-o 报告.html] [--format html|md] [--min-severity 级别] [--date YYYY-MM-DD] 路径...
                         生成审校报告（自包含的 HTML，或 Markdown）
  rules [--format text|json] [--rules F]...
                         列出全部规则：编号、类别、默认级别、说明及说明页路径
  explain 提法            查看固定提法的释义（如 两个维护）
  complete [--format text|json] [--limit N] [--patterns F] [--batch] 文本
                         给出续写建议（--batch 从标准输入逐行读取）
  mine [--out F] [--min-count N] [--memory MB] 路径...
                         从语料中挖掘短语与结构模式（需要 nodejieba；--memory 为统计用内存，
                         默认 64 MB，超出部分暂存系统临时目录，结果不变）
  merge A.json B.json... --out F
                         合并分别挖掘的模式文件
  demo                   在自带示例稿上演示检查、提纲与补全

检查类命令（check、outline、annotate、report）读取离文件最近的项目配置 .gongwenrc.json；
  --config F 改用指定的配置，--no-config 不用配置。命令行选项优先于项目配置。

退出码: 0 无警告或错误，1 有警告或错误，2 用法或输入错误。`;

/** One command's part of USAGE (its synopsis and description lines), for `gongwen <命令> --help`. */
export function commandUsage(name: string): string {
  const lines = USAGE.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
  if (at < 0) return USAGE;
  const own = [lines[at].trim()];
  for (let i = at + 1; i < lines.length && /^ {10,}\S/.test(lines[i]); i++) own.push(lines[i].trim());
  const [synopsis, ...about] = own;
  // `explain 提法  查看…` and `demo  在自带…` keep their description on the synopsis line.
  const [cmd, inline] = synopsis.split(/ {2,}/);
  return [`用法: gongwen ${cmd}`, ...(inline ? [inline] : []), ...about, '', lines[lines.length - 1]].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const version: string = require('../../package.json').version;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const data: string | undefined = (require('../core/data-version') as typeof import('../core/data-version')).dataVersionCn();
    io.out(version);
    if (data) io.out(`规则数据截至 ${data}`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`gongwen: 未知命令 “${name}”。运行 gongwen --help 查看用法。`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandUsage(name));
    return 0;
  }
  try {
    const mod = load();
    return await mod.run(rest, io);
  } catch (e) {
    if (isUsageError(e)) {
      // One line, even when the message quotes a file's content (a JSON parser's excerpt).
      io.err(`gongwen: ${e.message.replace(/\s*[\r\n]+\s*/g, ' ')}`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`gongwen ${name}: 内部错误：${msg.split('\n')[0]}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`gongwen: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
