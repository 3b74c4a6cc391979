/**
 * Completions (placeholder until src/core/completion lands): see registerCompletion.
 */
import * as vscode from 'vscode';

export function registerCompletion(_context: vscode.ExtensionContext): {
  register: (sel: vscode.DocumentSelector) => vscode.Disposable[];
  usePatterns: (file: string) => void;
} {
  return { register: () => [], usePatterns: () => undefined };
}
