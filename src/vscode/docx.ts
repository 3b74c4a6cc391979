/**
 * Word drafts in the editor. 检查 Word 文稿 (gongwen.checkDocx, Explorer context menu on a .docx)
 * opens the draft's body text read-only, one paragraph per line, as a document of the
 * `gongwen-docx` scheme: diagnostics, hovers, the Outline and the 文稿结构 view work on it as on a
 * text draft (quick fixes do not: the Word file is changed in Word). It follows the file: saved
 * again in Word, the text and its findings are refreshed. 生成批注版 (gongwen.annotateDocx) writes
 * the annotated copy beside the draft (稿子.批注.docx), checked with the same rules and settings
 * as the editor, then offers to open its folder; 修正本文件中的全部问题 on the text of a Word draft
 * writes that copy with each fix as a tracked change (修订) as well.
 */
import fs = require('fs');
import path = require('path');
import vscode = require('vscode');
import { severityRank } from '../core/report/labels';
import type { Diagnostics } from './diagnostics';
import { checkText } from './engine';
import { Hover } from './hover';
import { t } from './i18n';
import { Symbols } from './symbols';

export const DOCX_SCHEME = 'gongwen-docx';

/** The read-only text document of a Word file: same path, our scheme, the file's URI in the query. */
export function docxTextUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCX_SCHEME, path: file.path, query: file.toString() });
}

/** The Word file behind a `gongwen-docx` document. */
export function docxFileOf(uri: vscode.Uri): vscode.Uri {
  return uri.query ? vscode.Uri.parse(uri.query) : vscode.Uri.file(uri.path);
}

type DocxModule = typeof import('../docx/package');
// The .docx reader (JSZip, xmldom) is loaded on first use, not at activation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const docxModule = (): DocxModule => require('../docx/package') as DocxModule;

/** Reads a Word file's body text; a file that is not a readable .docx gives a one-line message. */
async function readText(file: vscode.Uri): Promise<{ text: string } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(file);
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  }
  const { readDocx, DocxError } = docxModule();
  try {
    return { text: (await readDocx(bytes)).text };
  } catch (e) {
    if (e instanceof DocxError) return { error: e.message };
    return { error: String((e as Error)?.message ?? e).split('\n')[0] };
  }
}

/** Serves gongwen-docx: documents, and refreshes them when their Word file changes on disk. */
export class DocxTextProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly watchers = new Map<string, vscode.Disposable>();

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = docxFileOf(uri);
    this.watch(uri, file);
    const r = await readText(file);
    if ('error' in r) {
      void vscode.window.showErrorMessage(t('Gongwen: cannot read {0}: {1}', path.basename(file.fsPath), r.error));
      return '';
    }
    return r.text;
  }

  private watch(uri: vscode.Uri, file: vscode.Uri): void {
    const key = uri.toString();
    if (this.watchers.has(key) || file.scheme !== 'file') return;
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file.fsPath)), path.basename(file.fsPath)));
    const fire = () => this.changed.fire(uri);
    this.watchers.set(key, vscode.Disposable.from(w, w.onDidChange(fire), w.onDidCreate(fire)));
  }

  /** Stops watching the Word file of a closed text document. */
  forget(uri: vscode.Uri): void {
    this.watchers.get(uri.toString())?.dispose();
    this.watchers.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    for (const w of this.watchers.values()) w.dispose();
  }
}

/** The Word file a command is about: the Explorer's selection, the open text of one, or a file picked now. */
async function targetFile(arg?: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg.scheme === DOCX_SCHEME ? docxFileOf(arg) : arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === DOCX_SCHEME) return docxFileOf(active);
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [t('Word document')]: ['docx'] }, openLabel: t('Check') });
  return picked?.[0];
}

async function checkDocx(arg?: unknown): Promise<void> {
  const file = await targetFile(arg);
  if (!file) return;
  // Read once here so that an unreadable file gives its message instead of an empty editor.
  const r = await readText(file);
  if ('error' in r) {
    void vscode.window.showErrorMessage(t('Gongwen: cannot read {0}: {1}', path.basename(file.fsPath), r.error));
    return;
  }
  let doc = await vscode.workspace.openTextDocument(docxTextUri(file));
  if (doc.languageId !== 'plaintext') doc = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** Opens the folder of a file: the system's file manager on the desktop, the Explorer in a browser. */
async function revealFolder(file: vscode.Uri): Promise<void> {
  if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) await vscode.commands.executeCommand('revealFileInOS', file);
  else await vscode.commands.executeCommand('revealInExplorer', file);
}

/** `options.fixes`: also each fix as a tracked change (修订), as 修正全部问题 does on a Word draft. */
async function annotate(arg?: unknown, options?: { fixes?: boolean }): Promise<void> {
  const file = await targetFile(arg);
  if (!file) return;
  if (file.scheme !== 'file') {
    void vscode.window.showErrorMessage(t('Gongwen: the annotated copy can only be written for files on this machine.'));
    return;
  }
  const draft = file.fsPath;
  const done = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Writing the annotated copy of {0}…', path.basename(draft)) },
    async (): Promise<{ out: string; comments: number; changes: number } | { error: string }> => {
      const { annotateDocx } = await import('../docx/annotate');
      const { defaultAnnotatedPath, writeFileAtomic } = await import('../docx/output');
      const { DocxError } = docxModule();
      try {
        const bytes = await fs.promises.readFile(draft);
        // the findings the editor shows for this file's text (same reading, same settings)
        const res = await annotateDocx(
          bytes,
          async (text) => (await checkText(file, text, 'plaintext')).findings.filter((f) => severityRank(f.severity) >= severityRank('info')),
          { fixes: options?.fixes === true },
        );
        const out = defaultAnnotatedPath(draft);
        writeFileAtomic(out, res.bytes);
        return { out, comments: res.comments, changes: res.changes };
      } catch (e) {
        if (e instanceof DocxError) return { error: e.message };
        const err = e as NodeJS.ErrnoException;
        return { error: err.code ?? String(err.message ?? e).split('\n')[0] };
      }
    },
  );
  if ('error' in done) {
    void vscode.window.showErrorMessage(t('Gongwen: cannot write the annotated copy of {0}: {1}', path.basename(draft), done.error));
    return;
  }
  const open = t('Open Containing Folder');
  const msg = options?.fixes
    ? t('Annotated copy written: {0} ({1} comments, {2} tracked changes)', path.basename(done.out), done.comments, done.changes)
    : t('Annotated copy written: {0} ({1} comments)', path.basename(done.out), done.comments);
  const a = await vscode.window.showInformationMessage(msg, open);
  if (a === open) await revealFolder(vscode.Uri.file(done.out));
}

/** Registers the scheme, its hover and outline, and the two commands. */
export function registerDocx(diags: Diagnostics): vscode.Disposable[] {
  const provider = new DocxTextProvider();
  // every document of the scheme is the text of a Word draft (the hover still asks isDraft)
  const sel = (): vscode.DocumentSelector => ({ scheme: DOCX_SCHEME });
  return [
    provider,
    vscode.workspace.registerTextDocumentContentProvider(DOCX_SCHEME, provider),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === DOCX_SCHEME) provider.forget(d.uri);
    }),
    vscode.languages.registerHoverProvider(sel(), new Hover(diags)),
    vscode.languages.registerDocumentSymbolProvider(sel(), new Symbols(), { label: '公文提纲' }),
    vscode.commands.registerCommand('gongwen.checkDocx', checkDocx),
    vscode.commands.registerCommand('gongwen.annotateDocx', annotate),
  ];
}
