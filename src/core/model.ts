/**
 * The shapes of the curated data under data/: formulation rules and glossary entries.
 * The JSON Schemas in data/schema/ describe the same shapes for editors and for validation.
 */
import type { Confidence, IsoDate, Severity } from './types';

/**
 * outdated    superseded wording (以习近平同志为总书记的党中央)
 * era         a goal, campaign or event that is over: only wrong where the text speaks of it as current
 * renamed     an institution that has a new name
 * nonstandard wrong at any date (习总书记, 中国人民共和国)
 * collocation wrong verb or pairing with a numbered concept (坚定“四个意识”)
 * format      公文 format: numbering, dates, punctuation conventions
 */
export type RuleKind = 'outdated' | 'era' | 'renamed' | 'nonstandard' | 'collocation' | 'format';

/**
 * The checks of the built-in context for old names of bodies (src/core/rules/history.ts):
 * title    inside 《…》;
 * word     a name ending in 部 followed by 门/署/分/位/件/落/队 is a common word (农业部门, 部署);
 * marker   a history marker before the name (原, 前, 时任, 曾任, 当时的, 前身为, 撤销, 不再保留 …) or 原
 *          after it (…原局长, …原党组书记);
 * reform   the clause or the rest of the sentence narrates the reform (更名, 并入, 撤销, 组建, 挂牌, 旧址 …);
 * foreign  a foreign country or region right before the name (美国农业部, 该国农业部);
 * dated    a date at the head of the clause or sentence, or right before or after the name, before `since`;
 * past     an account of the past as the era decision reads it (印发了, 曾, 当时，…), unless dated on or
 *          after `since`.
 */
export type HistoryPart = 'title' | 'word' | 'marker' | 'reform' | 'foreign' | 'dated' | 'past';

export interface RuleExample {
  text: string;
  /** Reference date for this example (default: 2026-06-01). */
  date?: IsoDate;
  /** For `fire` examples: the text after applying the rule's fix. */
  fixed?: string;
}

/** One period of a date-dependent replacement (see `RuleEntry.replacementByDate`). */
export interface DatedReplacement {
  /** YYYY-MM-DD: from this day on, this entry applies. */
  from: IsoDate;
  replacement?: string;
  alternatives?: string[];
}

export interface RuleEntry {
  /** Stable kebab-case id, unique across all loaded files. */
  id: string;
  kind: RuleKind;
  /** Literal strings, all matched in one pass. Curly and straight quotes are interchangeable. */
  patterns?: string[];
  /**
   * Guarded regular expressions: each runs only on the sentence around a hit of one of
   * `triggers`, and only its matches that cover that hit count. The fix re-applies the regex to
   * the matched text alone, so do not end a pattern with a lookahead (it would never match there).
   */
  regex?: string[];
  triggers?: string[];
  /** For kind `collocation` with `object`: the concept (without quotes) the verb goes with. */
  object?: string;
  /** Standard verbs for `object`; the first is the fix. */
  verbs?: string[];
  /** Verbs that are wrong with `object`. */
  wrongVerbs?: string[];
  /** The standard wording; `$1`… refer to regex groups. Absent: no automatic fix. */
  replacement?: string;
  /** Other acceptable replacements, shown in the message. */
  alternatives?: string[];
  /**
   * Replacements that depend on the reference date (十三五 → 十四五 in 2021–2025, → 十五五 from
   * 2026): the last entry whose `from` is on or before the reference date wins; a date before the
   * first entry falls back to `replacement` / `alternatives`. An entry without `replacement` gives
   * no automatic fix (only its `alternatives`, shown in the message).
   */
  replacementByDate?: DatedReplacement[];
  /**
   * The date from which the old wording is wrong; absent: any date. Built-in data gives the exact
   * day (YYYY-MM-DD). A partial date is read conservatively, as the first day after the period it
   * names: YYYY-MM → the first day of the next month, YYYY → 1 January of the next year.
   */
  since?: string;
  /** Short Chinese message; default is built from the kind and the replacement. */
  message?: string;
  /** Why (Chinese, in our own words). */
  explanation: string;
  source: string;
  confidence: Confidence;
  severity?: Severity;
  /** Context exceptions. */
  unless?: {
    /** Silent when the match is immediately preceded by one of these (学 for 习总书记). */
    before?: string[];
    /** Silent when the match is immediately followed by one of these. */
    after?: string[];
    /** Silent when the match lies inside an occurrence of one of these (改革开放新时期). */
    inside?: string[];
    /** Silent inside a book title 《…》 (a historical document's name). */
    inTitle?: boolean;
    /** Silent inside quotation marks “…” (a quotation of older text). */
    inQuote?: boolean;
  };
  /**
   * The built-in context for old names of bodies (see `HistoryPart`): on by default for kind
   * `renamed`, off for the other kinds. `false` switches it off, `true` on (for an `outdated`,
   * `era` or `nonstandard` rule that names a body); an object switches it on with only `parts`
   * (default all) and without the built-in words listed in `ignore` (a marker, a country or region, a
   * reform word). `dated` and `past` need `since`; for kind `era` they are the era decision's own.
   * `unless` still adds the rule's own words.
   */
  history?: boolean | { parts?: HistoryPart[]; ignore?: string[] };
  /**
   * Kind `era`: cue words for this rule, read as words in the clause of the hit. `current` and
   * `past` are added to the built-in cues; `ignore` removes built-in cues (current or past) for
   * this rule.
   */
  era?: { current?: string[]; past?: string[]; ignore?: string[] };
  /** Self-tests run by the test suite (and at load time for user files). */
  examples: { fire: Array<string | RuleExample>; pass: Array<string | RuleExample> };
}

export interface RuleFile {
  $schema?: string;
  rules: RuleEntry[];
}

export type TermStatus = 'current' | 'dated' | 'historical';

export interface GlossaryEntry {
  /** The phrase as written in text, without quotes (两个维护). */
  term: string;
  /** Other spellings that refer to the same entry. */
  aliases?: string[];
  /** The items the phrase stands for, in canonical order and wording. */
  expansion: string[];
  /** Short explanation in Chinese, in our own words. */
  summary: string;
  /** Where and when it comes from (Chinese). */
  origin: string;
  since?: string;
  status: TermStatus;
  /** Note on status (e.g. 首个百年目标已实现). */
  statusNote?: string;
  /** Standard collocations as whole phrases (坚决做到“两个维护”). */
  collocations: string[];
  /** The canonical full wording, when one exists; near-misses of it are flagged. */
  canonical?: string;
  source: string;
  /** Where the user's seed corpus uses or explains it (file names). */
  corpus?: string[];
  confidence?: Confidence;
}

export interface GlossaryFile {
  $schema?: string;
  entries: GlossaryEntry[];
}
