/**
 * Commands: explain a rule (virtual Markdown page, also the target of each diagnostic's code link),
 * explain the phrase at the cursor, check all drafts in the workspace, fix all, insert a template,
 * and re-mine completion patterns from folders (the only place that loads nodejieba).
 */
import fs = require('fs');
import path = require('path');
import vscode = require('vscode');
import { isDraft, settings } from './config';
import { RULE_SCHEME, SOURCE, ruleUri, toDiagnostic, type Diagnostics } from './diagnostics';
import { checkDocument, checkerFor, dataset } from './engine';
import { fixDocument } from './codeActions';
import { glossaryMarkdown, ruleMarkdown } from './logic';
import { t } from './hover';

/** Serves gongwen-rule:/<id>.md — the explanation of a rule. */
export class RuleDocs implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = path.posix.basename(uri.path).replace(/\.md$/, '');
    const ds = await dataset();
    if (uri.path.startsWith('/term/')) {
      const entry = ds.glossary.lookup(id);
      return entry ? glossaryMarkdown(entry, t) + '\n' : `# ${id}\n`;
    }
    const r = ds.byId.get(id);
    if (r) return ruleMarkdown(r.entry, t);
    return `# ${id}\n\n${t('No description of this rule was found. Run gongwen rules to list the rules.')}\n`;
  }
}

async function explainRule(ruleId?: string): Promise<void> {
  if (!ruleId) return;
  await vscode.commands.executeCommand('markdown.showPreview', ruleUri(ruleId));
}

async function explainAtCursor(): Promise<void> {
  const ed = vscode.window.activeTextEditor;
  if (!ed) return;
  const doc = ed.document;
  const ds = await dataset();
  const sel = ed.selection;
  const selected = sel.isEmpty ? '' : doc.getText(sel).trim();
  const entry = selected ? (ds.glossary.lookup(selected) ?? ds.glossary.search(selected)[0]) : ds.glossary.termAt(doc.getText(), doc.offsetAt(sel.active))?.entry;
  if (!entry) {
    void vscode.window.showInformationMessage(t('No known fixed phrase at the cursor (select a phrase such as 两个维护).'));
    return;
  }
  // A read-only virtual page (like a rule's explanation): no untitled document left to save.
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: RULE_SCHEME, path: `/term/${entry.term}.md` }));
}

async function checkWorkspace(diags: Diagnostics): Promise<void> {
  const s = settings();
  const files = await vscode.workspace.findFiles(s.checkGlob, '{**/node_modules/**,**/.git/**,**/.e2e/**}', 5000);
  let problems = 0;
  let checked = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Checking drafts…'), cancellable: true },
    async (progress, token) => {
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        const doc = await vscode.workspace.openTextDocument(uri);
        if (!isDraft(doc)) continue;
        if (Buffer.byteLength(doc.getText()) > s.maxFileSizeKB * 1024) continue;
        const res = await checkDocument(doc);
        diags.collection.set(uri, res.findings.map((f) => toDiagnostic(doc, f)));
        checked++;
        problems += res.findings.length;
        progress.report({ increment: 100 / files.length, message: path.basename(uri.fsPath) });
      }
    },
  );
  void vscode.window.showInformationMessage(t('Checked {0} draft(s): {1} problem(s). See the Problems panel.', checked, problems));
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function fixAll(diags: Diagnostics): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !isDraft(doc)) return;
  // The text of a Word draft is read-only: its fixes go into an annotated copy as tracked changes.
  if (doc.uri.scheme === 'gongwen-docx') return void vscode.commands.executeCommand('gongwen.annotateDocx', doc.uri, { fixes: true });
  const n = await fixDocument(doc, await diags.current(doc));
  void vscode.window.showInformationMessage(t('Applied {0} fix(es).', n));
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

