/**
 * A Dataset is the loaded data compiled for checking: every literal the rules look for (patterns,
 * regex triggers, collocation objects, misquote anchors) goes into one Aho–Corasick automaton, so
 * a check is one pass over the text whatever the number of rules. Literals are matched with quotes
 * folded (“ as ").
 */
import type { FindingKind } from './findings';
import { AhoCorasick } from './ahocorasick';
import { DIRECTIVE_PREFIX } from './suppress';
import { MARK_TABLE } from './text';
import { foldCode, foldQuotes } from './context';
import {
  builtinGlossaryFile,
  builtinRuleFiles,
  DataError,
  readData,
  type RawData,
} from './data';
import { sinceToIso } from './date';
import { builtinDataVersion } from './data-version';
import { Glossary } from './glossary';
import type { LiteralOwner, LiteralRole } from './literal-owner';
import { BUILD_ID, loadPrecompiled, precompiledFile, type CompiledParts, type RuleTable } from './precompiled';
import { MisquoteIndex } from './rules/misquote-index';
import type { RuleEntry, RuleKind } from './model';
import type { Category, IsoDate, Severity } from './types';

export type { LiteralOwner, LiteralRole } from './literal-owner';

/** What a rule proposes as of a date: the fix (if any) and the other acceptable wordings. */
export interface Proposal {
  replacement?: string;
  alternatives?: readonly string[];
}

export interface CompiledRule {
  entry: RuleEntry & { file?: string };
  since?: IsoDate;
  /**
   * What the rule proposes, by period: `from` ascending; the first period (`from` '') is the
   * rule's own `replacement`/`alternatives`. See `proposalAt`.
   */
  proposals: Array<{ from: IsoDate; proposal: Proposal }>;
  regexes: RegExp[];
  /** What the rule's findings share: id, category, default severity, explanation, source… */
  kind: FindingKind;
  /** The `unless` words, quote-folded once here (hits are compared with quotes folded). */
  unless?: { before?: string[]; after?: string[]; inside?: string[] };
}

/** The finding category of each rule kind. */
export const CATEGORY: Readonly<Record<RuleKind, Category>> = {
  outdated: 'outdated',
  era: 'outdated',
  renamed: 'outdated',
  nonstandard: 'nonstandard',
  collocation: 'nonstandard',
  format: 'punctuation',
};

export function defaultSeverity(r: RuleEntry): Severity {
  if (r.severity) return r.severity;
  return r.confidence === 'high' ? 'warning' : r.confidence === 'medium' ? 'info' : 'hint';
}

/** One rule entry compiled for checking. Throws DataError when a regex compiles in no engine. */
function compileRule(entry: RuleEntry & { file?: string }): CompiledRule {
  let regexes: RegExp[] = [];
  try {
    regexes = (entry.regex ?? []).map((s) => new RegExp(s, 'gu'));
  } catch (e) {
    throw new DataError(entry.file ?? '', `规则 ${entry.id} 的正则表达式无效：${(e as Error).message}`);
  }
  const kind: FindingKind = {
    ruleId: entry.id,
    category: CATEGORY[entry.kind],
    severity: defaultSeverity(entry),
    reason: entry.explanation,
    source: entry.source,
    confidence: entry.confidence,
    ...(entry.since ? { since: entry.since } : {}),
  };
  const base: Proposal = { replacement: entry.replacement, alternatives: entry.alternatives };
  const proposals = [
    { from: '', proposal: base },
    ...[...(entry.replacementByDate ?? [])]
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
      .map((d) => ({ from: d.from, proposal: { replacement: d.replacement, alternatives: d.alternatives } })),
  ];
  return {
    entry,
    since: entry.since ? sinceToIso(entry.since) : undefined,
    proposals,
    regexes,
    kind,
    unless: entry.unless && {
      before: entry.unless.before?.map(foldQuotes),
      after: entry.unless.after?.map(foldQuotes),
      inside: entry.unless.inside?.map(foldQuotes),
    },
  };
}

/**
 * A rule of the precompiled built-in data, read and compiled when a check first asks for it: a
 * check reads the few rules its text hits (26 of 436 on the 1 MB bench text), so a short command
 * does not parse and compile the others.
 */
