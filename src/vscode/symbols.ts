/** The outline of a speech or report (一、 （一） 1. （1） 一是…) for the Outline view, breadcrumbs and Go to Symbol. */
import vscode = require('vscode');
import { outlineOf, type OutlineNode } from '../core/outline/parse';
import { settings } from './config';
import { trimEnd } from './logic';

/** Over gongwen.maxFileSizeKB: not parsed either (the status bar already says it is skipped). */
export function tooLarge(doc: vscode.TextDocument): boolean {
  return Buffer.byteLength(doc.getText(), 'utf8') > settings(doc.uri).maxFileSizeKB * 1024;
}

const KIND: Record<string, vscode.SymbolKind> = {
  '一、': vscode.SymbolKind.Module,
  '（一）': vscode.SymbolKind.Namespace,
  '1.': vscode.SymbolKind.Class,
  '（1）': vscode.SymbolKind.Method,
  附件: vscode.SymbolKind.File,
};

export function toSymbol(doc: vscode.TextDocument, n: OutlineNode, text = doc.getText()): vscode.DocumentSymbol {
  // A section runs up to the next sibling's marker; without the blank and indentation before that
  // marker, so a cursor on the next heading is not also inside this section (breadcrumbs).
  const end = Math.max(trimEnd(text, n.start, n.end), n.markerEnd);
  const range = new vscode.Range(doc.positionAt(n.start), doc.positionAt(end));
  const sel = new vscode.Range(doc.positionAt(n.markerStart), doc.positionAt(Math.min(end, n.markerEnd + n.title.length)));
  const name = `${n.marker}${n.title}`.trim() || n.marker;
  const s = new vscode.DocumentSymbol(name, '', KIND[n.family] ?? vscode.SymbolKind.EnumMember, range, range.contains(sel) ? sel : range);
  s.children = n.children.map((c) => toSymbol(doc, c, text));
  return s;
}

export class Symbols implements vscode.DocumentSymbolProvider {
  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    if (tooLarge(doc)) return [];
    const text = doc.getText();
    return outlineOf(text).roots.map((n) => toSymbol(doc, n, text));
  }
}

