/**
 * The editor's first diagnostics on a new document, in a fresh Node process: the bundled extension
 * (dist/extension.js) is loaded and activated against a stand-in VS Code API, then a draft (a seed
 * speech, ~35 KB) is opened; the time from the end of activate() to the diagnostics being set for
 * it is reported (wall time, and the process's CPU time, which a busy machine moves less). That span holds what the first check pays: the built-in data (precompiled, or
 * built from data/ without it), the checker's set-up and the check itself. The editor's own work
 * (rendering, the extension host's messaging) is not in it.
 * Prints one JSON line. Run by bench/run.ts after `npm run build`.
 */
const Module = require('module');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const FILE = process.argv[2] ?? path.join(ROOT, 'data', 'corpus', '004_85827a7d0dd7b7d7.txt');

// A callable, constructible stub: any property is the stub again; iteration yields nothing.
const handler = {
  get(_t, p) {
    if (p === 'then') return undefined;
    if (p === Symbol.toPrimitive) return () => '';
    if (p === Symbol.iterator) return function* () {};
    if (p === 'dispose') return () => {};
    return stub;
  },
  set: () => true,
  apply: () => stub,
  construct: () => stub,
};
const stub = new Proxy(function () {}, handler);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};

let onOpen;
let done;
const diagnosticsSet = new Promise((r) => (done = r));
const uriOf = (p) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}` });
const disposable = { dispose() {} };
const api = {};
for (const k of ['CodeAction', 'CodeActionKind', 'CompletionItem', 'CompletionItemKind', 'CompletionList', 'Diagnostic',
  'DiagnosticSeverity', 'Disposable', 'DocumentSymbol', 'EndOfLine', 'EventEmitter', 'Hover', 'InlineCompletionItem',
  'MarkdownString', 'Position', 'ProgressLocation', 'Range', 'SnippetString', 'StatusBarAlignment', 'SymbolKind', 'ThemeIcon',
  'TreeItem', 'TreeItemCollapsibleState', 'Uri', 'WorkspaceEdit', 'commands', 'env', 'l10n', 'languages', 'window', 'workspace']) {
  api[k] = stub;
}
api.workspace = new Proxy(
  {
    getConfiguration: () => ({ get: (_k, d) => d }),
    textDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
    findFiles: async () => [],
    getWorkspaceFolder: () => undefined,
    onDidOpenTextDocument: (l) => ((onOpen = l), disposable),
  },
  { get: (t, p) => (p in t ? t[p] : stub) },
);
api.languages = new Proxy(
  {
    createDiagnosticCollection: () => ({
      set: (uri, diags) => done({ at: performance.now(), cpu: cpu(), uri, count: diags.length }),
      delete() {},
      dispose() {},
    }),
  },
  { get: (t, p) => (p in t ? t[p] : stub) },
);
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };

const text = fs.readFileSync(FILE, 'utf8');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const ext = require(path.join(ROOT, 'dist', 'extension.js'));
const context = { subscriptions: [], extensionUri: stub, extensionPath: ROOT, globalState: stub, workspaceState: stub, storageUri: undefined, globalStorageUri: stub, logUri: stub, extension: stub };
ext.activate(context);
const t1 = performance.now();
const c1 = cpu();
const doc = { uri: uriOf(path.join(path.dirname(FILE), 'new-draft.txt')), languageId: 'plaintext', version: 1, isClosed: false, getText: () => text, positionAt: () => stub, lineCount: 1 };
onOpen(doc);
diagnosticsSet.then((r) => {
  console.log(JSON.stringify({ loadAndActivateMs: +(t1 - t0).toFixed(1), firstDiagnosticsMs: +(r.at - t1).toFixed(1), firstDiagnosticsCpuMs: +(r.cpu - c1).toFixed(1), diagnostics: r.count, kb: Math.round(Buffer.byteLength(text) / 1024) }));
});
