/**
 * Entry point of the 公文写作助手 extension. Activation is cheap: providers are registered, data is
 * loaded on first use (engine.ts). Everything here only adapts the pure core in src/core.
 */
import vscode = require('vscode');
import { CodeActions } from './codeActions';
import { registerCommands } from './commands';
import { settings } from './config';
import { Diagnostics, setRuleDocsRoot } from './diagnostics';
import { invalidateDataset, GLOSSARY_FILE_GLOB, PROJECT_CONFIG_GLOB, RULE_FILE_GLOB } from './engine';
import { ALLOW_COMMAND, allowPhrase } from './allowList';
import { DateStatus } from './dateStatus';
import { Hover } from './hover';
import { Symbols } from './symbols';
import { StructureTree } from './treeView';
import { registerCompletion } from './completion';
import { registerDocx } from './docx';

export function activate(context: vscode.ExtensionContext): void {
  const selector = (): vscode.DocumentSelector =>
    settings().languages.flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
      { language, scheme: 'vscode-remote' },
    ]);
  setRuleDocsRoot(context.extensionPath);
  const diags = new Diagnostics();
  const tree = new StructureTree(diags);
  const dateStatus = new DateStatus(diags);
  const providers: vscode.Disposable[] = [];
  const completion = registerCompletion(context);
  const register = (): void => {
    for (const p of providers.splice(0)) p.dispose();
    const sel = selector();
    providers.push(
      vscode.languages.registerCodeActionsProvider(sel, new CodeActions(diags), CodeActions.metadata),
      vscode.languages.registerHoverProvider(sel, new Hover(diags)),
      vscode.languages.registerDocumentSymbolProvider(sel, new Symbols(), { label: '公文提纲' }),
      ...completion.register(sel),
    );
  };
  register();

  const watchers = [RULE_FILE_GLOB, GLOSSARY_FILE_GLOB, PROJECT_CONFIG_GLOB].map((g) => vscode.workspace.createFileSystemWatcher(g));
  for (const w of watchers) {
    w.onDidChange(invalidateDataset);
    w.onDidCreate(invalidateDataset);
    w.onDidDelete(invalidateDataset);
  }

  context.subscriptions.push(
    diags,
    tree,
    dateStatus,
    vscode.commands.registerCommand(ALLOW_COMMAND, allowPhrase),
    ...watchers,
    { dispose: () => providers.forEach((p) => p.dispose()) },
    vscode.window.registerTreeDataProvider('gongwen.structure', tree),
    ...registerCommands(context, diags, (file) => completion.usePatterns(file)),
    ...registerDocx(diags),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gongwen.languages')) register();
      if (e.affectsConfiguration('gongwen.rules.files') || e.affectsConfiguration('gongwen.glossary.files')) invalidateDataset();
      else if (e.affectsConfiguration('gongwen')) diags.recheckAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => invalidateDataset()),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/\.gongwen-(rules|glossary)\.json$|(^|[\\/])\.gongwenrc\.json$/.test(d.fileName)) invalidateDataset();
    }),
  );
}

export function deactivate(): void {}
