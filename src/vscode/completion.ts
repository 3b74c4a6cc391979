/**
 * Phrase completion from the mined patterns (data/patterns.json, or the re-mined file in the
 * extension's storage) and the glossary's collocations, via the core Completer.
 * - CompletionItemProvider: the list (Ctrl+Space; while typing where quick suggestions are on,
 *   i.e. plain text by default). VS Code sees a whole run of CJK characters as one word and would
 *   filter the items away, so each item's range is the typed CJK run before the cursor and its
 *   filterText/insertText are that run + the continuation (see logic.completionEdit).
 * - InlineCompletionItemProvider (inlineCompletion.ts): ghost text, Tab to accept — how
 *   completions reach Markdown, where VS Code's quick suggestions are off by default.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { t } from './i18n';
import { Completer, loadPatterns, type Suggestion } from '../core/completion';
import { detectDocumentDate, todayIso } from '../core/date';
import type { Patterns } from '../core/patterns';
import { isDraft, settings } from './config';
import { dataset, onDatasetChanged } from './engine';
import { completionEdit, typedPrefix } from './logic';
import { InlineCompletion } from './inlineCompletion';

const KIND: Record<string, vscode.CompletionItemKind> = {
  canon: vscode.CompletionItemKind.Keyword,
  next: vscode.CompletionItemKind.Text,
  recent: vscode.CompletionItemKind.Text,
  parallel: vscode.CompletionItemKind.Snippet,
  enumeration: vscode.CompletionItemKind.Enum,
  expansion: vscode.CompletionItemKind.Reference,
};

/** Builds completers lazily; one per reference date, dropped when data or patterns change. */
export class Completions {
  private patternsFile: string | undefined;
  private patterns: Patterns | undefined;
  private readonly completers = new Map<string, Promise<Completer>>();
  private warned = false;

  constructor(private readonly storedPatterns: string) {
    if (fs.existsSync(storedPatterns)) this.patternsFile = storedPatterns;
    onDatasetChanged(() => this.completers.clear());
  }

  usePatterns(file: string): void {
    this.patternsFile = file;
    this.patterns = undefined;
    this.completers.clear();
  }

  private loadPatterns(): Patterns {
    if (!this.patterns) {
      try {
        this.patterns = loadPatterns(this.patternsFile);
      } catch (e) {
        if (this.patternsFile) {
          // The re-mined file is unreadable: fall back to the built-in patterns.
          if (!this.warned) {
            this.warned = true;
            void vscode.window.showWarningMessage(t('Gongwen: mined patterns not usable, using the built-in ones: {0}', (e as Error).message));
          }
          this.patternsFile = undefined;
          this.patterns = loadPatterns();
        } else throw e;
      }
    }
    return this.patterns;
  }

  completer(doc: vscode.TextDocument): Promise<Completer> {
    const date = settings(doc.uri).referenceDate ?? detectDocumentDate(doc.getText()) ?? todayIso();
    let c = this.completers.get(date);
    if (!c) {
      c = dataset().then((ds) => new Completer(this.loadPatterns(), ds, { date }));
      this.completers.set(date, c);
      c.catch(() => this.completers.delete(date));
    }
    return c;
  }

  /** Suggestions for the text before `pos` (the current line) with earlier lines as context. */
  async suggest(doc: vscode.TextDocument, pos: vscode.Position, limit: number): Promise<Suggestion[]> {
    const completer = await this.completer(doc);
    const lineBefore = doc.lineAt(pos.line).text.slice(0, pos.character);
    const context: string[] = [];
    for (let i = Math.max(0, pos.line - 80); i < pos.line; i++) context.push(doc.lineAt(i).text);
    return completer.complete(lineBefore, { limit, context });
  }
}

export class CompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly completions: Completions) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionList | undefined> {
    if (!isDraft(doc) || !settings(doc.uri).completionEnabled) return undefined;
    const lineBefore = doc.lineAt(pos.line).text.slice(0, pos.character);
    const suggestions = await this.completions.suggest(doc, pos, 8);
    const typed = typedPrefix(lineBefore);
    const items = suggestions.map((s, i) => {
      const e = completionEdit(lineBefore, typed.prefix.length, s.insert);
      const item = new vscode.CompletionItem({ label: s.label, description: s.detail }, KIND[s.kind] ?? vscode.CompletionItemKind.Text);
      item.range = new vscode.Range(pos.line, e.startColumn, pos.line, e.endColumn);
      item.insertText = e.insertText;
      item.filterText = e.filterText;
      item.sortText = String(i).padStart(3, '0');
      item.detail = s.detail;
      item.documentation = new vscode.MarkdownString(`${t('Inserts')}: ${s.insert}`);
      return item;
    });
    // Re-ask on every keystroke: the continuation depends on the whole typed text.
    return new vscode.CompletionList(items, true);
  }
}

export function registerCompletion(context: vscode.ExtensionContext): {
  register: (sel: vscode.DocumentSelector) => vscode.Disposable[];
  usePatterns: (file: string) => void;
} {
  const completions = new Completions(vscode.Uri.joinPath(context.globalStorageUri, 'patterns.json').fsPath);
  return {
    register: (sel) => [
      vscode.languages.registerCompletionItemProvider(sel, new CompletionProvider(completions)),
      vscode.languages.registerInlineCompletionItemProvider(sel, new InlineCompletion(completions)),
    ],
    usePatterns: (file) => completions.usePatterns(file),
  };
}
