/** Reading the gongwen.* settings, with defaults and validation. */
import vscode = require('vscode');
import { cleanReferenceDate, cleanSeverity, type SeveritySetting } from './logic';

export interface Settings {
  languages: string[];
  debounceMs: number;
  maxFileSizeKB: number;
  referenceDate?: string;
  severity: Record<string, SeveritySetting>;
  /** gongwen.severity as written (the checker's builder validates it against the rule ids). */
  rawSeverity: Record<string, unknown>;
  completionEnabled: boolean;
  inlineCompletionEnabled: boolean;
  ruleFiles: string[];
  glossaryFiles: string[];
  miningFolders: string[];
  checkGlob: string;
}

export function settings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('gongwen', scope);
  return {
    languages: c.get<string[]>('languages', ['plaintext', 'markdown']),
    debounceMs: Math.max(0, c.get<number>('debounceMs', 300)),
    maxFileSizeKB: Math.max(1, c.get<number>('maxFileSizeKB', 1024)),
    referenceDate: cleanReferenceDate(c.get<string>('referenceDate', '')),
    severity: cleanSeverity(c.get('severity', {})).map,
    rawSeverity: plainObject(c.get('severity', {})),
    completionEnabled: c.get<boolean>('completion.enabled', true),
    inlineCompletionEnabled: c.get<boolean>('inlineCompletion.enabled', true),
    ruleFiles: c.get<string[]>('rules.files', []),
    glossaryFiles: c.get<string[]>('glossary.files', []),
    miningFolders: c.get<string[]>('mining.folders', []),
    checkGlob: c.get<string>('check.include', '**/*.{txt,md}'),
  };
}

/** Schemes of documents the drafter edits (not git: diffs, output channels, rule pages…). */
// gongwen-docx: the read-only text of a Word draft (docx.ts)
const DRAFT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'gongwen-docx']);

export function isDraft(doc: vscode.TextDocument): boolean {
  return DRAFT_SCHEMES.has(doc.uri.scheme) && settings(doc.uri).languages.includes(doc.languageId);
}

/** Setting paths may be absolute, ~/…, or relative to the (first) workspace folder. */
export function resolvePaths(paths: string[]): vscode.Uri[] {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  return paths.map((p) => {
    if (p.startsWith('~/')) return vscode.Uri.file(home + p.slice(1));
    if (/^([a-zA-Z]:[\\/]|\/)/.test(p) || !base) return vscode.Uri.file(p);
    return vscode.Uri.joinPath(base, p);
  });
}

function plainObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
}
