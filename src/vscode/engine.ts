/**
 * The checking core as the extension sees it: the dataset is loaded lazily on first use (built-in
 * rules and glossary, user files from settings, and *.gongwen-rules.json / *.gongwen-glossary.json
 * kept in the workspace), reloaded when settings, trust or those files change.
 * In Restricted Mode (untrusted workspace) rules with regular expressions from those files are not
 * loaded; the built-in data always is.
 */
import * as vscode from 'vscode';
import { t } from './i18n';
import { check } from '../core/check';
import { loadBuiltinDataset, loadDataset, type Dataset } from '../core/dataset';
import { DataError } from '../core/data';
import { ruleRegistry, validateSeverity, type SeveritySetting } from '../core/registry';
import type { Finding } from '../core/types';
import { resolvePaths, settings } from './config';

export const RULE_FILE_GLOB = '**/*.gongwen-rules.json';
export const GLOSSARY_FILE_GLOB = '**/*.gongwen-glossary.json';

let current: Promise<Dataset> | undefined;
const changed = new vscode.EventEmitter<void>();
/** Fires after the dataset was dropped (settings, trust or user files changed). */
export const onDatasetChanged = changed.event;
let lastNotice = '';

export function invalidateDataset(): void {
  current = undefined;
  changed.fire();
}

export function dataset(): Promise<Dataset> {
  current ??= load();
  return current;
}

async function existing(uris: vscode.Uri[]): Promise<string[]> {
  const out: string[] = [];
  for (const u of uris) {
    try {
      await vscode.workspace.fs.stat(u);
      out.push(u.fsPath);
    } catch {
      void vscode.window.showErrorMessage(t('Gongwen: file not found: {0}', u.fsPath));
    }
  }
  return out;
}

async function load(): Promise<Dataset> {
  const s = settings();
  const exclude = '**/node_modules/**';
  const found = vscode.workspace.workspaceFolders?.length
    ? await Promise.all([
        vscode.workspace.findFiles(RULE_FILE_GLOB, exclude, 100),
        vscode.workspace.findFiles(GLOSSARY_FILE_GLOB, exclude, 100),
      ])
    : [[], []];
  const ruleFiles = await existing([...resolvePaths(s.ruleFiles), ...found[0]]);
  const glossaryFiles = await existing([...resolvePaths(s.glossaryFiles), ...found[1]]);
  if (!ruleFiles.length && !glossaryFiles.length) return loadBuiltinDataset();
  const trusted = vscode.workspace.isTrusted;
  try {
    const { dataset: ds, skipped } = loadDataset({ ruleFiles, glossaryFiles, allowRegex: trusted });
    if (skipped.length) {
      const notice = skipped.map((x) => x.id).join(',');
      if (notice !== lastNotice) {
        lastNotice = notice;
        void vscode.window.showInformationMessage(
          t(
            'Gongwen: Restricted Mode — {0} workspace rule(s) with regular expressions were not loaded ({1}). Built-in checks still work; trust the folder to load them.',
            skipped.length,
            skipped.map((x) => x.id).join('、'),
          ),
        );
      }
    }
    return ds;
  } catch (e) {
    const msg = e instanceof DataError ? e.message : String((e as Error).message ?? e);
    void vscode.window.showErrorMessage(t('Gongwen: user rules not loaded: {0}', msg));
    return loadBuiltinDataset();
  }
}

const ruleIds = new WeakMap<Dataset, string[]>();
let lastSeverityNotice = '';

/**
 * gongwen.severity checked against the rules of the dataset (core's validateSeverity, as the
 * CLI's --severity): what is valid applies; an unknown rule id or a bad level gets one warning
 * notification (again only when the problems change).
 */
function severitySetting(ds: Dataset, raw: unknown): Record<string, SeveritySetting> {
  let ids = ruleIds.get(ds);
  if (!ids) ruleIds.set(ds, (ids = ruleRegistry(ds).map((e) => e.id)));
  const r = validateSeverity(raw, ids);
  const notice = r.problems.join('；');
  if (notice && notice !== lastSeverityNotice) void vscode.window.showWarningMessage(t('Gongwen: the setting gongwen.severity has entries that are not used: {0}', notice));
  lastSeverityNotice = notice;
  return r.map;
}

export function docLanguage(doc: vscode.TextDocument): 'markdown' | 'plaintext' {
  return doc.languageId === 'markdown' ? 'markdown' : 'plaintext';
}

export interface CheckResult {
  version: number;
  text: string;
  findings: Finding[];
  date: string;
}

/**
 * Checks `text` of the resource `uri` with the settings that apply to it ('off' rules removed):
 * the one place the extension takes its rule options from (a text document, the text of a Word
 * draft, the annotated copy of one).
 */
export async function checkText(uri: vscode.Uri, text: string, language: 'markdown' | 'plaintext'): Promise<{ findings: Finding[]; date: string }> {
  const ds = await dataset();
  const s = settings(uri);
  const severity = severitySetting(ds, vscode.workspace.getConfiguration('gongwen', uri).get('severity', {}));
  const res = check(text, {
    date: s.referenceDate,
    language,
    severity,
    dataset: ds,
  });
  const findings: Finding[] = [];
  for (const f of res.findings) {
    const sev = severity[f.ruleId];
    if (sev === 'off') continue;
    findings.push(sev ? { ...f, severity: sev } : f);
  }
  return { findings, date: res.date };
}

/** Checks a document's current text with the settings that apply to it ('off' rules removed). */
export async function checkDocument(doc: vscode.TextDocument): Promise<CheckResult> {
  const text = doc.getText();
  const version = doc.version;
  const { findings, date } = await checkText(doc.uri, text, docLanguage(doc));
  return { version, text, findings, date };
}
