/**
 * Shared types of the checking core. Pure TypeScript: nothing here (or anywhere under
 * src/core) may import 'vscode' — the CLI, the extension and the tests all use this code.
 */

export type Category = 'outdated' | 'nonstandard' | 'outline' | 'punctuation';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Confidence = 'high' | 'medium' | 'low';

/** A replacement of the text in [start, end) (UTF-16 offsets) by `text`. */
export interface Fix {
  start: number;
  end: number;
  text: string;
}

/** One problem found in a document. Offsets are UTF-16 code units into the checked text. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  /** Chinese message shown to the drafter. */
  message: string;
  fix?: Fix;
  /** Why the wording is wrong (Chinese). */
  reason?: string;
  /** Since when it is wrong (YYYY, YYYY-MM or YYYY-MM-DD). */
  since?: string;
  /** Where the fact comes from (URL or citation). */
  source?: string;
  confidence?: Confidence;
}

/** A calendar date as YYYY-MM-DD; comparisons are plain string comparisons. */
export type IsoDate = string;
