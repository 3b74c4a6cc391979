/**
 * Hover: on a flagged span, why it is flagged, since when, the source and the fix; on a glossary
 * term (两个维护…), its expansion, origin, status, collocations and source.
 */
import vscode = require('vscode');
import type { Diagnostics } from './diagnostics';
import { dataset } from './engine';
import { explainRuleLink, findingMarkdown, glossaryMarkdown } from './logic';
import { isDraft } from './config';
import { builtinDataVersion } from '../core/data-version';

import { t } from './i18n';
export { t };

export class Hover implements vscode.HoverProvider {
  constructor(private readonly diagnostics: Diagnostics) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isDraft(doc)) return undefined;
    const offset = doc.offsetAt(pos);
    const parts: string[] = [];
    let range: vscode.Range | undefined;
    for (const f of this.diagnostics.findings(doc) ?? []) {
      if (f.start <= offset && offset < Math.max(f.end, f.start + 1)) {
        parts.push(findingMarkdown(f, doc.getText().slice(f.start, f.end), t, explainRuleLink(f.ruleId)));
        range ??= new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
      }
    }
    const ds = await dataset();
    const hit = ds.glossary.termAt(doc.getText(), offset);
    if (hit) {
      parts.push(glossaryMarkdown(hit.entry, t));
      range ??= new vscode.Range(doc.positionAt(hit.start), doc.positionAt(hit.end));
    }
    if (!parts.length) return undefined;
    const to = builtinDataVersion().currentTo;
    if (to) parts.push(`_${t('Rule data current to {0}', to.slice(0, 7))}_`);
    const md = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
    // The rule id opens the rule's page in the Markdown preview; no other command may run.
    md.isTrusted = { enabledCommands: ['gongwen.explainRule'] };
    return new vscode.Hover(md, range);
  }
}