class LazyRule implements CompiledRule {
  private compiled?: CompiledRule;
  constructor(private readonly read: () => RuleEntry & { file?: string }) {}
  private get rule(): CompiledRule {
    return (this.compiled ??= compileRule(this.read()));
  }
  get entry() {
    return this.rule.entry;
  }
  get since() {
    return this.rule.since;
  }
  get proposals() {
    return this.rule.proposals;
  }
  get regexes() {
    return this.rule.regexes;
  }
  get kind() {
    return this.rule.kind;
  }
  get unless() {
    return this.rule.unless;
  }
}

/** What suppression looks for before it reads the text (see `findSuppressions`). */
const SUPPRESSION_LITERALS: Array<[string, LiteralRole]> = [
  [DIRECTIVE_PREFIX, 'directive'],
  ['://', 'url'],
];

export class Dataset {
  readonly rules: CompiledRule[];
  readonly glossary: Glossary;
  readonly matcher: AhoCorasick;
  /** The automaton's patterns, quote-folded; `owners[k]` says whose `literals[k]` is. */
  readonly literals: string[];
  /** Canonical-wording clauses for the misquote rule; their anchors are in `matcher`. */
  readonly misquote: MisquoteIndex;
  /** For each automaton pattern: which rule and in what role (an anchor: which one of `misquote.anchors`). */
  readonly owners: LiteralOwner[];
  readonly byId = new Map<string, CompiledRule>();
  /**
   * The day the built-in rule data was last brought up to date (data/data-version.json), when
   * the built-in data is loaded; see src/core/rules/currency.ts.
   */
  readonly currentTo?: IsoDate;

  /**
   * `compiled`: what a build of the same raw data computed before (the precompiled built-in data,
   * src/core/precompiled.ts): the misquote anchors and the automaton's tables are then loaded, not
   * computed again, and with `compiled.rules` each rule is read from it when first used (`raw.rules`
   * is then not read).
   */
  constructor(raw: RawData, opts: { currentTo?: IsoDate; compiled?: CompiledParts } = {}) {
    this.currentTo = opts.currentTo;
    const table = opts.compiled?.rules;
    if (table) {
      // The precompiled built-in data: the rules are read when first used; the automaton's
      // patterns and their owners were stored with the tables.
      this.rules = table.ids.map((_, i) => new LazyRule(() => table.entry(i)));
      table.ids.forEach((id, i) => this.byId.set(id, this.rules[i]));
      this.literals = table.literals;
      this.owners = table.owners;
    } else {
      this.rules = raw.rules.map(compileRule);
      for (const r of this.rules) this.byId.set(r.entry.id, r);
      this.literals = [];
      this.owners = [];
    }
    this.glossary = new Glossary(raw.glossary);
    // How common a bigram is, judged on the data's own prose: picks the rarest misquote anchors.
    const prose = () =>
      [...raw.rules.map((r) => r.explanation), ...raw.glossary.flatMap((g) => [g.summary, g.origin, g.statusNote ?? '', ...g.expansion])].join('\n');
    this.misquote = new MisquoteIndex(this.glossary, prose, opts.compiled?.anchors);
    if (!table) this.collectLiterals();
    // The automaton also collects the text model's marks in its pass (see TextDoc.marks).
    this.matcher = new AhoCorasick(this.literals, foldCode, { marks: MARK_TABLE, tables: opts.compiled?.automaton });
  }

  /** The automaton's patterns and their owners: the rules' literals, the misquote anchors, the suppression literals. */
  private collectLiterals(): void {
    const add = (literal: string, owner: LiteralOwner) => {
      this.literals.push(literal);
      this.owners.push(owner);
    };
    this.rules.forEach((r, rule) => {
      for (const p of r.entry.patterns ?? []) add(foldQuotes(p), { rule, role: 'pattern' });
      if (r.regexes.length) for (const t of r.entry.triggers ?? []) add(foldQuotes(t), { rule, role: 'trigger' });
      if (r.entry.object) add(foldQuotes(r.entry.object), { rule, role: 'object' });
    });
    this.misquote.anchors.forEach((a, anchor) => add(foldQuotes(a), { rule: -1, role: 'anchor', anchor }));
    for (const [literal, role] of SUPPRESSION_LITERALS) add(literal, { rule: -1, role });
  }

  private anchorTable?: Int32Array;

