/**
 * The quick fix 加入本项目允许列表: the flagged phrase goes into the `allow` list of the project
 * configuration that applies to the draft (the nearest .gongwenrc.json above it), or of a new
 * .gongwenrc.json at the root of the draft's workspace folder; the rest of that file is kept as it
 * was. The draft itself is not touched (the inline disable comments stay for those who want them).
 */
import fs = require('fs');
import path = require('path');
import vscode = require('vscode');
import { t } from './i18n';
import { DataError } from '../core/data';
import { PROJECT_CONFIG_NAME, withAllowedPhrase, writeProjectConfig } from '../core/project';
import type { Finding } from '../core/types';
import { invalidateDataset, projectConfigFile } from './engine';

export const ALLOW_COMMAND = 'gongwen.allowPhrase';

/** Longest phrase the allow list takes (as its schema says). */
const MAX_PHRASE = 200;

/** The phrase a finding would put into the allow list, if it is one to offer. */
export function allowablePhrase(f: Finding, text: string): string | undefined {
  if (f.category !== 'outdated' && f.category !== 'nonstandard') return undefined;
  if (f.ruleId === 'data-currency') return undefined;
  const phrase = text.slice(f.start, f.end).trim();
  return phrase && phrase.length <= MAX_PHRASE && !/[\r\n]/.test(phrase) ? phrase : undefined;
}

/** Where the phrase goes for a document: its project configuration, or a new one; none without a folder. */
export function allowListTarget(uri: vscode.Uri): string | undefined {
  const existing = projectConfigFile(uri);
  if (existing) return existing;
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? (uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : undefined);
  if (folder && folder.uri.scheme !== 'virtual') return path.join(folder.uri.fsPath, PROJECT_CONFIG_NAME);
  return undefined;
}

export async function allowPhrase(uriString: string, phrase: string): Promise<void> {
  const uri = vscode.Uri.parse(uriString);
  const target = allowListTarget(uri);
  if (!target) {
    void vscode.window.showInformationMessage(t('Open the draft in a folder to keep a project allow list.'));
    return;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === target);
  let text = '';
  if (open) text = open.getText();
  else if (fs.existsSync(target)) text = fs.readFileSync(target, 'utf8');
  let next: string;
  try {
    next = withAllowedPhrase(text, phrase, target);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    void vscode.window.showErrorMessage(t('Gongwen: {0}', e.message));
    return;
  }
  const shown = vscode.workspace.asRelativePath(target);
  if (next === text) {
    void vscode.window.showInformationMessage(t('“{0}” is already in the allow list of {1}.', phrase, shown));
    return;
  }
  try {
    if (open) {
      // Open in an editor: edit the document (keeps its undo history and unsaved state honest).
      const edit = new vscode.WorkspaceEdit();
      edit.replace(open.uri, new vscode.Range(open.positionAt(0), open.positionAt(text.length)), next);
      await vscode.workspace.applyEdit(edit);
      await open.save();
    } else {
      writeProjectConfig(target, next);
    }
  } catch (e) {
    void vscode.window.showErrorMessage(t('Gongwen: cannot write {0}: {1}', shown, (e as Error).message.split('\n')[0]));
    return;
  }
  invalidateDataset();
  void vscode.window.showInformationMessage(t('Added “{0}” to the allow list of {1}.', phrase, shown));
}
