/** Large input: chunked checking gives the same local findings, and the CLI says when it chunks. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check, checkInChunks } from '../../src/core/check';
import type { Finding } from '../../src/core/types';
import { runCli } from '../support/cli';
import { ROOT } from '../support/data';

const corpus = fs
  .readdirSync(path.join(ROOT, 'data', 'corpus'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(ROOT, 'data', 'corpus', f), 'utf8'))
  .join('\n');

const key = (f: Finding) => `${f.ruleId}@${f.start}-${f.end}:${f.fix?.text ?? ''}`;

describe('large input', () => {
  it('checking in chunks finds the same sentence-level problems as checking whole', () => {
    const text = (corpus + '\n').repeat(10);
    const kinds = ['formulation', 'collocation', 'punctuation', 'misquote'];
    const whole = check(text, { date: '2023-06-01', kinds }).findings.map(key);
    const parts: string[] = [];
    const r = checkInChunks(text, { date: '2023-06-01', kinds }, (fs) => parts.push(...fs.map(key)), 40_000);
    assert.ok(r.chunks >= 5, `${r.chunks} chunks`);
    assert.ok(whole.length > 300);
    // A pair split across a chunk cut may be reported unbalanced: compare everything else.
    const strip = (xs: string[]) => xs.filter((x) => !x.startsWith('punct-unbalanced'));
    assert.deepEqual(strip(parts), strip(whole));
  });
  it('a single 4 MB line is cut at sentence ends and every finding stays in range', () => {
    const line = corpus.replace(/\n/g, '');
    const text = line.repeat(Math.ceil((4 * 2 ** 20) / 3 / line.length));
    let n = 0;
    checkInChunks(text, { date: '2026-06-01', kinds: ['formulation'] }, (fs) => {
      for (const f of fs) {
        assert.ok(f.start >= 0 && f.end <= text.length);
        assert.ok(text.slice(f.start, f.end).length > 0);
        n++;
      }
    });
    assert.ok(n > 100);
  });
  it('the CLI checks a file over a million characters in chunks and says so', async () => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-big-')), 'big.txt');
    fs.writeFileSync(p, (corpus + '\n').repeat(Math.ceil(1_100_000 / corpus.length)));
    const r = await runCli(['check', '--format', 'json', p]);
    assert.match(r.err, /big\.txt: 文件较大（\d+\.\d MB），分块检查/);
    const arr = JSON.parse(r.out);
    assert.ok(arr.length > 1000);
  });
});
