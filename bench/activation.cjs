/**
 * Activation cost of the extension's own code, in a fresh Node process: loading the bundle
 * (dist/extension.js) and running activate(). Data is loaded on first use, not here (bench/run.ts
 * measures that separately). VS Code is replaced by a stub API whose every call returns a no-op,
 * so the figure is ours alone, without the editor's own work.
 * Prints one JSON line. Run by bench/run.ts after `npm run build`.
 */
const Module = require('module');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

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
// esbuild copies the module's own keys, so the namespaces the extension uses are listed.
const api = {};
for (const k of ['CodeAction', 'CodeActionKind', 'CompletionItem', 'CompletionItemKind', 'CompletionList', 'Diagnostic',
  'DiagnosticSeverity', 'Disposable', 'DocumentSymbol', 'EndOfLine', 'EventEmitter', 'Hover', 'InlineCompletionItem',
  'MarkdownString', 'Position', 'ProgressLocation', 'Range', 'SnippetString', 'StatusBarAlignment', 'SymbolKind', 'ThemeIcon',
  'TreeItem', 'TreeItemCollapsibleState', 'Uri', 'WorkspaceEdit', 'commands', 'env', 'l10n', 'languages', 'window', 'workspace']) {
  api[k] = stub;
}
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };

const t0 = performance.now();
const ext = require(path.join(ROOT, 'dist', 'extension.js'));
const t1 = performance.now();
const context = { subscriptions: [], extensionUri: stub, extensionPath: ROOT, globalState: stub, workspaceState: stub, storageUri: undefined, globalStorageUri: stub, logUri: stub, extension: stub };
ext.activate(context);
const t2 = performance.now();

console.log(JSON.stringify({ requireMs: +(t1 - t0).toFixed(1), activateMs: +(t2 - t1).toFixed(1), subscriptions: context.subscriptions.length }));
