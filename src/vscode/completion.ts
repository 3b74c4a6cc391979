/**
 * Completion from the built-in data (the seeds' continuation model, the canon, the glossary and the
 * rules) plus the archive re-mined from the user's folders (the file in the extension's storage,
 * weighted higher), via the core Completer.
 * - CompletionItemProvider: the list (Ctrl+Space; while typing where quick suggestions are on,
 *   i.e. plain text by default). VS Code sees a whole run of CJK characters as one word and would
 *   filter the items away, so each item's range is the typed CJK run before the cursor and its
 *   filterText/insertText are that run + the continuation (see logic.completionEdit).
 * - InlineCompletionItemProvider (inlineCompletion.ts): ghost text, Tab to accept — how
 *   completions reach Markdown, where VS Code's quick suggestions are off by default.
 * The patterns are read asynchronously on first use; a completer is built per reference date.
 */
import fs = require('fs');
import vscode = require('vscode');
import { t } from './i18n';
import { checkedPatterns, Completer, loadCanon, loadPatterns, USER_WEIGHT, type CanonEntry, type PatternsSource, type Suggestion } from '../core/completion';
import { detectDocumentDate, todayIso } from '../core/date';
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
  private userFile: string | undefined;
  private sources: Promise<PatternsSource[]> | undefined;
  private canon: CanonEntry[] | undefined;
  private readonly completers = new Map<string, Promise<Completer>>();
  private warned = false;

  constructor(private readonly storedPatterns: string) {
    if (fs.existsSync(storedPatterns)) this.userFile = storedPatterns;
    onDatasetChanged(() => this.completers.clear());
  }

  usePatterns(file: string): void {
    this.userFile = file;
    this.sources = undefined;
    this.completers.clear();
  }

  /** The built-in patterns and, when re-mined, the user's archive (read without blocking). */
  private loadSources(): Promise<PatternsSource[]> {
    this.sources ??= (async () => {
      const list: PatternsSource[] = [{ patterns: loadPatterns(), weight: 1 }];
      if (this.userFile) {
        try {
          const json = JSON.parse(await fs.promises.readFile(this.userFile, 'utf8')) as unknown;
          // checked, and its model read from the binary file beside it (errors name the file)
          list.push({ patterns: checkedPatterns(json, this.userFile), weight: USER_WEIGHT });
        } catch (e) {
          // The re-mined file is unreadable: the built-in data alone.
          if (!this.warned) {
            this.warned = true;
            void vscode.window.showWarningMessage(t('Gongwen: mined patterns not usable, using the built-in ones: {0}', (e as Error).message));
          }
        }
      }
      return list;
    })();
    return this.sources;
  }

  completer(doc: vscode.TextDocument): Promise<Completer> {
    const date = settings(doc.uri).referenceDate ?? detectDocumentDate(doc.getText()) ?? todayIso();
    let c = this.completers.get(date);
    if (!c) {
      c = Promise.all([dataset(), this.loadSources()]).then(([ds, sources]) => {
        this.canon ??= loadCanon();
        return new Completer(sources, ds, { date, canon: this.canon });
      });
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
