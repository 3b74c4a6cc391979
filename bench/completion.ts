/**
 * Completion cost, as the editor pays it.
 * - Built-in data: every prefix of every paragraph of the seed corpus (as the extension would ask
 *   on each keystroke, with the paragraphs before as context), completed in-process with the
 *   shipped patterns, the canon and the dataset: p50/p99/max per request.
 * - With an archive of real text (../shared/external + the seeds, ~1.8 MB, mined at bench time in
 *   a temp dir and never kept): loading it as the editor does (read + parse + check the files the
 *   editor keeps after re-mining, src/mining/output.ts writeCompletionView, + build the completer
 *   with the built-in data already loaded + its first request) in a fresh process — wall time and the heap and RSS it adds —
 *   then the same per-request figures while typing the external documents.
 * Run alone: npx tsx bench/completion.ts
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Completer, loadCanon, loadCompletionDataset, loadPatterns, USER_WEIGHT, type PatternsSource } from '../src/core/completion';

const root = resolve(__dirname, '..');

export interface CompletionBench {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  constructorMs: number;
  archive?: {
    mb: number;
    patternsFileMb: number;
    loadMs: number;
    /** CPU time of the load (user + system, all threads: the GC works in parallel). */
    loadCpuMs: number;
    loadHeapMb: number;
    loadRssMb: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    requests: number;
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function timeTyping(completer: Completer, docs: string[][], maxPerDoc = Infinity): { p50: number; p99: number; max: number; n: number } {
  const times: number[] = [];
  for (const pars of docs) {
    let typed = 0;
    for (let k = 0; k < pars.length && typed < maxPerDoc; k++) {
      const p = pars[k];
      const context = pars.slice(Math.max(0, k - 80), k);
      for (let i = 0; i <= p.length; i++) {
        const s = performance.now();
        completer.complete(p.slice(0, i), { limit: 5, context });
        times.push(performance.now() - s);
      }
      typed += p.length;
    }
  }
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
  return { p50: r3(q(0.5)), p99: r3(q(0.99)), max: r3(times[times.length - 1]), n: times.length };
}

const paragraphs = (file: string) =>
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** In a fresh process: load the archive's patterns as the editor does; print JSON. */
function loadChild(file: string): void {
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const dataset = loadCompletionDataset();
  const builtin = loadPatterns();
  const canon = loadCanon();
  new Completer([{ patterns: builtin, weight: 1 }], dataset, { canon }).complete('坚持');
  const heap1 = process.memoryUsage().heapUsed;
  const rss1 = process.memoryUsage().rss;
  // what the archive adds: read, parse, check (and read its binary model), build the completer with it
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const user = loadPatterns(file);
  const c = new Completer([{ patterns: builtin, weight: 1 }, { patterns: user, weight: USER_WEIGHT }], dataset, { canon });
  c.complete('坚持');
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, heap: process.memoryUsage().heapUsed - heap1, rss: process.memoryUsage().rss - rss1, base: { heap: heap1 - heap0, rss: rss1 - rss0 }, keep: !!c }) + '\n');
}

export async function benchCompletion(opts: { archive?: boolean } = {}): Promise<CompletionBench> {
  const corpus = join(root, 'data', 'corpus');
  const seedFiles = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(corpus, f));
  const docs = seedFiles.map(paragraphs);
  const patterns = loadPatterns();
  const dataset = loadCompletionDataset();
  const canon = loadCanon();
  const t0 = performance.now();
  const completer = new Completer(patterns, dataset, { canon });
  const constructorMs = performance.now() - t0;
  // Warm-up: JIT and the caches see one document first, as they would in a long session.
  for (const p of docs[0]) for (let i = 0; i <= Math.min(p.length, 200); i += 7) completer.complete(p.slice(0, i));
  const b = timeTyping(completer, docs);
  const out: CompletionBench = { p50Ms: b.p50, p99Ms: b.p99, maxMs: b.max, requests: b.n, constructorMs: r3(constructorMs) };
  const ext = [join(root, '..', 'shared', 'external'), '/work/shared/external'].find((d) => existsSync(d));
  if (opts.archive !== false && ext) {
    const extFiles = readdirSync(ext)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(ext, f));
    const dir = mkdtempSync(join(tmpdir(), 'gw-bench-archive-'));
    try {
      const { mineDocuments } = await import('../src/mining/run');
      const { writeCompletionView } = await import('../src/mining/output');
      const mined = await mineDocuments([...extFiles, ...seedFiles]);
      const file = join(dir, 'archive.json');
      // the files as the editor keeps them after re-mining (see writeCompletionView)
      writeCompletionView(file, mined);
      const fileBytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
      const bytes = [...extFiles, ...seedFiles].reduce((s, f) => s + readFileSync(f).length, 0);
      const runs = [0, 1, 2, 3, 4].map(() => {
        const r = spawnSync(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', __filename, '--load', file], { cwd: root, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`load child failed: ${r.stderr.split('\n')[0]}`);
        return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number; heap: number; rss: number };
      });
      runs.sort((x, y) => x.ms - y.ms);
      const med = runs[2];
      const sources: PatternsSource[] = [
        { patterns, weight: 1 },
        { patterns: mined, weight: USER_WEIGHT },
      ];
      const c = new Completer(sources, dataset, { canon });
      const extDocs = extFiles.filter((_, i) => i % 4 === 1).map(paragraphs);
      for (const p of extDocs[0].slice(0, 3)) for (let i = 0; i <= p.length; i += 5) c.complete(p.slice(0, i));
      const a = timeTyping(c, extDocs, 3000);
      out.archive = {
        mb: r3(bytes / 2 ** 20),
        patternsFileMb: r3(fileBytes / 2 ** 20),
        loadMs: r3(med.ms),
        loadCpuMs: r3(med.cpuMs),
        loadHeapMb: r3(med.heap / 2 ** 20),
        loadRssMb: r3(med.rss / 2 ** 20),
        p50Ms: a.p50,
        p99Ms: a.p99,
        maxMs: a.max,
        requests: a.n,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (require.main === module) {
  if (process.argv[2] === '--load') loadChild(process.argv[3]);
  else benchCompletion().then((r) => console.log(JSON.stringify(r, null, 2)));
}