  /**
   * For each automaton pattern: the misquote anchor it is (its index in `misquote.anchors`), or -1.
   * The misquote rule reads this for every hit; a typed load, where `owners[p].anchor` was a call
   * and a property load on objects of two shapes in a short, unoptimized run.
   */
  get anchorOfPattern(): Int32Array {
    if (!this.anchorTable) {
      const t = new Int32Array(this.owners.length).fill(-1);
      for (let p = 0; p < this.owners.length; p++) {
        const a = this.owners[p].anchor;
        if (a !== undefined) t[p] = a;
      }
      this.anchorTable = t;
    }
    return this.anchorTable;
  }

  /** What a later build of the same raw data can load instead of computing (see the constructor). */
  compiledParts(): CompiledParts {
    const rules: RuleTable = {
      ids: this.rules.map((r) => r.entry.id),
      entry: (i) => this.rules[i].entry,
      literals: this.literals,
      owners: this.owners,
    };
    return { anchors: this.misquote.anchorChoice(), automaton: this.matcher.tables(), rules };
  }
}


/**
 * What `rule` proposes as of `date`: the last period of `replacementByDate` whose `from` is on or
 * before the date, else the rule's own `replacement` and `alternatives`.
 */
export function proposalAt(rule: CompiledRule, date: IsoDate): Proposal {
  const p = rule.proposals;
  let k = p.length - 1;
  while (k > 0 && p[k].from > date) k--;
  return p[k].proposal;
}

let builtin: Dataset | undefined;

/**
 * The built-in rules and glossary (read once, then cached): in a bundle, from the file precompiled
 * at build time when it is of this build and of the data as it is (src/core/precompiled.ts); else
 * read, validated and compiled from data/.
 */
export function loadBuiltinDataset(): Dataset {
  if (builtin) return builtin;
  // GONGWEN_NO_PRECOMPILED=1: build from data/ even in a bundle (to measure what the file saves).
  const r = process.env.GONGWEN_NO_PRECOMPILED ? { why: 'GONGWEN_NO_PRECOMPILED' } : loadPrecompiled(precompiledFile(), BUILD_ID);
  let ds: Dataset | undefined;
  let why = 'why' in r ? r.why : '';
  if ('raw' in r) {
    try {
      ds = new Dataset(r.raw, { currentTo: builtinDataVersion().currentTo, compiled: r.compiled });
    } catch (e) {
      why = `无法载入（${(e as Error).message}）`;
    }
  }
  if (process.env.GONGWEN_TRACE_DATA) process.stderr.write(`gongwen: 内置数据：${ds ? '预编译' : `从 data/ 编译（${why}）`}\n`);
  builtin = ds ?? compileBuiltinDataset();
  return builtin;
}

/** The built-in data read, validated and compiled from data/ (what the precompiled file holds). */
export function compileBuiltinDataset(raw = readData(builtinRuleFiles(), [builtinGlossaryFile()])): Dataset {
  return new Dataset(raw, { currentTo: builtinDataVersion().currentTo });
}

export interface LoadOptions {
  /** Extra rule files of the data/rules format. */
  ruleFiles?: string[];
  /** Extra glossary files of the data/glossary.json format. */
  glossaryFiles?: string[];
  /** Whether rules with regular expressions may come from these files (false in untrusted workspaces). */
  allowRegex?: boolean;
  /** Include the built-in data (default true). */
  builtin?: boolean;
}

export interface LoadResult {
  dataset: Dataset;
  /** Rules that were not loaded, with why (e.g. regex rules in an untrusted workspace). */
  skipped: Array<{ file: string; id: string; why: string }>;
}

/** Built-in data plus user files. Throws DataError naming the first bad file. */
export function loadDataset(opts: LoadOptions = {}): LoadResult {
  const useBuiltin = opts.builtin !== false;
  const userRules = opts.ruleFiles ?? [];
  const userGloss = opts.glossaryFiles ?? [];
  const raw = readData(
    [...(useBuiltin ? builtinRuleFiles() : []), ...userRules],
    [...(useBuiltin ? [builtinGlossaryFile()] : []), ...userGloss],
  );
  const skipped: LoadResult['skipped'] = [];
  if (opts.allowRegex === false) {
    const user = new Set(userRules);
    raw.rules = raw.rules.filter((r) => {
      if (user.has(r.file) && r.regex?.length) {
        skipped.push({ file: r.file, id: r.id, why: '受限模式下不加载含正则表达式的工作区规则' });
        return false;
      }
      return true;
    });
  }
  return { dataset: new Dataset(raw, useBuiltin ? { currentTo: builtinDataVersion().currentTo } : {}), skipped };
}
