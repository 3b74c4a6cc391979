/**
 * Runtime UI strings. English is the source text; Chinese comes from l10n/bundle.l10n.zh-cn.json.
 * VS Code picks the bundle from its display language, which needs a Chinese language pack; a
 * drafter whose VS Code is in English can still have this extension's UI in Chinese with the
 * setting gongwen.uiLanguage = "zh-cn" ("auto" follows VS Code, "en" forces English).
 */
import vscode = require('vscode');
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

const ZH: Record<string, string> = zhCn as Record<string, string>;

export function uiLanguage(): 'zh-cn' | 'en' {
  const s = vscode.workspace.getConfiguration('gongwen').get<string>('uiLanguage', 'auto');
  if (s === 'zh-cn' || s === 'en') return s;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Like vscode.l10n.t: `{0}`, `{1}` … are replaced by the arguments. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const lang = uiLanguage();
  if (lang === 'en' && !vscode.env.language.toLowerCase().startsWith('zh')) return vscode.l10n.t(message, ...args);
  const template = lang === 'zh-cn' ? (ZH[message] ?? message) : message;
  return template.replace(/\{(\d+)\}/g, (m, i) => (args[+i] !== undefined ? String(args[+i]) : m));
}
