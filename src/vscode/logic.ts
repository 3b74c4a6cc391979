/**
 * Editor logic that needs no VS Code API: completion ranges for CJK text, the text of inline
 * ignore comments, combining fixes, severity settings, and the Markdown shown in hovers and rule
 * explanations. Kept free of 'vscode' so that it is unit-tested under test/vscode/.
 * Labels go through a `t` function (vscode.l10n.t in the extension, identity in tests).
 */
import type { Finding, Fix, Severity } from '../core/types';
import type { GlossaryEntry, RuleEntry } from '../core/model';

export type Translate = (message: string, ...args: Array<string | number>) => string;
/** Fills {0}, {1}… like vscode.l10n.t does when no translation is loaded. */
export const identityT: Translate = (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i) => String(args[+i] ?? ''));

// ---------------------------------------------------------------- completion ranges

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3007“”‘’《》〈〉（）、]/;

/**
 * The text typed so far of a phrase: the run of CJK characters (and quotes/brackets used inside
 * phrases) that ends at the cursor, at most `max` long. VS Code treats the whole run as one word,
 * so completion items must be given this range explicitly.
 */
export function typedPrefix(lineBefore: string, max = 16): { start: number; prefix: string } {
  let i = lineBefore.length;
  while (i > 0 && lineBefore.length - i < max && CJK.test(lineBefore[i - 1])) i--;
  return { start: i, prefix: lineBefore.slice(i) };
}

/**
 * Where a completion replaces text and how VS Code should filter it. A suggestion continues the
 * text before the cursor: `matched` is how many characters before the cursor it completes (the
 * part of the phrase already typed) and `insert` is what comes after the cursor. The item's range
 * starts `matched` characters back and ends at the cursor; filterText and insertText are the whole
 * phrase, so VS Code's word-based filter (which sees the whole CJK run as one word) keeps it.
 */
export function completionEdit(
  lineBefore: string,
  matched: number,
  insert: string,
): { startColumn: number; endColumn: number; insertText: string; filterText: string } {
  const m = Math.max(0, Math.min(matched, lineBefore.length));
  const typed = lineBefore.slice(lineBefore.length - m);
  return {
    startColumn: lineBefore.length - m,
    endColumn: lineBefore.length,
    insertText: typed + insert,
    filterText: typed + insert,
  };
}

// ---------------------------------------------------------------- ignore comments

export type DocLanguage = 'markdown' | 'plaintext';

function wrap(body: string, language: DocLanguage): string {
  return language === 'markdown' ? `<!-- ${body} -->` : body;
}

/**
 * The inline comment that silences `ruleId` on line `lineIndex` (0-based) or in the whole file:
 * where to insert it (before that line / at the top) and the exact text, line break included.
 * The comment keeps the line's indentation (often full-width spaces 　　 in 公文).
 */
export function ignoreCommentEdit(
  lines: readonly string[],
  lineIndex: number,
  ruleId: string,
  language: DocLanguage,
  scope: 'line' | 'file',
  eol = '\n',
): { line: number; text: string } {
  if (scope === 'file') {
    // After existing file-level disable comments, so several stack at the top in order.
    let at = 0;
    while (at < lines.length && /gongwen-disable\s/.test(lines[at]) && !/next-line|disable-line/.test(lines[at])) at++;
    return { line: at, text: wrap(`gongwen-disable ${ruleId}`, language) + eol };
  }
  const indent = /^[ \t\u3000]*/.exec(lines[lineIndex] ?? '')?.[0] ?? '';
  return { line: lineIndex, text: indent + wrap(`gongwen-disable-next-line ${ruleId}`, language) + eol };
}

// ---------------------------------------------------------------- fixes

/** The fixes of `findings` (optionally only of one rule), sorted, overlapping ones dropped. */
export function combinedFixes(findings: readonly Finding[], ruleId?: string): Fix[] {
  const fixes = findings
    .filter((f) => f.fix && (!ruleId || f.ruleId === ruleId))
    .map((f) => f.fix as Fix)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Fix[] = [];
  let until = -1;
  for (const f of fixes) {
    if (f.start < until) continue; // overlapping: the first one wins (as core/fix.ts applyFixes)
    out.push(f);
    until = Math.max(f.end, f.start + (f.start === f.end ? 1 : 0));
  }
  return out;
}

/** `end` moved back over trailing white space (line breaks, spaces, full-width 　): a section's
 * symbol range then stops before the blank and indentation that precede the next heading. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s\u3000]/.test(text[end - 1])) end--;
  return end;
}

// ---------------------------------------------------------------- settings

export type SeveritySetting = Severity | 'off';
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Keeps only valid entries of the gongwen.severity setting; lists the ignored keys. */
export function cleanSeverity(raw: unknown): { map: Record<string, SeveritySetting>; invalid: string[] } {
  const map: Record<string, SeveritySetting> = {};
  const invalid: string[] = [];
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) map[k] = v as SeveritySetting;
      else invalid.push(k);
    }
  }
  return { map, invalid };
}

/** gongwen.referenceDate: '' (the draft's date, else today) or YYYY-MM-DD. */
export function cleanReferenceDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
}

// ---------------------------------------------------------------- rule pages

