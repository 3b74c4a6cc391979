/**
 * One way to build the checker, for every front (the CLI, the extension, the tests): the dataset
 * and the check options come from the same inputs, combined in the same order, validated the same
 * way. A front only gathers its inputs as layers (its settings, the project's `.gongwenrc.json`,
 * its command-line flags, a per-document choice) and calls `buildChecker`; what the checker then
 * does (which data, which severities, which phrases are allowed, which date) does not depend on
 * the front.
 *
 * Layers, lowest precedence first (the front orders them; both fronts use
 * settings < project < cli < session: a date set for one document in the editor):
 * - `rules` (id or category → level): merged key by key, a later layer's key wins. Within one
 *   check a rule id still beats a category (core/check.ts), whatever layer each came from.
 * - `allow`, `ruleFiles`, `glossaryFiles`, `archive`: the union, in layer order.
 * - `date`: the last layer that gives one.
 *
 * Problems never throw: each is reported (`Checker.problems`) and what it concerns is left out,
 * the rest keeps working (the built-in data always does). The CLI refuses to run on any 'error'
 * (exit 2, one line naming the file); the editor shows them as notifications.
 * - a user rule or glossary file that is missing, not JSON, not valid against its schema, has an
 *   unsafe regex, repeats a rule id, or whose rules' own examples fail: the file is left out;
 * - untrusted inputs (a Restricted-Mode workspace): rules with regular expressions from user files
 *   are left out ('notice');
 * - a severity key that is neither a known rule id nor a category, or a level that is not one of
 *   off/error/warning/info/hint; a date that is not YYYY-MM-DD: the entry is ignored.
 */
import fs = require('fs');
import { check, checkInChunks, type CheckOptions, type CheckResult } from './check';
import { DataError, readGlossaryFile, readRuleFile, type RawData } from './data';
import { builtinDataVersion } from './data-version';
import { Dataset, loadBuiltinDataset } from './dataset';
import { isValidIsoDate } from './date';
import { runRuleExamples } from './selftest';
import { CODE_RULES, validateSeverity } from './registry';
import type { Category, Finding, IsoDate, Severity } from './types';

export type { SeveritySetting } from './registry';
import type { SeveritySetting } from './registry';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'error', 'warning', 'info', 'hint'];
export const CATEGORIES: readonly Category[] = ['outdated', 'nonstandard', 'outline', 'punctuation'];

/** The ids of the rules written in code (not in data/rules), from the rule registry. */
export const CODE_RULE_IDS: readonly string[] = CODE_RULES.map((r) => r.id);

/** Where an input comes from; also how the status bar names a date's origin. */
export type LayerOrigin = 'settings' | 'project' | 'cli' | 'session';

export interface ConfigLayer {
  origin: LayerOrigin;
  /** The file the layer was read from (a project configuration), named in problems. */
  file?: string;
  /** Rule id or category → level; raw values, validated by the builder. */
  rules?: Readonly<Record<string, unknown>>;
  allow?: readonly string[];
  date?: string;
  /** Absolute paths. */
  ruleFiles?: readonly string[];
  glossaryFiles?: readonly string[];
  /** Folders of past drafts to mine (absolute); the builder only passes them on. */
  archive?: readonly string[];
}

export interface CheckerInputs {
  /** Lowest precedence first. */
  layers?: readonly ConfigLayer[];
  /** Whether regex rules may come from user files (false in an untrusted workspace). Default true. */
  trusted?: boolean;
  /** Include the built-in data (default true). */
  builtin?: boolean;
}

export interface SetupProblem {
  /** 'error': a file or an entry refused; 'notice': left out by policy (Restricted Mode). */
  level: 'error' | 'notice';
  /** The file concerned (a rule file, a project configuration), if any. */
  file?: string;
  /** One line, Chinese. */
  message: string;
}

/** The checker built from one set of inputs: what every front checks a document with. */
export class Checker {
  constructor(
    readonly dataset: Dataset,
    /** Validated severities (rule id or category → level). */
    readonly severity: Readonly<Record<string, SeveritySetting>>,
    /** The union of the layers' allow lists (one array: the check keeps its automaton with it). */
    readonly allow: readonly string[],
    /** The reference date the inputs fix, if any (else the draft's own date, else today). */
    readonly date: IsoDate | undefined,
    /** Which layer gave `date`. */
    readonly dateOrigin: LayerOrigin | undefined,
    readonly archive: readonly string[],
    readonly problems: readonly SetupProblem[],
  ) {}

