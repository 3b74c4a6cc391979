/** The completion engine's public surface. */
export { Completer, type CompleterOptions } from './completer';
export type { Suggestion, SuggestionKind, CompleteOptions } from './types';
export { loadPatterns, loadCompletionDataset, patternsProblem, PatternsError, builtinPatternsFile } from './load';
