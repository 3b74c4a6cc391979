import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cleanDocument, type Line } from '../../src/mining/clean';
import { Miner } from '../../src/mining/miner';
import { serialize } from '../../src/mining/output';
import { mineDocuments } from '../../src/mining/run';
import { glossaryTerms, loadSegmenter } from '../../src/mining/segment';
import { run as mineCmd } from '../../src/cli/commands/mine';
import { UsageError } from '../../src/cli/io';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'data', 'corpus');
const EXTERNAL = [join(ROOT, '..', 'shared', 'external'), '/work/shared/external'].find((d) => existsSync(d));

/** This process's run directories under the OS temp dir. */
function ownRunDirs(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith(`gongwen-mine-${process.pid}-`));
}

describe('mining in bounded memory (sorted runs spilled to the temp dir, merged at the end)', function () {
  this.timeout(180_000);
  // the real texts, segmented once: the seed speeches and the public documents of ../shared/external
  const docs: { rel: string; lines: Line[]; tokens: string[][] }[] = [];
  before(() => {
    const jieba = loadSegmenter(glossaryTerms(ROOT));
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(CORPUS, f));
    if (EXTERNAL) files.push(...readdirSync(EXTERNAL).filter((f) => f.endsWith('.txt')).map((f) => join(EXTERNAL, f)));
    for (const f of files.sort()) {
      const lines = cleanDocument(readFileSync(f, 'utf8'));
      docs.push({ rel: f.split('/').pop()!, lines, tokens: lines.map((l) => jieba.cut(l.text, true)) });
    }
  });
  const fed = (chunkTokens?: number, tempDir?: string, fanIn?: number) => {
    const m = new Miner({ segmented: true, chunkTokens, tempDir, fanIn });
    for (const d of docs) m.addSegmented(d.rel, d.lines, d.tokens);
    return m;
  };

  it('a tiny budget spills many runs and gives the same patterns and model, byte for byte', () => {
    const whole = fed();
    assert.equal(whole.spilled.runs, 0);
    const expected = serialize(whole.finish());
    assert.ok(expected.includes('"model"'));
    // tokens of the stream: every token and one boundary per line
    const total = docs.reduce((n, d) => n + d.tokens.reduce((k, t) => k + t.length + 1, 0), 0);
    for (const chunk of [7, Math.floor(total / 80), Math.floor(total / 6)]) {
      const m = fed(chunk);
      const { runs, dir, bytes } = m.spilled;
      assert.ok(runs >= 3, `${chunk}: ${runs} runs`);
      assert.ok(bytes > 0 && dir && dir.startsWith(tmpdir()) && existsSync(dir), String(dir));
      const got = serialize(m.finish());
      assert.ok(!existsSync(dir), 'the runs are removed once merged');
      assert.ok(got === expected, `chunks of ${chunk} tokens: output differs from mining in one piece`);
    }
    // many runs merged three at a time while reading (levels of merged runs): still the same
    // (chunks end between documents: chunks of 7 tokens are one document each)
    const plain = fed(7);
    const m = fed(7, undefined, 3);
    assert.ok(plain.spilled.runs >= docs.length - 2 && m.spilled.runs < plain.spilled.runs / 2, `${plain.spilled.runs} runs, ${m.spilled.runs} left after merging`);
    assert.ok(m.spilled.bytes > 3 * plain.spilled.bytes, 'records were rewritten by the merges');
    plain.dispose();
    assert.ok(serialize(m.finish()) === expected, 'merged three at a time: output differs');
  });

  it('through the CLI path (segmenter thread): --memory 1 on the seed corpus gives data/patterns.json', async () => {
    const shipped = readFileSync(join(ROOT, 'data', 'patterns.json'), 'utf8');
    // the corpus is ~30 000 tokens: 600-token chunks make dozens of runs
    assert.equal(serialize(await mineDocuments([CORPUS], { chunkTokens: 600 })), shipped);
    assert.deepEqual(ownRunDirs(), []);
  });

  it('an error while reading removes the runs written so far', async () => {
    let seen: string[] = [];
    await assert.rejects(
      mineDocuments([CORPUS], {
        chunkTokens: 7,
        progress: ({ files }) => {
          if (files < 3) return;
          seen = ownRunDirs();
          throw new Error('中途出错');
        },
      }),
      /中途出错/,
    );
    assert.equal(seen.length, 1, 'a run directory existed when the error came');
    assert.deepEqual(ownRunDirs(), []);
    // dispose() without finish() (a caller giving up) does the same
    const m = fed(4000);
    const dir = m.spilled.dir!;
    assert.ok(existsSync(dir));
    m.dispose();
    assert.ok(!existsSync(dir));
  });

  it('a mining process ended by SIGTERM (the editor cancelling) removes its runs; one killed outright is cleaned by the next', async () => {
    const base = mkdtempSync(join(tmpdir(), 'gw-spill-test-'));
    try {
      const start = async () => {
        const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'spill-child.ts'), base], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        const dir = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (b: Buffer) => {
            out += b.toString();
            if (out.includes('\n')) resolve(out.trim());
          });
          child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
        });
        const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, sig) => resolve(sig)));
        return { child, dir, exited };
      };
      const a = await start();
      assert.ok(a.dir.startsWith(base) && existsSync(a.dir), a.dir);
      a.child.kill('SIGTERM');
      assert.equal(await a.exited, 'SIGTERM');
      assert.ok(!existsSync(a.dir), 'removed on SIGTERM');
      const b = await start();
      b.child.kill('SIGKILL');
      await b.exited;
      assert.ok(existsSync(b.dir), 'SIGKILL leaves no chance to clean up');
      // the next mining that spills removes the directory of the dead process
      const m = fed(50_000, base);
      assert.ok(!existsSync(b.dir), 'stale directory of a killed process removed');
      assert.ok(m.spilled.dir!.startsWith(base));
      m.dispose();
      assert.deepEqual(readdirSync(base), []);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('gongwen mine refuses a --memory that is not a positive whole number of MB', async () => {
    for (const bad of ['0', '-5', '1.5', 'x']) {
      await assert.rejects(
        mineCmd(['--memory', bad, CORPUS], { out: () => undefined, err: () => undefined, readStdin: async () => '' }),
        (e: unknown) => e instanceof UsageError && e.message.includes('--memory'),
      );
    }
  });
});
