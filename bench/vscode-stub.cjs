/**
 * A stand-in VS Code API for the benches that load dist/extension.js in plain Node
 * (activation.cjs, first-diagnostics.cjs): `require('vscode')` resolves to it. Every namespace the
 * extension uses is a callable, constructible stub whose every property is the stub again;
 * `install(overrides)` replaces some namespaces (e.g. `workspace`) before the extension loads.
 */
const Module = require('module');

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

// esbuild copies the module's own keys, so the namespaces the extension uses are listed.
const NAMESPACES = ['CodeAction', 'CodeActionKind', 'CompletionItem', 'CompletionItemKind', 'CompletionList', 'Diagnostic',
  'DiagnosticSeverity', 'Disposable', 'DocumentSymbol', 'EndOfLine', 'EventEmitter', 'Hover', 'InlineCompletionItem',
  'MarkdownString', 'Position', 'ProgressLocation', 'Range', 'SnippetString', 'StatusBarAlignment', 'SymbolKind', 'ThemeIcon',
  'TreeItem', 'TreeItemCollapsibleState', 'Uri', 'WorkspaceEdit', 'commands', 'env', 'l10n', 'languages', 'window', 'workspace'];

/** An object whose own keys answer, and whose every other property is the stub. */
const withStub = (own) => new Proxy(own, { get: (t, p) => (p in t ? t[p] : stub) });

function install(overrides = {}) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  const api = {};
  for (const k of NAMESPACES) api[k] = stub;
  Object.assign(api, overrides);
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };
  return api;
}

module.exports = { stub, withStub, install };
