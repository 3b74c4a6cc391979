/**
 * Quick fixes for 公文助手 diagnostics: apply this fix, fix all of this rule in the file, fix all,
 * add the flagged phrase to the project's allow list (.gongwenrc.json, see allowList.ts), ignore
 * the rule for this line / this file (inserts the inline comment the core honours), explain the
 * rule; and `source.fixAll.gongwen` for editor.codeActionsOnSave.
 */
import vscode = require('vscode');
import { t } from './i18n';
import type { Finding, Fix } from '../core/types';
import type { Diagnostics } from './diagnostics';
import { SOURCE } from './diagnostics';
import { ALLOW_COMMAND, allowablePhrase, allowListTarget } from './allowList';
import { docLanguage } from './engine';
import { combinedFixes, ignoreCommentEdit } from './logic';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('gongwen');

function editFor(doc: vscode.TextDocument, fixes: Fix[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const f of fixes) edit.replace(doc.uri, new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)), f.text);
  return edit;
}

function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c !== undefined ? String(c) : undefined;
}

export class CodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: Diagnostics) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const wantsFixAll = context.only && FIX_ALL_KIND.intersects(context.only);
    const findings = await this.diagnostics.current(doc);
    if (wantsFixAll || context.only?.contains(vscode.CodeActionKind.SourceFixAll)) {
      const fixes = combinedFixes(findings);
      if (!fixes.length) return [];
      const a = new vscode.CodeAction(t('Fix all Gongwen problems'), FIX_ALL_KIND);
      a.edit = editFor(doc, fixes);
      return [a];
    }
    const out: vscode.CodeAction[] = [];
    const seenRules = new Set<string>();
    const seenPhrases = new Set<string>();
    for (const d of context.diagnostics) {
      const ruleId = ruleIdOf(d);
      if (!ruleId) continue;
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      const f = findings.find((x) => x.ruleId === ruleId && x.start === start && x.end === end);
      if (f?.fix) {
        const to = f.fix.text === '' ? t('(delete)') : f.fix.text;
        const a = new vscode.CodeAction(
          t('Change to “{0}”', to),
          vscode.CodeActionKind.QuickFix,
        );
        a.edit = editFor(doc, [f.fix]);
        a.diagnostics = [d];
        a.isPreferred = true;
        out.push(a);
      }
      const phrase = f && allowablePhrase(f, doc.getText());
      if (phrase && !seenPhrases.has(phrase) && allowListTarget(doc.uri)) {
        seenPhrases.add(phrase);
        const a = new vscode.CodeAction(t('Add “{0}” to the project allow list', phrase), vscode.CodeActionKind.QuickFix);
        a.command = { title: a.title, command: ALLOW_COMMAND, arguments: [doc.uri.toString(), phrase] };
        a.diagnostics = [d];
        out.push(a);
      }
      if (seenRules.has(ruleId)) continue;
      seenRules.add(ruleId);
      const same = combinedFixes(findings, ruleId);
      if (same.length > 1) {
        const a = new vscode.CodeAction(
          t('Fix all “{0}” problems in this file ({1})', ruleId, same.length),
          vscode.CodeActionKind.QuickFix,
        );
        a.edit = editFor(doc, same);
        out.push(a);
      }
      out.push(this.ignore(doc, d, ruleId, 'line'), this.ignore(doc, d, ruleId, 'file'));
      const explain = new vscode.CodeAction(t('Explain rule “{0}”', ruleId), vscode.CodeActionKind.Empty);
      explain.command = { title: explain.title, command: 'gongwen.explainRule', arguments: [ruleId] };
      out.push(explain);
    }
    const all = combinedFixes(findings);
    if (out.length && all.length > 1) {
      const a = new vscode.CodeAction(t('Fix all Gongwen problems in this file ({0})', all.length), vscode.CodeActionKind.QuickFix);
      a.edit = editFor(doc, all);
      out.push(a);
    }
    return out;
  }

  private ignore(doc: vscode.TextDocument, d: vscode.Diagnostic, ruleId: string, scope: 'line' | 'file'): vscode.CodeAction {
    const lines: string[] = [];
    const upto = scope === 'file' ? Math.min(doc.lineCount, 50) : d.range.start.line + 1;
    for (let i = 0; i < upto; i++) lines.push(doc.lineAt(i).text);
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const e = ignoreCommentEdit(lines, d.range.start.line, ruleId, docLanguage(doc), scope, eol);
    const a = new vscode.CodeAction(
      scope === 'line'
        ? t('Ignore “{0}” on this line', ruleId)
        : t('Ignore “{0}” in this file', ruleId),
      vscode.CodeActionKind.QuickFix,
    );
    a.edit = new vscode.WorkspaceEdit();
    a.edit.insert(doc.uri, new vscode.Position(e.line, 0), e.text);
    a.diagnostics = [d];
    return a;
  }
}

/** Applies every fix (or every fix of one rule) to a document. */
export async function fixDocument(doc: vscode.TextDocument, findings: Finding[], ruleId?: string): Promise<number> {
  const fixes = combinedFixes(findings, ruleId);
  if (fixes.length) await vscode.workspace.applyEdit(editFor(doc, fixes));
  return fixes.length;
}
