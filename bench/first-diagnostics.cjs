/**
 * The editor's first diagnostics on a new document, in a fresh Node process: the bundled extension
 * (dist/extension.js) is loaded and activated against a stand-in VS Code API, then a draft (a seed
 * speech, ~35 KB) is opened; the time from the end of activate() to the diagnostics being set for
 * it is reported (wall time, and the process's CPU time, which a busy machine moves less). That span holds what the first check pays: the built-in data (precompiled, or
 * built from data/ without it), the checker's set-up and the check itself. The editor's own work
 * (rendering, the extension host's messaging) is not in it.
 * Prints one JSON line. Run by bench/run.ts after `npm run build`.
 */
const fs = require('fs');
const path = require('path');
const { stub, withStub, install } = require('./vscode-stub.cjs');

const ROOT = path.resolve(__dirname, '..');
const FILE = process.argv[2] ?? path.join(ROOT, 'data', 'corpus', '004_85827a7d0dd7b7d7.txt');

let onOpen;
let done;
const diagnosticsSet = new Promise((r) => (done = r));
const uriOf = (p) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}` });
const disposable = { dispose() {} };
install({
  workspace: withStub({
    getConfiguration: () => ({ get: (_k, d) => d }),
    textDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
    findFiles: async () => [],
    getWorkspaceFolder: () => undefined,
    onDidOpenTextDocument: (l) => ((onOpen = l), disposable),
  }),
  languages: withStub({
    createDiagnosticCollection: () => ({
      set: (uri, diags) => done({ at: performance.now(), cpu: cpu(), uri, count: diags.length }),
      delete() {},
      dispose() {},
    }),
  }),
});

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
