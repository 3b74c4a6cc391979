/** `gongwen rules`: every rule (code and data) with its category, default severity, description and docs page. */
import path = require('path');
import { CATEGORY_CN, defaultLevelCn, packageRoot, ruleDocFile, ruleRegistry, SEVERITY_CN } from '../../core/registry';
import type { Category } from '../../core/types';
import { parseArgs } from '../args';
import { datasetFromArgs } from '../rule-options';
import { UsageError, type Command } from '../io';

export interface JsonRule {
  id: string;
  category: string;
  severity: string;
  /** Off unless a severity setting names it (`severity` is its level when switched on). */
  defaultOff: boolean;
  description: string;
  tags: readonly string[];
  origin: 'code' | 'data';
  /** The docs page, relative to the package (docs/rules/<id>.md); null for a rule of a user's file. */
  docs: string | null;
  /** The same page as an absolute path, where the package has it. */
  docsFile: string | null;
}

const ORDER: Category[] = ['outline', 'punctuation', 'outdated', 'nonstandard'];

export const run: Command = async (argv, io) => {
  const a = parseArgs(argv, ['format', 'rules', 'glossary'], []);
  const format = a.opts.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json：${format}`);
  if (a.positional.length) throw new UsageError(`gongwen rules 不接受文件参数：${a.positional[0]}（用户规则文件请用 --rules 给出）`);
  const entries = ruleRegistry(datasetFromArgs(a.multi.get('rules') ?? [], a.multi.get('glossary') ?? []));
  if (format === 'json') {
    const out: JsonRule[] = entries.map((e) => ({
      id: e.id,
      category: e.category,
      severity: e.severity,
      defaultOff: e.defaultOff === true,
      description: e.description,
      tags: e.tags,
      origin: e.origin,
      docs: e.docs ?? null,
      docsFile: (e.docs && ruleDocFile(e.id)) || null,
    }));
    io.out(JSON.stringify(out, null, 2));
    return 0;
  }
  const width = Math.max(...entries.map((e) => e.id.length));
  for (const c of ORDER) {
    const list = entries.filter((e) => e.category === c);
    if (!list.length) continue;
    io.out(`${CATEGORY_CN[c]}（${c}，${list.length} 条）`);
    for (const e of list) io.out(`  ${e.id.padEnd(width)}  ${defaultLevelCn(e, SEVERITY_CN)}  ${e.description}${e.docs ? '' : '  （用户规则）'}`);
    io.out('');
  }
  const code = entries.filter((e) => e.origin === 'code').length;
  io.out(`共 ${entries.length} 条规则（代码规则 ${code} 条，数据规则 ${entries.length - code} 条）。`);
  io.out(`每条规则的说明页：${path.join(packageRoot(), 'docs', 'rules')}${path.sep}<编号>.md；级别可用 --severity 或编辑器设置 gongwen.severity 调整。`);
  return 0;
};
