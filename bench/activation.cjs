/**
 * Activation cost of the extension's own code, in a fresh Node process: loading the bundle
 * (dist/extension.js) and running activate(). Data is loaded on first use, not here (bench/run.ts
 * measures that separately). VS Code is replaced by a stub API whose every call returns a no-op,
 * so the figure is ours alone, without the editor's own work.
 * Prints one JSON line. Run by bench/run.ts after `npm run build`.
 */
const path = require('path');
const { stub, install } = require('./vscode-stub.cjs');

const ROOT = path.resolve(__dirname, '..');

install();

const t0 = performance.now();
const ext = require(path.join(ROOT, 'dist', 'extension.js'));
const t1 = performance.now();
const context = { subscriptions: [], extensionUri: stub, extensionPath: ROOT, globalState: stub, workspaceState: stub, storageUri: undefined, globalStorageUri: stub, logUri: stub, extension: stub };
ext.activate(context);
const t2 = performance.now();

console.log(JSON.stringify({ requireMs: +(t1 - t0).toFixed(1), activateMs: +(t2 - t1).toFixed(1), subscriptions: context.subscriptions.length }));