  /** The options `check` runs with for a document of this language. */
  options(language: 'markdown' | 'plaintext' = 'plaintext'): CheckOptions {
    return {
      dataset: this.dataset,
      language,
      ...(this.date ? { date: this.date } : {}),
      ...(Object.keys(this.severity).length ? { severity: this.severity as Record<string, SeveritySetting> } : {}),
      ...(this.allow.length ? { allow: this.allow } : {}),
    };
  }

  /** Checks a text: the findings are final (severities applied, suppressed and allowed ones dropped). */
  check(text: string, language: 'markdown' | 'plaintext' = 'plaintext', extra: Pick<CheckOptions, 'kinds' | 'today'> = {}): CheckResult {
    return check(text, { ...this.options(language), ...extra });
  }

  /** `checkInChunks` with these options (large files). */
  checkInChunks(text: string, language: 'markdown' | 'plaintext', onFindings: (findings: Finding[]) => void) {
    return checkInChunks(text, this.options(language), onFindings);
  }

  /** The errors among the problems (what the CLI refuses to run with). */
  get errors(): SetupProblem[] {
    return this.problems.filter((p) => p.level === 'error');
  }
}

/** Builds the checker for these inputs. Never throws for bad inputs: see `Checker.problems`. */
export function buildChecker(inputs: CheckerInputs = {}): Checker {
  const layers = inputs.layers ?? [];
  const problems: SetupProblem[] = [];
  const ruleFiles = unionOf(layers.map((l) => l.ruleFiles));
  const glossaryFiles = unionOf(layers.map((l) => l.glossaryFiles));
  const { dataset, problems: dataProblems } = datasetFor(ruleFiles, glossaryFiles, inputs.trusted !== false, inputs.builtin !== false);
  problems.push(...dataProblems);

  // Rule ids and categories, checked against the rule registry (the code rules and the dataset's).
  const ids = [...CODE_RULE_IDS, ...dataset.byId.keys()];
  const severity: Record<string, SeveritySetting> = {};
  for (const layer of layers) {
    if (layer.rules === undefined) continue;
    const r = validateSeverity(layer.rules, ids);
    for (const p of r.problems) problems.push({ level: 'error', file: layer.file, message: `${layerName(layer)}：${p}` });
    Object.assign(severity, r.map);
  }

  let date: IsoDate | undefined;
  let dateOrigin: LayerOrigin | undefined;
  for (const layer of layers) {
    if (layer.date === undefined || layer.date === '') continue;
    if (!isValidIsoDate(layer.date)) {
      problems.push({ level: 'error', file: layer.file, message: `${layerName(layer)}：参考日期 “${layer.date}” 应为 YYYY-MM-DD 格式的日期，已忽略` });
      continue;
    }
    date = layer.date;
    dateOrigin = layer.origin;
  }

  const allow = unionOf(layers.map((l) => l.allow)).filter((p) => p.length > 0);
  const archive = unionOf(layers.map((l) => l.archive));
  return new Checker(dataset, severity, internList(allow), date, dateOrigin, archive, problems);
}

const LAYER_NAME: Record<LayerOrigin, string> = {
  settings: '设置 gongwen.severity',
  project: '项目配置',
  cli: '--severity',
  session: '为本文档设置的参考日期',
};

function layerName(layer: ConfigLayer): string {
  return layer.file ?? LAYER_NAME[layer.origin];
}

function unionOf(lists: ReadonlyArray<readonly string[] | undefined>): string[] {
  const out = new Set<string>();
  for (const l of lists) for (const x of l ?? []) out.add(x);
  return [...out];
}

/** One array per distinct allow list, so the check's automaton for it is built once. */
const allowLists = new Map<string, readonly string[]>();
function internList(xs: string[]): readonly string[] {
  if (!xs.length) return [];
  const key = JSON.stringify(xs);
  let a = allowLists.get(key);
  if (!a) {
    if (allowLists.size > 64) allowLists.clear();
    a = Object.freeze(xs);
    allowLists.set(key, a);
  }
  return a;
}

// ---------------------------------------------------------------- the dataset

/** Datasets built with user files, by their inputs (paths, sizes, modification times, trust). */
const datasets = new Map<string, { dataset: Dataset; problems: SetupProblem[] }>();

function fileKey(f: string): string {
  try {
    const st = fs.statSync(f);
    return `${f}\u0000${st.size}\u0000${st.mtimeMs}`;
  } catch {
    return `${f}\u0000missing`;
  }
}

