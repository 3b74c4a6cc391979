/** The completion engine's public surface. */
export { Completer, USER_WEIGHT, type CompleterOptions, type PatternsSource } from './completer';
export type { CanonEntry } from './canon';
export type { Suggestion, SuggestionKind, CompleteOptions } from './types';
export { loadPatterns, checkedPatterns, loadCanon, loadCompletionDataset, patternsProblem, PatternsError, builtinPatternsFile, builtinCanonFile } from './load';
