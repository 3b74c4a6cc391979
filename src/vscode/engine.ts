/**
 * The checking core as the extension sees it: for each document, the checker the core's one
 * builder makes (src/core/setup.ts) from the same kinds of inputs the CLI gives it, as layers
 * (lowest precedence first):
 *   settings   gongwen.severity, gongwen.referenceDate, gongwen.rules.files / glossary.files and
 *              the *.gongwen-rules.json / *.gongwen-glossary.json kept in the workspace
 *   project    the nearest .gongwenrc.json above the document (src/core/project.ts)
 *   session    a reference date set for this document from the status bar (until it is closed)
 * In Restricted Mode (untrusted workspace) rules with regular expressions from user files are not
 * loaded; the built-in data always is. Problems with the inputs are shown as notifications (each
 * once until the inputs change) and leave the rest working.
 */
import path = require('path');
import vscode = require('vscode');
import { t } from './i18n';
import { DataError } from '../core/data';
import type { Dataset } from '../core/dataset';
import { findProjectConfig, projectLayer, readProjectConfig } from '../core/project';
import { buildChecker, type Checker, type ConfigLayer, type LayerOrigin, type SetupProblem } from '../core/setup';
import type { Finding } from '../core/types';
import { resolvePaths, settings } from './config';

export const RULE_FILE_GLOB = '**/*.gongwen-rules.json';
export const GLOSSARY_FILE_GLOB = '**/*.gongwen-glossary.json';
export const PROJECT_CONFIG_GLOB = '**/.gongwenrc.json';

const changed = new vscode.EventEmitter<void>();
/** Fires after the inputs changed (settings, trust, user files, project configurations). */
export const onDatasetChanged = changed.event;

let discovered: Promise<{ ruleFiles: string[]; glossaryFiles: string[] }> | undefined;
const checkers = new Map<string, Checker>();
/** Problems already shown (each once until the inputs change). */
const shown = new Set<string>();
/** Reference dates set for one document from the status bar, by document URI (this session only). */
const sessionDates = new Map<string, string>();

export function invalidateDataset(): void {
  discovered = undefined;
  checkers.clear();
  shown.clear();
  changed.fire();
}

/** Sets (or with `undefined` clears) the reference date of one document for this session. */
export function setSessionDate(uri: vscode.Uri, date: string | undefined): void {
  if (date) sessionDates.set(uri.toString(), date);
  else sessionDates.delete(uri.toString());
  changed.fire();
}

export function sessionDate(uri: vscode.Uri): string | undefined {
  return sessionDates.get(uri.toString());
}

/** Forgets what belongs to a closed document. */
export function forgetDocument(uri: vscode.Uri): void {
  sessionDates.delete(uri.toString());
}

function discover(): Promise<{ ruleFiles: string[]; glossaryFiles: string[] }> {
  discovered ??= (async () => {
    if (!vscode.workspace.workspaceFolders?.length) return { ruleFiles: [], glossaryFiles: [] };
    const exclude = '**/node_modules/**';
    const [r, g] = await Promise.all([
      vscode.workspace.findFiles(RULE_FILE_GLOB, exclude, 100),
      vscode.workspace.findFiles(GLOSSARY_FILE_GLOB, exclude, 100),
    ]);
    return { ruleFiles: r.map((u) => u.fsPath).sort(), glossaryFiles: g.map((u) => u.fsPath).sort() };
  })();
  return discovered;
}

/** The folder a document's project configuration is searched from (upward). */
export function configSearchDir(uri: vscode.Uri | undefined): string | undefined {
  if (uri && uri.scheme !== 'untitled' && uri.scheme !== 'gongwen-rule' && uri.fsPath) return path.dirname(uri.fsPath);
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' || folder?.uri.scheme === 'vscode-remote' ? folder.uri.fsPath : undefined;
}

/** The project configuration file that applies to a document, if any. */
export function projectConfigFile(uri: vscode.Uri | undefined): string | undefined {
  const dir = configSearchDir(uri);
  return dir ? findProjectConfig(dir) : undefined;
}

function report(problems: readonly SetupProblem[]): void {
  for (const p of problems) {
    if (shown.has(p.message)) continue;
    shown.add(p.message);
    if (p.level === 'notice') {
      void vscode.window.showInformationMessage(t('Gongwen: {0}', p.message));
    } else {
      void vscode.window.showErrorMessage(t('Gongwen: {0} (the built-in checks keep working)', p.message));
    }
  }
}

/** The checker for a document or a file (or, without one, for the workspace). */
export async function checkerFor(target?: vscode.TextDocument | vscode.Uri): Promise<Checker> {
  const uri = target === undefined ? undefined : 'uri' in target ? target.uri : target;
  const s = settings(uri);
  const found = await discover();
  const layers: ConfigLayer[] = [
    {
      origin: 'settings',
      rules: s.rawSeverity,
      date: s.referenceDate,
      ruleFiles: [...resolvePaths(s.ruleFiles).map((u) => u.fsPath), ...found.ruleFiles],
      glossaryFiles: [...resolvePaths(s.glossaryFiles).map((u) => u.fsPath), ...found.glossaryFiles],
      archive: resolvePaths(s.miningFolders).map((u) => u.fsPath),
    },
  ];
  const configFile = projectConfigFile(uri);
  if (configFile) {
    try {
      layers.push(projectLayer(readProjectConfig(configFile)));
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      report([{ level: 'error', file: e.file, message: e.message }]);
    }
  }
  const date = uri && sessionDates.get(uri.toString());
  if (date) layers.push({ origin: 'session', date });
  const trusted = vscode.workspace.isTrusted;
  const key = JSON.stringify([trusted, layers]);
  let c = checkers.get(key);
  if (!c) {
    c = buildChecker({ layers, trusted });
    if (checkers.size > 32) checkers.clear();
    checkers.set(key, c);
  }
  report(c.problems);
  return c;
}

/** The dataset (rules and glossary) that applies to a document, or to the workspace. */
export async function dataset(doc?: vscode.TextDocument): Promise<Dataset> {
  return (await checkerFor(doc ?? vscode.window.activeTextEditor?.document)).dataset;
}

export function docLanguage(doc: vscode.TextDocument): 'markdown' | 'plaintext' {
  return doc.languageId === 'markdown' ? 'markdown' : 'plaintext';
}

/** Where a check's reference date came from: the draft's date line, a layer, or the clock. */
export type DateOrigin = 'document' | 'today' | LayerOrigin;

export interface CheckResult {
  version: number;
  text: string;
  /** Final: severities applied, suppressed and allowed findings dropped (by the core, once). */
  findings: Finding[];
  date: string;
  dateOrigin: DateOrigin;
}

/** Checks a document's current text with the checker that applies to it. */
export async function checkDocument(doc: vscode.TextDocument): Promise<CheckResult> {
  const checker = await checkerFor(doc);
  const text = doc.getText();
  const version = doc.version;
  const res = checker.check(text, docLanguage(doc));
  const dateOrigin: DateOrigin = res.dateSource === 'option' ? (checker.dateOrigin ?? 'settings') : res.dateSource;
  return { version, text, findings: res.findings, date: res.date, dateOrigin };
}

/**
 * Checks `text` of the resource `uri` (a text document, the text of a Word draft, the annotated
 * copy of one) with the checker that applies to that resource.
 */
export async function checkText(uri: vscode.Uri, text: string, language: 'markdown' | 'plaintext'): Promise<{ findings: Finding[]; date: string }> {
  const res = (await checkerFor(uri)).check(text, language);
  return { findings: res.findings, date: res.date };
}
