/**
 * A small stand-in for the 'vscode' module, enough to run the extension's engine (src/vscode/
 * engine.ts, allowList.ts, config.ts) in the test process: settings from a map, workspace folders
 * and trust as set by the test, notifications recorded. Install it before the first import of an
 * extension module (`installVscodeStub()` then `require(...)`).
 */
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module') as { _resolveFilename: (req: string, ...rest: unknown[]) => string };

export interface FakeUri {
  scheme: string;
  fsPath: string;
  path: string;
  toString(): string;
}

export interface FakeDocument {
  uri: FakeUri;
  version: number;
  languageId: string;
  getText(): string;
}

export interface FakeVscode {
  /** Settings by full key (gongwen.severity …), as getConfiguration(…).get returns them. */
  config: Record<string, unknown>;
  /** Workspace folder paths. */
  folders: string[];
  trusted: boolean;
  /** Notifications shown, in order. */
  messages: Array<{ level: 'error' | 'info' | 'warning'; text: string }>;
  document(file: string, text: string, languageId?: string): FakeDocument;
  reset(): void;
}

function uriFile(p: string): FakeUri {
  const abs = path.resolve(p);
  return { scheme: 'file', fsPath: abs, path: abs, toString: () => `file://${abs}` };
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

let installed: FakeVscode | undefined;

export function installVscodeStub(): FakeVscode {
  if (installed) return installed;
  const state: FakeVscode = {
    config: {},
    folders: [],
    trusted: true,
    messages: [],
    document: (file, text, languageId = 'plaintext') => ({ uri: uriFile(file), version: 1, languageId, getText: () => text }),
    reset() {
      state.config = {};
      state.folders = [];
      state.trusted = true;
      state.messages = [];
    },
  };
  const folderOf = (u: FakeUri) => {
    const f = state.folders.find((d) => u.fsPath === d || u.fsPath.startsWith(d + path.sep));
    return f ? { uri: uriFile(f), name: path.basename(f), index: state.folders.indexOf(f) } : undefined;
  };
  const record = (level: 'error' | 'info' | 'warning') => async (text: string) => {
    state.messages.push({ level, text });
    return undefined;
  };
  const api = {
    EventEmitter,
    Uri: {
      file: uriFile,
      parse: (s: string) => uriFile(s.replace(/^file:\/\//, '')),
      joinPath: (base: FakeUri, ...parts: string[]) => uriFile(path.join(base.fsPath, ...parts)),
    },
    workspace: {
      getConfiguration: (section: string) => ({
        get: <T>(key: string, def?: T): T => (`${section}.${key}` in state.config ? (state.config[`${section}.${key}`] as T) : (def as T)),
      }),
      get workspaceFolders() {
        return state.folders.length ? state.folders.map((f, index) => ({ uri: uriFile(f), name: path.basename(f), index })) : undefined;
      },
      get isTrusted() {
        return state.trusted;
      },
      getWorkspaceFolder: folderOf,
      findFiles: async () => [],
      textDocuments: [] as FakeDocument[],
      asRelativePath: (p: string) => {
        const f = state.folders.find((d) => p.startsWith(d + path.sep));
        return f ? path.relative(f, p) : p;
      },
    },
    window: {
      showErrorMessage: record('error'),
      showInformationMessage: record('info'),
      showWarningMessage: record('warning'),
      activeTextEditor: undefined,
    },
    env: { language: 'en' },
    l10n: { t: (m: string, ...args: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i) => String(args[+i])) },
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api } as unknown as NodeJS.Module;
  installed = state;
  return state;
}
