/**
 * Ghost-text completion (Tab accepts): the best continuation of the text before the cursor, shown
 * only at the end of a line (or before closing punctuation), so it does not get in the way of
 * editing in the middle of a sentence, and only when it is likely (INLINE_MIN_PROB): a guess is
 * left to the suggestion list.
 */
import vscode = require('vscode');
import { isDraft, settings } from './config';
import type { Completions } from './completion';

/** Least estimated probability of a continuation shown as ghost text. */
export const INLINE_MIN_PROB = 0.3;

export class InlineCompletion implements vscode.InlineCompletionItemProvider {
  constructor(private readonly completions: Completions) {}

  async provideInlineCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    ctx: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    if (!isDraft(doc) || !settings(doc.uri).inlineCompletionEnabled) return undefined;
    if (ctx.selectedCompletionInfo) return undefined; // the suggestion list is open: it shows them
    const line = doc.lineAt(pos.line).text;
    const after = line.slice(pos.character);
    if (!/^[\s”’」』）)。，；！？]*$/.test(after)) return undefined;
    const before = line.slice(0, pos.character);
    if (!before.trim()) return undefined;
    const [best] = await this.completions.suggest(doc, pos, 1);
    if (!best || best.prob < INLINE_MIN_PROB || token.isCancellationRequested) return undefined;
    return [new vscode.InlineCompletionItem(best.insert, new vscode.Range(pos, pos))];
  }
}
