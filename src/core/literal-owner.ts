/**
 * Whose a pattern of the dataset's automaton is (src/core/dataset.ts; stored with the precompiled
 * data, src/core/precompiled.ts).
 *
 * `anchor`: a misquote anchor bigram (src/core/rules/misquote-index.ts); `directive` and `url`: the
 * literals that tell whether suppression has anything to read (src/core/suppress.ts). These are
 * owned by no rule (`rule` -1).
 */
export type LiteralRole = 'pattern' | 'trigger' | 'object' | 'anchor' | 'directive' | 'url';

/** Whose an automaton pattern is: which rule (-1: none) and in what role (an anchor: which one). */
export interface LiteralOwner {
  rule: number;
  role: LiteralRole;
  anchor?: number;
}

/** The roles in a fixed order (their indexes are stored in the precompiled data). */
export const LITERAL_ROLES: readonly LiteralRole[] = ['pattern', 'trigger', 'object', 'anchor', 'directive', 'url'];