/** Forgets the datasets built from user files (the next build reads them again). */
export function clearCheckerCache(): void {
  datasets.clear();
}

/**
 * The built-in data plus the user files that load: each file on its own, so one bad file leaves
 * the others (and the built-in data) working.
 */
function datasetFor(
  ruleFiles: string[],
  glossaryFiles: string[],
  trusted: boolean,
  builtin: boolean,
): { dataset: Dataset; problems: SetupProblem[] } {
  if (!ruleFiles.length && !glossaryFiles.length && builtin) return { dataset: loadBuiltinDataset(), problems: [] };
  const key = JSON.stringify([trusted, builtin, ruleFiles.map(fileKey), glossaryFiles.map(fileKey)]);
  const hit = datasets.get(key);
  if (hit) return hit;
  const result = loadUserData(ruleFiles, glossaryFiles, trusted, builtin);
  if (datasets.size > 16) datasets.clear();
  datasets.set(key, result);
  return result;
}

function loadUserData(
  ruleFiles: string[],
  glossaryFiles: string[],
  trusted: boolean,
  builtin: boolean,
): { dataset: Dataset; problems: SetupProblem[] } {
  const problems: SetupProblem[] = [];
  const base = builtin ? loadBuiltinDataset() : undefined;
  const builtinRules: RawData['rules'] = base ? base.rules.map((r) => r.entry as RawData['rules'][number]) : [];
  const builtinGlossary: RawData['glossary'] = base ? (base.glossary.entries as RawData['glossary']) : [];
  const refuse = (e: unknown, file: string) => {
    if (!(e instanceof DataError)) throw e;
    problems.push({ level: 'error', file: e.file || file, message: e.message });
  };

  // Rule files, each read and checked on its own.
  const ids = new Map<string, string>(builtinRules.map((r) => [r.id, '内置规则']));
  const userRules = new Map<string, RawData['rules']>();
  for (const file of ruleFiles) {
    try {
      const rules = readRuleFile(file);
      for (const r of rules) {
        const prev = ids.get(r.id);
        if (prev) throw new DataError(file, `规则编号 ${r.id} 与${prev === '内置规则' ? '内置规则' : ` ${prev} 中的规则`}重复`);
      }
      let kept = rules;
      if (!trusted) {
        kept = rules.filter((r) => !r.regex?.length);
        const dropped = rules.filter((r) => r.regex?.length).map((r) => r.id);
        if (dropped.length) {
          problems.push({
            level: 'notice',
            file,
            message: `${file}：受限模式下不加载含正则表达式的工作区规则（${dropped.join('、')}）；信任此文件夹后即可加载`,
          });
        }
      }
      for (const r of rules) ids.set(r.id, file);
      userRules.set(file, kept.map((r) => ({ ...r, file })));
    } catch (e) {
      refuse(e, file);
    }
  }
  const userGlossary: RawData['glossary'] = [];
  for (const file of glossaryFiles) {
    try {
      userGlossary.push(...readGlossaryFile(file).map((g) => ({ ...g, file })));
    } catch (e) {
      refuse(e, file);
    }
  }

  // The user rules' own examples must pass (as `gongwen check` always required): a file with a
  // rule that does not do what its examples say is left out, and the rest is built again.
  const version = builtin ? { currentTo: builtinDataVersion().currentTo } : {};
  for (;;) {
    const raw: RawData = { rules: [...builtinRules, ...[...userRules.values()].flat()], glossary: [...builtinGlossary, ...userGlossary] };
    let dataset: Dataset;
    try {
      dataset = new Dataset(raw, version);
    } catch (e) {
      // A regex that compiles in no engine: Dataset names the file.
      if (!(e instanceof DataError) || !userRules.has(e.file)) throw e;
      refuse(e, e.file);
      userRules.delete(e.file);
      continue;
    }
    const mine = new Set([...userRules.values()].flat().map((r) => r.id));
    const failures = mine.size ? runRuleExamples(dataset, mine) : [];
    const refused = new Set(failures.map((f) => f.file).filter((f): f is string => f !== undefined && userRules.has(f)));
    if (!refused.size) return { dataset, problems };
    for (const file of refused) {
      const f = failures.find((x) => x.file === file)!;
      problems.push({ level: 'error', file, message: `${file}: 规则 ${f.ruleId} 的示例未通过：${f.problem}` });
      userRules.delete(file);
    }
  }
}
