/** The outline of a speech or report (一、 （一） 1. （1） 一是…) for the Outline view, breadcrumbs and Go to Symbol. */
import * as vscode from 'vscode';
import { parseOutline, type OutlineNode } from '../core/outline/parse';

const KIND: Record<string, vscode.SymbolKind> = {
  '一、': vscode.SymbolKind.Module,
  '（一）': vscode.SymbolKind.Namespace,
  '1.': vscode.SymbolKind.Class,
  '（1）': vscode.SymbolKind.Method,
};

export function toSymbol(doc: vscode.TextDocument, n: OutlineNode): vscode.DocumentSymbol {
  const end = Math.max(n.end, n.markerEnd);
  const range = new vscode.Range(doc.positionAt(n.start), doc.positionAt(end));
  const sel = new vscode.Range(doc.positionAt(n.markerStart), doc.positionAt(Math.min(end, n.markerEnd + n.title.length)));
  const name = `${n.marker}${n.title}`.trim() || n.marker;
  const s = new vscode.DocumentSymbol(name, '', KIND[n.family] ?? vscode.SymbolKind.EnumMember, range, range.contains(sel) ? sel : range);
  s.children = n.children.map((c) => toSymbol(doc, c));
  return s;
}

export class Symbols implements vscode.DocumentSymbolProvider {
  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    return parseOutline(doc.getText()).roots.map((n) => toSymbol(doc, n));
  }
}
