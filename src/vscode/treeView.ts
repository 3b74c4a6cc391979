/**
 * The 文稿结构 view in the Explorer (gongwen.structure): the outline tree of the active draft with
 * the number of items under each node, and the outline problems (numbering skipped, mixed
 * families, announced count not matching…) as a first group. Click to jump. Refreshed after the
 * draft's diagnostics are updated (so it follows the same debounce).
 */
import vscode = require('vscode');
import { t } from './i18n';
import { outlineOf, type OutlineNode } from '../core/outline/parse';
import type { Finding } from '../core/types';
import { isDraft } from './config';
import type { Diagnostics } from './diagnostics';
import { tooLarge } from './symbols';

type Item =
  | { kind: 'node'; node: OutlineNode; uri: vscode.Uri }
  | { kind: 'problems'; findings: Finding[]; uri: vscode.Uri }
  | { kind: 'problem'; finding: Finding; uri: vscode.Uri };

export class StructureTree implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private doc: vscode.TextDocument | undefined;
  private roots: OutlineNode[] = [];
  private problems: Finding[] = [];
  private readonly subs: vscode.Disposable[];

  constructor(private readonly diagnostics: Diagnostics) {
    this.subs = [
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      diagnostics.onDidUpdate((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.refresh();
      }),
    ];
    this.refresh();
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && isDraft(doc)) {
      this.doc = doc;
      this.roots = tooLarge(doc) ? [] : outlineOf(doc.getText()).roots;
      this.problems = (this.diagnostics.findings(doc) ?? []).filter((f) => f.category === 'outline');
    } else if (!doc || doc.uri.scheme !== 'output') {
      this.doc = undefined;
      this.roots = [];
      this.problems = [];
    }
    this.emitter.fire();
  }

  getChildren(el?: Item): Item[] {
    const uri = this.doc?.uri;
    if (!uri) return [];
    if (!el) {
      const top: Item[] = this.roots.map((node) => ({ kind: 'node', node, uri }));
      if (this.problems.length) top.unshift({ kind: 'problems', findings: this.problems, uri });
      return top;
    }
    if (el.kind === 'problems') return el.findings.map((finding) => ({ kind: 'problem', finding, uri }));
    if (el.kind === 'node') return el.node.children.map((node) => ({ kind: 'node', node, uri }));
    return [];
  }

  getTreeItem(el: Item): vscode.TreeItem {
    const doc = this.doc;
    const at = (offset: number): vscode.Command | undefined =>
      doc && {
        title: '',
        command: 'vscode.open',
        arguments: [el.uri, { selection: new vscode.Range(doc.positionAt(offset), doc.positionAt(offset)) }],
      };
    if (el.kind === 'problems') {
      const it = new vscode.TreeItem(
        t('Outline problems ({0})', el.findings.length),
        vscode.TreeItemCollapsibleState.Expanded,
      );
      it.iconPath = new vscode.ThemeIcon('warning');
      return it;
    }
    if (el.kind === 'problem') {
      const it = new vscode.TreeItem(el.finding.message, vscode.TreeItemCollapsibleState.None);
      it.iconPath = new vscode.ThemeIcon('error');
      it.tooltip = `${el.finding.ruleId}: ${el.finding.message}`;
      it.command = at(el.finding.start);
      if (doc) it.description = t('line {0}', doc.positionAt(el.finding.start).line + 1);
      return it;
    }
    const n = el.node;
    const it = new vscode.TreeItem(
      `${n.marker}${n.title}`,
      n.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    const parts: string[] = [];
    if (n.children.length) parts.push(t('{0} items', n.children.length));
    if (n.expected) parts.push(t('should be {0}', n.expected));
    it.description = parts.join(' · ');
    it.tooltip = t('line {0}', n.line);
    it.iconPath = new vscode.ThemeIcon(n.expected ? 'warning' : n.family === '附件' ? 'file' : n.level <= 1 ? 'symbol-module' : 'symbol-namespace');
    it.command = at(n.markerStart);
    return it;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
