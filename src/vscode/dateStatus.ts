/**
 * The status bar's reference date: the date the active draft is checked as of and where it came
 * from (落款日期 / 设置 / 项目配置 / 本文档 / 今天); the tooltip gives the rule data's date
 * (data/data-version.json). A click sets the date for this document: an input box; the date holds
 * for this document until it is closed (nothing is written to the draft or to a configuration);
 * an empty answer goes back to the usual date.
 */
import vscode = require('vscode');
import { t } from './i18n';
import { builtinDataVersion } from '../core/data-version';
import { isValidIsoDate } from '../core/date';
import { isDraft } from './config';
import type { Diagnostics } from './diagnostics';
import { sessionDate, setSessionDate, type DateOrigin } from './engine';

export const SET_DATE_COMMAND = 'gongwen.setReferenceDate';

const ORIGIN: Record<DateOrigin, string> = {
  document: 'from the date line',
  settings: 'from settings',
  project: 'from the project configuration',
  cli: 'from the command line',
  session: 'set for this document',
  today: 'today',
};

export class DateStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gongwen.date', vscode.StatusBarAlignment.Right, 99);
  private readonly subs: vscode.Disposable[];

  constructor(private readonly diagnostics: Diagnostics) {
    this.item.name = t('Gongwen reference date');
    this.item.command = SET_DATE_COMMAND;
    this.subs = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      diagnostics.onDidUpdate((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
      vscode.commands.registerCommand(SET_DATE_COMMAND, () => this.askDate()),
    ];
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const r = doc && isDraft(doc) ? this.diagnostics.result(doc) : undefined;
    if (!r) {
      this.item.hide();
      return;
    }
    this.item.text = `$(calendar) ${r.date}（${t(ORIGIN[r.dateOrigin])}）`;
    const lines = [t('Reference date: wording is checked as of {0} ({1}).', r.date, t(ORIGIN[r.dateOrigin]))];
    const to = builtinDataVersion().currentTo;
    if (to) lines.push(t('Rule data current to {0}', to.slice(0, 7)));
    lines.push(t('Click to set the date for this document.'));
    this.item.tooltip = lines.join('\n');
    this.item.show();
  }

  private async askDate(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isDraft(doc)) return;
    const current = sessionDate(doc.uri) ?? this.diagnostics.result(doc)?.date ?? '';
    const answer = await vscode.window.showInputBox({
      title: t('Reference date for this document'),
      prompt: t('YYYY-MM-DD; empty: the date line, settings or project configuration, else today'),
      value: current,
      validateInput: (v) => (v.trim() === '' || isValidIsoDate(v.trim()) ? undefined : t('Enter a date as YYYY-MM-DD')),
    });
    if (answer === undefined) return;
    setSessionDate(doc.uri, answer.trim() || undefined);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
