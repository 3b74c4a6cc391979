/**
 * Where the commands that check drafts (check, outline, annotate, report) take their rule options
 * from: one place, so they always agree, and through the same builder as the extension
 * (src/core/setup.ts). The layers, lowest precedence first: the project configuration
 * `.gongwenrc.json` found upward from each checked file (or the one given with --config; none with
 * --no-config), then the command line (--date, --rules, --glossary, --severity). Any problem with
 * them (a malformed configuration, a bad rule file, an unknown rule id in `rules` or --severity)
 * stops the command before anything is checked: exit 2, one line each.
 */
import path = require('path');
import type { CheckOptions } from '../core/check';
import { DataError } from '../core/data';
import type { Dataset } from '../core/dataset';
import { isValidIsoDate } from '../core/date';
import { findProjectConfig, projectLayer, readProjectConfig } from '../core/project';
import { buildChecker, type Checker, type ConfigLayer } from '../core/setup';
import type { ParsedArgs } from './args';
import { UsageError } from './io';

/** --rules/--glossary into a Dataset (no project configuration), errors as UsageError. */
export function datasetFromArgs(ruleFiles: string[], glossaryFiles: string[]): Dataset {
  const checker = buildChecker({ layers: [{ origin: 'cli', ruleFiles: ruleFiles.map(abs), glossaryFiles: glossaryFiles.map(abs) }] });
  refuseOnErrors(checker);
  return checker.dataset;
}

export function parseDateArg(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (!isValidIsoDate(d)) throw new UsageError(`--date 应为 YYYY-MM-DD 格式的日期：${d}`);
  return d;
}

/** The valued options these commands accept for their rules (add them to parseArgs' list). */
export const RULE_OPTION_NAMES = ['date', 'rules', 'glossary', 'severity', 'config'] as const;

/**
 * `--severity ID=LEVEL` (repeatable; ID a rule id or a category, LEVEL error|warning|info|hint|off)
 * as written: the builder validates the ids and levels (against the rule registry) with the other
 * inputs. A value not of that form is a usage error.
 */
export function parseSeverityArgs(values: readonly string[]): Record<string, string> | undefined {
  if (!values.length) return undefined;
  const raw: Record<string, string> = {};
  for (const v of values) {
    const m = /^([^=\s]+)=(\S+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--severity 应写作 规则编号=级别，如 --severity outline-single=off：${v}`);
    raw[m[1]] = m[2];
  }
  return raw;
}
/** The boolean options (add them to parseArgs' booleans). */
export const RULE_FLAG_NAMES = ['no-config'] as const;

export interface RuleOptions {
  /** --date, if given (otherwise the project's date, else each draft's own date, else today). */
  date?: string;
  /** The dataset for drafts without a project configuration. */
  dataset: Dataset;
  /** The checker for `file` (its project configuration and the command line). */
  checkerFor(file: string): Checker;
  /** The options to check `file` with (its language is added by the caller). */
  forFile(file: string): CheckOptions;
  /**
   * Builds the checkers of these files now, so that a bad configuration or rule file stops the
   * command (UsageError) before any output.
   */
  prepare(files: readonly string[]): void;
}

function abs(p: string): string {
  return path.resolve(p);
}

/** The CLI refuses to run with a bad input: one line per problem, then exit 2. */
function refuseOnErrors(checker: Checker): void {
  const errors = checker.errors;
  if (!errors.length) return;
  const lines = errors.map((p) => p.message);
  throw new UsageError(lines.join('\ngongwen: '));
}

/** Reads the rule options from parsed arguments; bad values throw UsageError (exit 2). */
export function ruleOptions(a: ParsedArgs): RuleOptions {
  const date = parseDateArg(a.opts.get('date'));
  const severity = parseSeverityArgs(a.multi.get('severity') ?? []);
  const cli: ConfigLayer = {
    origin: 'cli',
    ...(date ? { date } : {}),
    ...(severity ? { rules: severity } : {}),
    ruleFiles: (a.multi.get('rules') ?? []).map(abs),
    glossaryFiles: (a.multi.get('glossary') ?? []).map(abs),
  };
  const noConfig = a.flags.has('no-config');
  const explicit = a.opts.get('config');
  if (explicit !== undefined && noConfig) throw new UsageError('--config 与 --no-config 不能同时使用');
  const checkers = new Map<string, Checker>();
  const checkerOf = (configFile: string | undefined): Checker => {
    const key = configFile ?? '';
    let c = checkers.get(key);
    if (!c) {
      let layers: ConfigLayer[] = [cli];
      if (configFile) {
        try {
          layers = [projectLayer(readProjectConfig(configFile)), cli];
        } catch (e) {
          if (e instanceof DataError) throw new UsageError(`项目配置有误：${e.message}`);
          throw e;
        }
      }
      c = buildChecker({ layers });
      refuseOnErrors(c);
      checkers.set(key, c);
    }
    return c;
  };
  const configOf = (file: string): string | undefined =>
    noConfig ? undefined : explicit !== undefined ? abs(explicit) : findProjectConfig(path.dirname(abs(file)));
  const checkerFor = (file: string) => checkerOf(configOf(file));
  // Without a configuration of its own, the command's own checker (for --rules errors up front).
  const base = noConfig || explicit === undefined ? checkerOf(undefined) : checkerOf(abs(explicit));
  return {
    date,
    dataset: base.dataset,
    checkerFor,
    forFile: (file) => checkerFor(file).options(),
    prepare: (files) => {
      for (const f of files) checkerFor(f);
    },
  };
}
