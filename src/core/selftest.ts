/**
 * Rule self-tests: every rule carries examples that must fire (and, with `fixed`, fix to the
 * given text) and examples that must stay silent. The test suite runs them for the built-in
 * data; user rule files run them at load time, so a rule that does not do what it says is refused.
 */
import { check } from './check';
import { DataError } from './data';
import { loadDataset, type Dataset, type LoadOptions, type LoadResult } from './dataset';
import { applyFixes } from './fix';
import type { RuleExample } from './model';

/** The date examples run as of when they give none. */
export const EXAMPLE_DATE = '2026-06-01';

function asExample(e: string | RuleExample): RuleExample {
  return typeof e === 'string' ? { text: e } : e;
}

export interface ExampleFailure {
  ruleId: string;
  file?: string;
  problem: string;
}

export function runRuleExamples(dataset: Dataset, only?: Set<string>): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const r of dataset.rules) {
    const id = r.entry.id;
    if (only && !only.has(id)) continue;
    for (const raw of r.entry.examples.fire) {
      const ex = asExample(raw);
      const mine = check(ex.text, { date: ex.date ?? EXAMPLE_DATE, dataset }).findings.filter((f) => f.ruleId === id);
      if (!mine.length) {
        failures.push({ ruleId: id, file: r.entry.file, problem: `应触发而未触发：${ex.text}` });
        continue;
      }
      if (ex.fixed !== undefined) {
        const fixed = applyFixes(ex.text, mine.filter((f) => f.fix).map((f) => f.fix!));
        if (fixed !== ex.fixed) {
          failures.push({ ruleId: id, file: r.entry.file, problem: `修复结果不符：${ex.text} → ${fixed}（应为 ${ex.fixed}）` });
        }
      }
    }
    for (const raw of r.entry.examples.pass) {
      const ex = asExample(raw);
      const mine = check(ex.text, { date: ex.date ?? EXAMPLE_DATE, dataset }).findings.filter((f) => f.ruleId === id);
      if (mine.length) {
        const hit = ex.text.slice(mine[0].start, mine[0].end);
        failures.push({ ruleId: id, file: r.entry.file, problem: `不应触发却触发了（“${hit}”）：${ex.text}` });
      }
    }
  }
  return failures;
}

/** Built-in data plus user files; the user rules' own examples must pass, else DataError. */
export function loadCheckedDataset(opts: LoadOptions): LoadResult {
  const result = loadDataset(opts);
  const userFiles = new Set(opts.ruleFiles ?? []);
  if (userFiles.size) {
    const ids = new Set(result.dataset.rules.filter((r) => r.entry.file && userFiles.has(r.entry.file)).map((r) => r.entry.id));
    const failures = runRuleExamples(result.dataset, ids);
    if (failures.length) {
      const f = failures[0];
      throw new DataError(f.file ?? '规则文件', `规则 ${f.ruleId} 的示例未通过：${f.problem}`);
    }
  }
  return result;
}