async function insertTemplate(extensionPath: string): Promise<void> {
  const ed = vscode.window.activeTextEditor;
  if (!ed) {
    void vscode.window.showInformationMessage(t('Open a draft first.'));
    return;
  }
  const file = path.join(extensionPath, 'snippets', ed.document.languageId === 'markdown' ? 'markdown.json' : 'plaintext.json');
  let snippets: Record<string, Snippet>;
  try {
    snippets = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    void vscode.window.showErrorMessage(t('Gongwen: cannot read templates: {0}', (e as Error).message));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    Object.entries(snippets).map(([name, s]) => ({
      label: name,
      description: ([] as string[]).concat(s.prefix).join(' / '),
      detail: s.description,
      body: ([] as string[]).concat(s.body).join('\n'),
    })),
    { placeHolder: t('Choose a template to insert'), matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await ed.insertSnippet(new vscode.SnippetString(picked.body));
}

/**
 * Re-mines completion patterns from the archive folders (gongwen.mining.folders and the project
 * configuration's `archive`, as the one builder merges them) into the extension's storage, in a
 * child process (mine.ts): typing is never blocked, the progress notification can cancel it.
 * Completion then uses the built-in data plus this archive, the archive weighted higher.
 */
async function remine(context: vscode.ExtensionContext, onMined: (file: string) => void): Promise<void> {
  const target = vscode.window.activeTextEditor?.document ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const folders = (await checkerFor(target)).archive.map((f) => vscode.Uri.file(f));
  if (!folders.length) {
    const open = t('Open settings');
    const a = await vscode.window.showInformationMessage(t('Set gongwen.mining.folders to the folders of past drafts to mine.'), open);
    if (a === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'gongwen.mining.folders');
    return;
  }
  const mining = await import('./mine');
  const worker = mining.workerPath(context.extensionPath);
  if (!worker) {
    void vscode.window.showErrorMessage(t('Gongwen: the mining worker (dist/mine-worker.js) is missing; mine with the CLI: gongwen mine.'));
    return;
  }
  const out = vscode.Uri.joinPath(context.globalStorageUri, 'patterns.json');
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  const ds = await dataset();
  const words = ds.glossary.entries.flatMap((e) => [e.term, ...(e.aliases ?? [])]);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Mining patterns…'), cancellable: true },
    async (progress, token) => {
      const r = await mining.mineFolders(
        worker,
        { folders: folders.map((f) => f.fsPath), out: out.fsPath, words },
        {
          report: (message, increment) => progress.report({ message, increment }),
          onCancel: (handler) => token.onCancellationRequested(handler),
        },
        context.extensionPath,
      );
      if (r.status === 'cancelled') {
        void vscode.window.showInformationMessage(t('Mining cancelled; the previous patterns are kept.'));
      } else if (r.status === 'error') {
        void vscode.window.showErrorMessage(
          r.segmenter
            ? t('Gongwen: re-mining needs the word segmenter nodejieba, which could not be loaded ({0}). Install it with npm install nodejieba in the extension folder, or mine with the CLI: gongwen mine.', r.message ?? '')
            : t('Gongwen: mining failed: {0}', r.message ?? ''),
        );
      } else {
        onMined(out.fsPath);
        void vscode.window.showInformationMessage(t('Mined {0} document(s); completions now use the new patterns.', r.documents ?? 0));
      }
    },
  );
}

export function registerCommands(
  context: vscode.ExtensionContext,
  diags: Diagnostics,
  onMined: (file: string) => void,
): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocs()),
    vscode.commands.registerCommand('gongwen.explainRule', explainRule),
    vscode.commands.registerCommand('gongwen.explainAtCursor', explainAtCursor),
    vscode.commands.registerCommand('gongwen.checkWorkspace', () => checkWorkspace(diags)),
    vscode.commands.registerCommand('gongwen.fixAll', () => fixAll(diags)),
    vscode.commands.registerCommand('gongwen.insertTemplate', () => insertTemplate(context.extensionPath)),
    vscode.commands.registerCommand('gongwen.remine', () => remine(context, onMined)),
  ];
}

export { SOURCE };
