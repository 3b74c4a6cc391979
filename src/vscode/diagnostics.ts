/**
 * Diagnostics: each draft is checked after a pause in typing (gongwen.debounceMs); a result
 * computed for an older version of the document is dropped. Documents larger than
 * gongwen.maxFileSizeKB are skipped with a status-bar notice instead of freezing the editor.
 * The latest findings per document are kept for code actions and hovers.
 */
import fs = require('fs');
import vscode = require('vscode');
import { t } from './i18n';
import { ruleDocTarget } from './logic';
import type { Finding, Severity } from '../core/types';
import { isDraft, settings } from './config';
import { checkDocument, forgetDocument, onDatasetChanged, type CheckResult } from './engine';

export const SOURCE = '公文助手';
export const RULE_SCHEME = 'gongwen-rule';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

let docsRoot: string | undefined;
const pages = new Map<string, vscode.Uri>();

/** Where the extension's files are (its docs/rules pages): set at activation. */
export function setRuleDocsRoot(extensionPath: string): void {
  docsRoot = extensionPath;
  pages.clear();
}

/**
 * The page explaining a rule: the Markdown page the extension ships (docs/rules/<id>.md), or for a
 * rule of a user's file a virtual page (see commands.ts). The diagnostic's code links to it; the
 * 解释规则 action opens it in the Markdown preview.
 */
export function ruleUri(ruleId: string): vscode.Uri {
  let uri = pages.get(ruleId);
  if (!uri) {
    const target = ruleDocTarget(ruleId, docsRoot, fs.existsSync);
    uri = target.scheme === 'file' ? vscode.Uri.file(target.path) : vscode.Uri.from({ scheme: RULE_SCHEME, path: target.path });
    pages.set(ruleId, uri);
  }
  return uri;
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: ruleUri(f.ruleId) };
  return d;
}

export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gongwen');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, CheckResult>();
  private readonly skipped = new Set<string>();
  private readonly status = vscode.window.createStatusBarItem('gongwen.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's findings were updated. */
  readonly onDidUpdate = this.changed.event;

  constructor() {
    this.status.name = t('Gongwen');
    this.subs.push(
      this.collection,
      this.status,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.forget(d.uri);
        forgetDocument(d.uri);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      onDatasetChanged(() => this.recheckAll()),
    );
    this.recheckAll();
  }

  recheckAll(): void {
    for (const d of vscode.workspace.textDocuments) {
      if (isDraft(d)) this.schedule(d, 0);
      else this.forget(d.uri);
    }
  }

  /** Latest findings of a document, if they are for its current version. */
  findings(doc: vscode.TextDocument): Finding[] | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r.findings : undefined;
  }

  /** The latest check of a document (whatever its version): its date and where it came from. */
  result(doc: vscode.TextDocument): CheckResult | undefined {
    return this.results.get(doc.uri.toString());
  }

  /** Findings for the current version, checking now if needed. */
  async current(doc: vscode.TextDocument): Promise<Finding[]> {
    const have = this.findings(doc);
    if (have) return have;
    await this.run(doc);
    return this.findings(doc) ?? [];
  }

  schedule(doc: vscode.TextDocument, delay?: number): void {
    if (!isDraft(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    const ms = delay ?? settings(doc.uri).debounceMs;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(doc);
      }, ms),
    );
  }

  async run(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (doc.isClosed) return;
    const limitKB = settings(doc.uri).maxFileSizeKB;
    if (Buffer.byteLength(doc.getText(), 'utf8') > limitKB * 1024) {
      this.collection.delete(doc.uri);
      this.results.delete(key);
      this.skipped.add(key);
      this.updateStatus();
      return;
    }
    this.skipped.delete(key);
    let res: CheckResult;
    try {
      res = await checkDocument(doc);
    } catch (e) {
      void vscode.window.showErrorMessage(t('Gongwen: check failed: {0}', (e as Error).message));
      return;
    }
    // A newer edit arrived while checking: drop this result, the newer check will report.
    if (doc.isClosed || res.version !== doc.version) return;
    this.results.set(key, res);
    this.collection.set(
      doc.uri,
      res.findings.map((f) => toDiagnostic(doc, f)),
    );
    this.updateStatus();
    this.changed.fire(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.skipped.delete(key);
    this.collection.delete(uri);
  }

  private updateStatus(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && this.skipped.has(doc.uri.toString())) {
      this.status.text = `$(warning) ${t('Gongwen: not checked (file too large)')}`;
      this.status.tooltip = t(
        'The file is larger than gongwen.maxFileSizeKB ({0} KB); raise the setting to check it.',
        settings(doc.uri).maxFileSizeKB,
      );
      this.status.command = { title: '', command: 'workbench.action.openSettings', arguments: ['gongwen.maxFileSizeKB'] };
      this.status.show();
    } else {
      this.status.hide();
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
  }
}
