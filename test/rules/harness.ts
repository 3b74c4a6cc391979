/**
 * Fixture harness for the code rules (outline, punctuation, misquote), after markdownlint's
 * `{MD029}` markers and textlint-tester's valid/invalid lists: a fixture is a draft in which every
 * line that must carry a finding ends with the rule id in braces, `{outline-gap}` (several for
 * several findings, `{outline-gap:info}` to also pin the severity). The markers are taken off
 * before the check; the code rules' findings must then be exactly the marked ones, line by line.
 * A fixture with no marker is a valid draft: no code rule may fire on it. Leading lines
 * `%% date: YYYY-MM-DD` (or `%% date: document`, the draft's own date line) set the reference date
 * (default 2026-06-01), and `%% severity: rule-id=level` sets a rule's severity (how a rule that is
 * off by default is switched on); they are taken off too. The test data is current to 2026-12.
 *
 * Files: test/fixtures/checks/<kind>/*.txt. `<rule-id>.fire.txt` and `<rule-id>.pass.txt` are also
 * the examples of the rule's generated docs page (scripts/gen-rule-docs.ts).
 */
import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import { check } from '../../src/core/check';
import { readData } from '../../src/core/data';
import { Dataset } from '../../src/core/dataset';
import type { Finding, Severity } from '../../src/core/types';
import { fixture, ROOT } from '../support/data';

export const CHECKS_DIR = join(ROOT, 'test', 'fixtures', 'checks');

export interface Expected {
  /** 1-based line of the cleaned text. */
  line: number;
  ruleId: string;
  severity?: Severity;
}

export interface RuleFixture {
  /** Path relative to the repository root. */
  file: string;
  /** The draft with the markers (and option lines) taken off. */
  text: string;
  expected: Expected[];
  /** The reference date: YYYY-MM-DD, or 'document' (the draft's own date line). */
  date: string;
  /** Severity settings (`%% severity:` lines), as the `severity` check option. */
  severity?: Record<string, Severity | 'off'>;
}

const DEFAULT_DATE = '2026-06-01';
/** What the test data is current to (as data/data-version.json for the built-in data). */
const TEST_DATA_CURRENT_TO = '2026-12-01';
const R_OPTION = /^%% ([a-z]+): *(.*?)\r?$/;

const R_MARKS = /(?:[ \t\u3000]*\{[a-z][a-z0-9-]*(?::[a-z]+)?\})+[ \t\u3000]*$/;
const R_MARK = /\{([a-z][a-z0-9-]*)(?::([a-z]+))?\}/g;

/** Reads one fixture: its markers, and its text without them. */
export function parseFixture(source: string, file = '<inline>'): RuleFixture {
  const lines = source.split('\n');
  let date = DEFAULT_DATE;
  let severity: Record<string, Severity | 'off'> | undefined;
  let o: RegExpExecArray | null;
  while (lines.length && (o = R_OPTION.exec(lines[0]))) {
    const level = /^([a-z][a-z0-9-]*)=(error|warning|info|hint|off)$/.exec(o[2]);
    if (o[1] === 'date' && /^(\d{4}-\d{2}-\d{2}|document)$/.test(o[2])) date = o[2];
    else if (o[1] === 'severity' && level) (severity ??= {})[level[1]] = level[2] as Severity | 'off';
    else throw new Error(`${file}: unknown option line ${lines[0]}`);
    lines.shift();
  }
  const expected: Expected[] = [];
  const clean = lines.map((line, k) => {
    const cr = line.endsWith('\r') ? '\r' : '';
    const body = cr ? line.slice(0, -1) : line;
    const m = R_MARKS.exec(body);
    if (!m) return line;
    for (const x of m[0].matchAll(R_MARK)) {
      const e: Expected = { line: k + 1, ruleId: x[1] };
      if (x[2]) e.severity = x[2] as Severity;
      expected.push(e);
    }
    return body.slice(0, m.index) + cr;
  });
  return { file, text: clean.join('\n'), expected, date, ...(severity ? { severity } : {}) };
}

/** Every fixture file under test/fixtures/checks, sorted. */
export function fixtureFiles(dir = CHECKS_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.txt')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function loadFixture(path: string): RuleFixture {
  return parseFixture(readFileSync(path, 'utf8'), relative(ROOT, path).split('\\').join('/'));
}

/** The rule kinds whose rules are code rules (data rules are tested by their own examples). */
export const CODE_KINDS = ['outline', 'punctuation', 'misquote', 'currency'];

let ds: Dataset | undefined;

/**
 * The code rules' findings on a fixture's text, with the test data (the rules and glossary of
 * test/fixtures, current to 2026-12): stable whatever the shipped data says.
 */
export function codeFindings(text: string, date = DEFAULT_DATE, severity?: Record<string, Severity | 'off'>): Finding[] {
  ds ??= new Dataset(readData([fixture('rules', 'engine.gongwen-rules.json')], [fixture('glossary', 'canonical.gongwen-glossary.json')]), {
    currentTo: TEST_DATA_CURRENT_TO,
  });
  return check(text, { dataset: ds, date: date === 'document' ? undefined : date, today: DEFAULT_DATE, kinds: CODE_KINDS, severity }).findings;
}

/** The differences between what a fixture marks and what the checker finds, as readable lines. */
export function compareFixture(fx: RuleFixture, findings = codeFindings(fx.text, fx.date, fx.severity)): string[] {
  const lineOf = (off: number) => fx.text.slice(0, off).split('\n').length;
  const key = (line: number, id: string) => `${line} ${id}`;
  const want = new Map<string, number>();
  for (const e of fx.expected) want.set(key(e.line, e.ruleId), (want.get(key(e.line, e.ruleId)) ?? 0) + 1);
  const problems: string[] = [];
  const got = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = key(lineOf(f.start), f.ruleId);
    got.set(k, [...(got.get(k) ?? []), f]);
  }
  for (const [k, fs] of got) {
    const n = want.get(k) ?? 0;
    if (fs.length > n) for (const f of fs.slice(n)) problems.push(`${fx.file}:${k.replace(' ', ' 多出 ')}（${f.message}）`);
  }
  for (const [k, n] of want) {
    const have = got.get(k)?.length ?? 0;
    if (have < n) problems.push(`${fx.file}:${k.replace(' ', ' 缺少 ')}${n - have > 1 ? ` ×${n - have}` : ''}`);
  }
  for (const e of fx.expected) {
    if (!e.severity) continue;
    const fs = got.get(key(e.line, e.ruleId)) ?? [];
    if (!fs.some((f) => f.severity === e.severity)) problems.push(`${fx.file}:${e.line} ${e.ruleId} 应为 ${e.severity}，实为 ${fs.map((f) => f.severity).join('/') || '无'}`);
  }
  return problems.sort();
}
