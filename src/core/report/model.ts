/**
 * The content of a 审校报告 (review report), independent of its format: per file, counts by
 * severity and category, each finding with its line and context, and the outline tree with its
 * problems under the heading they concern. Pure: the caller reads the files and runs the check.
 */
import { parseOutline, type OutlineNode } from '../outline/parse';
import { TextDoc } from '../text';
import type { Category, Finding, Severity } from '../types';
import { CATEGORIES, fixText, SEVERITIES } from './labels';

export interface ReportFileInput {
  /** The name shown for the file (as given on the command line). */
  file: string;
  /** The text that was checked (for a .docx, its body text: one paragraph per line). */
  text: string;
  findings: readonly Finding[];
  /** Reference date of the check and where it came from. */
  date: string;
  dateSource?: 'option' | 'document' | 'today';
  /** 'docx': lines are the document's paragraphs. */
  kind?: 'docx' | 'text';
  /**
   * For a .docx: the paragraph number (1-based) of each line (index 0 = line 1), so the report
   * names paragraphs as Word counts them even where a manual line break made two lines of one.
   */
  paragraphOfLine?: readonly number[];
}

export interface ReportInput {
  title?: string;
  /** When the report was made, as it should be printed (e.g. 2026-12-02 09:30). */
  generatedAt: string;
  files: ReportFileInput[];
  /** Inputs that could not be read: one line each. */
  problems?: Array<{ file: string; message: string }>;
  /** Version of the tool and date of its rule data, printed in the footer. */
  version?: string;
  dataVersion?: string;
}

export interface ReportFinding {
  /** Line (text file) or paragraph (.docx), 1-based. */
  line: number;
  column: number;
  severity: Severity;
  category: Category;
  ruleId: string;
  message: string;
  /** The flagged text itself. */
  hit: string;
  /** The text before and after it on its line (clipped). */
  before: string;
  after: string;
  /** How the fix reads (改为…), if there is one. */
  fix?: string;
  reason?: string;
  since?: string;
  source?: string;
}

export interface ReportOutlineNode {
  marker: string;
  title: string;
  line: number;
  level: number;
  /** Standard form of a non-standard marker. */
  expected?: string;
  problems: ReportFinding[];
  children: ReportOutlineNode[];
}

export interface FileReport {
  file: string;
  kind: 'docx' | 'text';
  date: string;
  dateSource?: ReportFileInput['dateSource'];
  lines: number;
  chars: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<Category, number>;
  findings: ReportFinding[];
  outline: { roots: ReportOutlineNode[]; unattached: ReportFinding[]; announcements: Array<{ text: string; line: number; count: number }> };
}

export interface Report {
  title: string;
  generatedAt: string;
  version?: string;
  dataVersion?: string;
  files: FileReport[];
  problems: Array<{ file: string; message: string }>;
  totals: { bySeverity: Record<Severity, number>; byCategory: Record<Category, number>; findings: number };
}

/** Context shown on each side of a finding. */
export const CONTEXT_CHARS = 24;

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function toReportFinding(f: Finding, text: string, doc: TextDoc, lineNo: (line: number) => number): ReportFinding {
  const pos = doc.positionAt(f.start);
  const li = pos.line - 1;
  const lineStart = doc.lineStarts[li];
  const lineEnd = doc.lineEnd(li);
  const end = Math.min(f.end, lineEnd); // a finding over several lines shows its first line
  let before = text.slice(Math.max(lineStart, f.start - CONTEXT_CHARS), f.start);
  let after = text.slice(end, Math.min(lineEnd, end + CONTEXT_CHARS));
  if (f.start - CONTEXT_CHARS > lineStart) before = '…' + before;
  if (end + CONTEXT_CHARS < lineEnd) after += '…';
  const r: ReportFinding = {
    line: lineNo(pos.line),
    column: pos.column,
    severity: f.severity,
    category: f.category,
    ruleId: f.ruleId,
    message: f.message,
    hit: text.slice(f.start, end),
    before,
    after,
  };
  const fix = fixText(f, text);
  if (fix) r.fix = fix;
  if (f.reason) r.reason = f.reason;
  if (f.since) r.since = f.since;
  if (f.source) r.source = f.source;
  return r;
}

export function buildFileReport(input: ReportFileInput): FileReport {
  const { text } = input;
  const doc = new TextDoc(text);
  const map = input.paragraphOfLine;
  const lineNo = (line: number) => map?.[line - 1] ?? line;
  const bySeverity = zeroCounts(SEVERITIES);
  const byCategory = zeroCounts(CATEGORIES);
  const sorted = [...input.findings].sort((a, b) => a.start - b.start || a.end - b.end);
  const findings: ReportFinding[] = [];
  const outlineProblems: Array<[Finding, ReportFinding]> = [];
  for (const f of sorted) {
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    const rf = toReportFinding(f, text, doc, lineNo);
    findings.push(rf);
    if (f.category === 'outline') outlineProblems.push([f, rf]);
  }

  const outline = parseOutline(text, doc);
  const flat: Array<[OutlineNode, ReportOutlineNode]> = [];
  const convert = (n: OutlineNode): ReportOutlineNode => {
    const r: ReportOutlineNode = { marker: n.marker, title: n.title, line: lineNo(n.line), level: n.level, problems: [], children: [] };
    if (n.expected) r.expected = n.expected;
    flat.push([n, r]);
    r.children = n.children.map(convert);
    return r;
  };
  const roots = outline.roots.map(convert);
  flat.sort((x, y) => x[0].markerStart - y[0].markerStart);
  const unattached: ReportFinding[] = [];
  // Each outline problem goes under the last heading whose marker starts at or before it.
  for (const [f, rf] of outlineProblems) {
    let owner: ReportOutlineNode | undefined;
    for (const [n, r] of flat) {
      if (n.markerStart <= f.start) owner = r;
      else break;
    }
    (owner ? owner.problems : unattached).push(rf);
  }
  return {
    file: input.file,
    kind: input.kind ?? 'text',
    date: input.date,
    dateSource: input.dateSource,
    lines: !text.length ? 0 : map ? (map[map.length - 1] ?? doc.lineCount) : doc.lineCount,
    chars: text.replace(/\s/g, '').length,
    bySeverity,
    byCategory,
    findings,
    outline: {
      roots,
      unattached,
      announcements: outline.announcements.map((a) => ({ text: a.text, line: lineNo(doc.positionAt(a.start).line), count: a.count })),
    },
  };
}

export function buildReport(input: ReportInput): Report {
  const files = input.files.map(buildFileReport);
  const bySeverity = zeroCounts(SEVERITIES);
  const byCategory = zeroCounts(CATEGORIES);
  for (const f of files) {
    for (const s of SEVERITIES) bySeverity[s] += f.bySeverity[s];
    for (const c of CATEGORIES) byCategory[c] += f.byCategory[c];
  }
  return {
    title: input.title ?? '审校报告',
    generatedAt: input.generatedAt,
    version: input.version,
    dataVersion: input.dataVersion,
    files,
    problems: input.problems ?? [],
    totals: { bySeverity, byCategory, findings: files.reduce((n, f) => n + f.findings.length, 0) },
  };
}
