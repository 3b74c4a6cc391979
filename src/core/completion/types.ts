/** Types of the completion engine (pure TS, shared by the CLI, the extension and the bench). */

export type SuggestionKind = 'canon' | 'next' | 'recent' | 'parallel' | 'enumeration' | 'expansion';

export interface Suggestion {
  /** Text to append after the cursor. */
  insert: string;
  /** What the list shows (the insert, or the whole phrase it completes). */
  label: string;
  kind: SuggestionKind;
  /** Short Chinese note on the evidence, e.g. 语料 12 次 · 4 篇. */
  detail: string;
  /** Estimated probability that the text goes on with the insert (0–1). */
  prob: number;
  /**
   * Expected keystrokes saved (probability × length, boosted for the canon and structure; in the
   * list: less the accepting key and discounted for length, see rankValue); comparable across kinds.
   */
  score: number;
}

export interface CompleteOptions {
  /** Maximum number of suggestions (default 5). */
  limit?: number;
  /**
   * Text of the paragraphs before the current one (most recent last, or one string with line
   * breaks). Used to find the enumeration or heading marker to continue in a new paragraph.
   */
  context?: string | string[];
}

/** Internal candidate before ranking and filtering. */
export interface Candidate extends Suggestion {
  /** The text the filter checks (typed context + insert), so outdated wording is caught whole. */
  checkText?: string;
}

/** Evidence score shared by the sources: occurrences and spread over documents. */
export function evidence(count: number, docs: number): number {
  return Math.log2(1 + count) + 0.75 * Math.max(0, docs - 1);
}

export function corpusDetail(count: number, docs: number): string {
  return docs > 1 ? `语料 ${count} 次 · ${docs} 篇` : `语料 ${count} 次`;
}

/** Structure the drafter started (a series, an enumeration) ranks above a model guess of equal expected saving. */
export const STRUCTURE_BOOST = 1.2;
