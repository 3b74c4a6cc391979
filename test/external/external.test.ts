/**
 * Regression test on public official documents that nobody here wrote (../shared/external, read at
 * test time; the texts are never copied into the repository):
 * (a) each document, checked as of its own date (the date its file name starts with), gives no
 *     warning or error except the copy defects listed below (SOURCES.md there names them), and at
 *     most one info besides them: wording copied from a central document must not be flagged;
 * (b) checked as of 2026-12-01, each line of test/external/recall.ts, where a document presents an
 *     outdated wording as current, is flagged (warning, error or info) by its rule.
 * Without the folder the suite is skipped (it is not part of the repository).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { TextDoc } from '../../src/core/text';
import type { Finding } from '../../src/core/types';
import { ROOT } from '../support/data';
import { RECALL, RECALL_DATE } from './recall';

function externalDir(): string | undefined {
  for (const d of [path.resolve(ROOT, '..', 'shared', 'external'), '/work/shared/external']) {
    if (fs.existsSync(path.join(d, 'SOURCES.md'))) return d;
  }
  return undefined;
}

/**
 * True findings about the copies, not about the documents (SOURCES.md lists them): the checker
 * must find them, and nothing else loud. `text` is the flagged text (all of it, when given);
 * `count` how many findings the row stands for.
 */
interface CopyDefect {
  file: string;
  ruleId: string;
  count: number;
  text?: RegExp;
  reason: string;
}

const COPY_DEFECTS: CopyDefect[] = [
  {
    file: '2012-11-08_cpc18-report.txt',
    ruleId: 'year-ascii-zero',
    count: 5,
    text: /^(?=.*0)二[0〇一二三四五六七八九]{3}年$/,
    reason: 'the transcription writes years with ASCII 0 (二0二0年) where the report has 〇',
  },
  {
    file: '2017-10-18_cpc19-report.txt',
    ruleId: 'year-ascii-zero',
    count: 8,
    text: /^(?=.*○)二[○〇一二三四五六七八九]{3}年$/,
    reason: 'the first transcription writes years with ○ (a circle sign) where the report has 〇',
  },
  {
    file: '2014-10-08_xi-qunzhongluxian-zongjie.txt',
    ruleId: 'punct-ascii',
    count: 2,
    text: /^[()]$/,
    reason: 'half-width ( ) around 全文 in the web copy’s title line',
  },
  {
    file: '2016-01-12_xi-zhongjiwei-18-6.txt',
    ruleId: 'punct-ascii',
    count: 1,
    text: /^!$/,
    reason: 'a half-width ! in the web copy',
  },
  {
    file: '2010-03-05_gwr2010.txt',
    ruleId: 'outline-duplicate',
    count: 1,
    text: /^四是$/,
    reason: 'the transcription repeats the paragraph 四是加强风险管理',
  },
  {
    file: '2010-03-05_gwr2010.txt',
    ruleId: 'punct-ascii-quote',
    count: 2,
    text: /^"$/,
    reason: 'straight quotes around 三河三湖 in the transcription (the report has “ ”)',
  },
  {
    file: '2017-10-18_cpc19-report-alt-jeffzzzhang.txt',
    ruleId: 'outline-gap',
    count: 1,
    text: /^二、$/,
    reason: 'the second transcription lacks the report’s beginning, section 一 included',
  },
];

const LOUD = new Set(['error', 'warning']);
const FLAGGED = new Set(['error', 'warning', 'info']);

const dir = externalDir();
const files = dir ? fs.readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}_.*\.txt$/.test(f)).sort() : [];
const cache = new Map<string, { text: string; doc: TextDoc; findings: Map<string, Finding[]> }>();

function checked(file: string, date: string): { text: string; doc: TextDoc; findings: Finding[] } {
  let c = cache.get(file);
  if (!c) {
    const text = fs.readFileSync(path.join(dir!, file), 'utf8');
    c = { text, doc: new TextDoc(text), findings: new Map() };
    cache.set(file, c);
  }
  let f = c.findings.get(date);
  if (!f) c.findings.set(date, (f = check(c.text, { date }).findings));
  return { text: c.text, doc: c.doc, findings: f };
}

describe('public documents (../shared/external)', function () {
  before(function () {
    if (!dir) {
      console.log('      (skipped: ../shared/external not found next to the repository, nor /work/shared/external)');
      this.skip();
    }
  });

  it('are all there, each named by its own date', () => {
    assert.ok(files.length >= 30, `${files.length} documents`);
    for (const row of [...COPY_DEFECTS, ...RECALL]) assert.ok(files.includes(row.file), `${row.file} is missing`);
  });

  describe('as of their own dates: no false alarm', () => {
    for (const file of files.length ? files : ['(none)']) {
      it(file, function () {
        if (!dir) this.skip();
        const date = file.slice(0, 10);
        const { text, doc, findings } = checked(file, date);
        const rows = COPY_DEFECTS.filter((r) => r.file === file);
        const used = rows.map(() => 0);
        const unexplained: string[] = [];
        const infos: string[] = [];
        for (const f of findings) {
          const flagged = text.slice(f.start, f.end);
          const k = rows.findIndex((r) => r.ruleId === f.ruleId && (!r.text || r.text.test(flagged)));
          const where = `${f.ruleId}@${doc.positionAt(f.start).line} ${f.severity} “${flagged}”: ${f.message}`;
          if (k >= 0) used[k]++;
          else if (LOUD.has(f.severity)) unexplained.push(where);
          else if (f.severity === 'info') infos.push(where);
        }
        assert.deepEqual(unexplained, [], `warnings or errors on ${file} as of ${date}`);
        assert.ok(infos.length <= 1, `more than one info on ${file} as of ${date}:\n${infos.join('\n')}`);
        rows.forEach((r, i) => assert.equal(used[i], r.count, `${file}: ${r.ruleId} (${r.reason}) found ${used[i]} times, expected ${r.count}`));
      });
    }
  });

  describe(`as of ${RECALL_DATE}: outdated wording presented as current is flagged`, () => {
    for (const row of RECALL) {
      it(`${row.file}:${row.line} ${row.ruleId} “${row.text}”`, function () {
        if (!dir) this.skip();
        const { text, doc, findings } = checked(row.file, RECALL_DATE);
        const line = doc.lineText(row.line - 1);
        assert.ok(line.includes(row.text), `line ${row.line} does not hold “${row.text}” (the row is stale)`);
        const mine = findings.filter((f) => f.ruleId === row.ruleId && doc.positionAt(f.start).line === row.line);
        const hit = mine.find((f) => FLAGGED.has(f.severity) && text.slice(f.start, f.end).includes(row.text));
        assert.ok(
          hit,
          `not flagged: ${row.ruleId} on line ${row.line} (${mine.map((f) => `${f.severity} “${text.slice(f.start, f.end)}”`).join('，') || 'no finding of the rule there'})`,
        );
      });
    }
  });
});