/**
 * Where a rule's page is opened from (a diagnostic's code link, the 解释规则 action): the page the
 * package ships (docs/rules/<id>.md, generated from the rule registry) when there is one, else the
 * virtual page served for the rules of a user's own file (gongwen-rule:/<id>.md).
 */
export function ruleDocTarget(ruleId: string, extensionRoot: string | undefined, exists: (file: string) => boolean): { scheme: 'file' | 'gongwen-rule'; path: string } {
  if (extensionRoot && /^[a-z0-9-]+$/.test(ruleId)) {
    const file = `${extensionRoot.replace(/[\\/]+$/, '')}/docs/rules/${ruleId}.md`;
    if (exists(file)) return { scheme: 'file', path: file };
  }
  return { scheme: 'gongwen-rule', path: `/${ruleId}.md` };
}

// ---------------------------------------------------------------- markdown texts

function escapeMd(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** The link that opens a rule's page in the Markdown preview (a command link: the hover must trust `gongwen.explainRule`). */
export function explainRuleLink(ruleId: string): string {
  return `command:gongwen.explainRule?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

/**
 * Hover text for a flagged span: the message, why, since when, source, and the fix. `link`: the
 * rule id links there (its page; see `explainRuleLink`).
 */
export function findingMarkdown(f: Finding, original: string, t: Translate = identityT, link?: string): string {
  const out: string[] = [];
  out.push(`**${escapeMd(f.message)}**  ${link ? `[\`${f.ruleId}\`](${link} "${t('Open the rule page')}")` : `\`${f.ruleId}\``}`);
  if (f.reason) out.push(`${t('Why')}${t(': ')}${escapeMd(f.reason)}`);
  if (f.since) out.push(`${t('Since')}${t(': ')}${escapeMd(f.since)}`);
  if (f.fix) {
    const to = f.fix.text === '' ? t('(delete)') : f.fix.text;
    out.push(`${t('Fix')}${t(': ')}${escapeMd(original)} → ${escapeMd(to)}`);
  }
  if (f.source) out.push(`${t('Source')}${t(': ')}${escapeMd(f.source)}`);
  return out.join('\n\n');
}

/** Hover text for a glossary term. */
export function glossaryMarkdown(
  e: GlossaryEntry,
  t: Translate = identityT,
  example?: { text: string; where: string },
): string {
  const out: string[] = [];
  out.push(`**“${escapeMd(e.term)}”**${e.aliases?.length ? `（${e.aliases.map(escapeMd).join('、')}）` : ''}`);
  out.push(escapeMd(e.summary));
  if (e.expansion.length) out.push(e.expansion.map((x, i) => `${i + 1}. ${escapeMd(x)}`).join('\n'));
  out.push(`${t('Origin')}${t(': ')}${escapeMd(e.origin)}${e.since ? `（${escapeMd(e.since)}）` : ''}`);
  const status =
    e.status === 'current' ? t('current') : e.status === 'dated' ? t('dated, check before use') : t('historical');
  out.push(`${t('Status')}${t(': ')}${status}${e.statusNote ? ` — ${escapeMd(e.statusNote)}` : ''}`);
  if (e.collocations.length) out.push(`${t('Usual collocations')}${t(': ')}${e.collocations.map(escapeMd).join('；')}`);
  if (e.canonical) out.push(`${t('Standard wording')}${t(': ')}${escapeMd(e.canonical)}`);
  if (example) out.push(`${t('Example from the corpus')} (${escapeMd(example.where)}): ${escapeMd(example.text)}`);
  out.push(`${t('Source')}${t(': ')}${escapeMd(e.source)}`);
  return out.join('\n\n');
}

/** The page opened from a diagnostic's rule link: a Markdown document explaining the rule. */
export function ruleMarkdown(r: RuleEntry, t: Translate = identityT): string {
  const out: string[] = [];
  out.push(`# ${r.id}`);
  if (r.message) out.push(r.message);
  out.push(`## ${t('Why')}`, r.explanation);
  if (r.patterns?.length) out.push(`## ${t('Flagged wording')}`, r.patterns.map((p) => `- ${p}`).join('\n'));
  if (r.object)
    out.push(
      `## ${t('Collocation')}`,
      `“${r.object}”: ${(r.verbs ?? []).join('、')}${r.wrongVerbs?.length ? ` (${t('not')}${t(': ')}${r.wrongVerbs.join('、')})` : ''}`,
    );
  if (r.replacement !== undefined) out.push(`## ${t('Standard wording')}`, r.replacement || t('(delete)'));
  if (r.alternatives?.length) out.push(r.alternatives.map((a) => `- ${a}`).join('\n'));
  if (r.since) out.push(`## ${t('Since')}`, r.since);
  const ex = (xs: Array<string | { text: string }>) => xs.map((x) => `- ${typeof x === 'string' ? x : x.text}`).join('\n');
  if (r.examples.fire.length) out.push(`## ${t('Flagged examples')}`, ex(r.examples.fire));
  if (r.examples.pass.length) out.push(`## ${t('Not flagged')}`, ex(r.examples.pass));
  out.push(`## ${t('Source')}`, r.source);
  out.push(
    `## ${t('Ignore')}`,
    '```\ngongwen-disable-next-line ' + r.id + '\n<!-- gongwen-disable-next-line ' + r.id + ' -->\n```',
  );
  return out.join('\n\n') + '\n';
}
