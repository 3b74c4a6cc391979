/**
 * Where the commands that check drafts (check, annotate, report) take their rule options from:
 * one place, so they always agree. Today that is the command line (--date, --rules, --glossary,
 * --severity);
 * a project configuration found upward from each checked file plugs in here (`forFile`).
 */
import type { CheckOptions } from '../core/check';
import { DataError } from '../core/data';
import type { Dataset } from '../core/dataset';
import { isValidIsoDate } from '../core/date';
import { ruleRegistry, validateSeverity, type SeveritySetting } from '../core/registry';
import { loadCheckedDataset } from '../core/selftest';
import type { ParsedArgs } from './args';
import { UsageError } from './io';

/** --rules/--glossary into a Dataset, errors as UsageError. */
export function datasetFromArgs(ruleFiles: string[], glossaryFiles: string[]): Dataset {
  try {
    return loadCheckedDataset({ ruleFiles, glossaryFiles }).dataset;
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(`数据文件有误：${e.message}`);
    throw e;
  }
}

export function parseDateArg(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (!isValidIsoDate(d)) throw new UsageError(`--date 应为 YYYY-MM-DD 格式的日期：${d}`);
  return d;
}

/** The valued options these commands accept for their rules (add them to parseArgs' list). */
export const RULE_OPTION_NAMES = ['date', 'rules', 'glossary', 'severity'] as const;

/**
 * `--severity ID=LEVEL` (repeatable; ID a rule id or a category, LEVEL error|warning|info|hint|off),
 * validated against the rules of `dataset`: an unknown id or a bad level is a usage error naming it.
 */
export function parseSeverityArgs(values: readonly string[], dataset: Dataset): Record<string, SeveritySetting> | undefined {
  if (!values.length) return undefined;
  const raw: Record<string, string> = {};
  for (const v of values) {
    const m = /^([^=\s]+)=(\S+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--severity 应写作 规则编号=级别，如 --severity outline-single=off：${v}`);
    raw[m[1]] = m[2];
  }
  const r = validateSeverity(raw, ruleRegistry(dataset).map((e) => e.id));
  if (r.problems.length) throw new UsageError(`--severity：${r.problems[0]}`);
  return r.map;
}

export interface RuleOptions {
  /** --date, if given (otherwise each draft's own date, else today). */
  date?: string;
  dataset: Dataset;
  /** The options to check `file` with (its language is added by the caller). */
  forFile(file: string): CheckOptions;
  /** --severity, validated. */
  severity?: Record<string, SeveritySetting>;
}

/** Reads the rule options from parsed arguments; bad values throw UsageError (exit 2). */
export function ruleOptions(a: ParsedArgs): RuleOptions {
  const date = parseDateArg(a.opts.get('date'));
  const dataset = datasetFromArgs(a.multi.get('rules') ?? [], a.multi.get('glossary') ?? []);
  const severity = parseSeverityArgs(a.multi.get('severity') ?? [], dataset);
  return { date, dataset, severity, forFile: () => ({ date, dataset, ...(severity ? { severity } : {}) }) };
}
