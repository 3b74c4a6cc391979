/**
 * Mining throughput, growth and memory.
 *
 * - Real, varied text: the public documents of ../shared/external (or /work/shared/external) plus
 *   the seed speeches (data/corpus), read at bench time and never written anywhere but a temp dir.
 *   Mined as a quarter, a half and all of the set (documents in a fixed shuffled order), and the
 *   set repeated four and sixteen times with the documents shuffled (each copy a separate file):
 *   past the counting budget (64 MB, ~2 M tokens) mining spills sorted runs to a temp dir, so
 *   peak memory should stay flat from ×4 to ×16.
 * - Synthetic: ≥ `mb` MB built from the seed paragraphs (shuffled deterministically, ~60 lines per
 *   file), as before.
 * Each run mines in a fresh child process (so its peak RSS is its own) and reports wall time, the
 * segmenter's one-off dictionary load (nodejieba, ~300 MB of the RSS), the mining time without it,
 * CPU time, MB/s and peak RSS. Growth = time per MB of the whole set ÷ time per MB of a quarter.
 * Progress goes to stderr. Run alone: npx tsx bench/mining.ts [--synthetic MB] [--quick]
 */
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join, resolve } from 'path';

const root = resolve(__dirname, '..');

export interface MiningRun {
  what: string;
  files: number;
  mb: number;
  /** Whole run in the child: segmenter load + reading + mining + finishing. */
  wallSeconds: number;
  segmenterSeconds: number;
  /** Without the segmenter's dictionary load. */
  miningSeconds: number;
  cpuSeconds: number;
  mbPerSec: number;
  mbPerSecEndToEnd: number;
  secondsPerMb: number;
  peakRssMb: number;
}

/** In the child: mine `dir`, print the measurements as JSON on stdout. */
async function child(dir: string): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { mineDocuments } = require('../src/mining/run') as typeof import('../src/mining/run');
  const { glossaryTerms } = require('../src/mining/segment') as typeof import('../src/mining/segment');
  const { serialize } = require('../src/mining/output') as typeof import('../src/mining/output');
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const t0 = performance.now();
  let t1 = t0;
  let last = 0;
  const p = await mineDocuments([dir], {
    userWords: glossaryTerms(root),
    // the segmenter's dictionary is loaded (in its worker thread) when the first file is read
    onStart: () => (t1 = performance.now()),
    progress: ({ files, totalFiles, bytes, totalBytes }) => {
      const now = performance.now();
      if (now - last < 2000 && files < totalFiles) return;
      last = now;
      process.stderr.write(`  挖掘进度：${files}/${totalFiles} 个文件，${(bytes / 2 ** 20).toFixed(1)}/${(totalBytes / 2 ** 20).toFixed(1)} MB\n`);
    },
  });
  const text = serialize(p);
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({
      wall: (t2 - t0) / 1000,
      segmenter: (t1 - t0) / 1000,
      cpu: cpu(),
      maxRss: process.resourceUsage().maxRSS * 1024,
      output: text.length,
      phrases: p.phrases.length,
    }) + '\n',
  );
}

function runChild(what: string, dir: string): MiningRun {
  const files = readdirSync(dir).length;
  let bytes = 0;
  for (const f of readdirSync(dir)) bytes += statSync(join(dir, f)).size;
  process.stderr.write(`挖掘：${what}（${files} 个文件，${(bytes / 2 ** 20).toFixed(2)} MB）\n`);
  const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', __filename, '--child', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`mining child failed for ${what}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { wall: number; segmenter: number; cpu: number; maxRss: number };
  const mb = bytes / 2 ** 20;
  const mining = j.wall - j.segmenter;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    what,
    files,
    mb: r2(mb),
    wallSeconds: r2(j.wall),
    segmenterSeconds: r2(j.segmenter),
    miningSeconds: r2(mining),
    cpuSeconds: r2(j.cpu),
    mbPerSec: r2(mb / mining),
    mbPerSecEndToEnd: r2(mb / j.wall),
    secondsPerMb: r2(mining / mb),
    peakRssMb: Math.round(j.maxRss / 2 ** 20),
  };
}

export function externalDir(): string | undefined {
  for (const d of [join(root, '..', 'shared', 'external'), '/work/shared/external']) if (existsSync(d)) return d;
  return undefined;
}

/** A deterministic shuffle (LCG). */
function shuffled<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export interface RealMiningBench {
  runs: MiningRun[];
  /** Time per MB of the whole set ÷ of a quarter of it (mining without the segmenter load). */
  growthQuarterToAll: number;
  /** Time per MB of the set ×4 ÷ of the set. */
  growthAllToFour: number;
  /** Time per MB of the set ×16 ÷ of the set ×4. */
  growthFourToSixteen: number;
}

export function benchRealMining(opts: { quick?: boolean } = {}): RealMiningBench | undefined {
  const ext = externalDir();
  if (!ext) return undefined;
  const corpus = join(root, 'data', 'corpus');
  const docs = [
    ...readdirSync(ext)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(ext, f)),
    ...readdirSync(corpus)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(corpus, f)),
  ].sort();
  const order = shuffled(docs, 7);
  const total = order.reduce((s, f) => s + statSync(f).size, 0);
  const dirs: string[] = [];
  const setOf = (share: number, copies = 1): string => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-bench-real-'));
    dirs.push(dir);
    for (let c = 0; c < copies; c++) {
      let bytes = 0;
      for (const f of c === 0 ? order : shuffled(order, 100 + c)) {
        if (bytes >= share * total) break;
        copyFileSync(f, join(dir, `${c}-${f.split('/').pop()}`));
        bytes += statSync(f).size;
      }
    }
    return dir;
  };
  try {
    const runs: MiningRun[] = [];
    runs.push(runChild('真实文本 1/4', setOf(0.25)));
    if (!opts.quick) runs.push(runChild('真实文本 1/2', setOf(0.5)));
    runs.push(runChild('真实文本全部（外部 32 篇 + 种子 5 篇）', setOf(1.01)));
    if (!opts.quick) runs.push(runChild('真实文本 ×4（文档顺序打乱）', setOf(1.01, 4)));
    if (!opts.quick) runs.push(runChild('真实文本 ×16（文档顺序打乱）', setOf(1.01, 16)));
    const q = runs[0];
    const all = runs.find((r) => r.what.startsWith('真实文本全部'))!;
    const four = runs.find((r) => r.what.includes('×4'));
    const sixteen = runs.find((r) => r.what.includes('×16'));
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      runs,
      growthQuarterToAll: r2(all.secondsPerMb / q.secondsPerMb),
      growthAllToFour: four ? r2(four.secondsPerMb / all.secondsPerMb) : NaN,
      growthFourToSixteen: four && sixteen ? r2(sixteen.secondsPerMb / four.secondsPerMb) : NaN,
    };
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** The synthetic corpus: seed paragraphs shuffled into files of ~60 lines, ≥ `mb` MB. */
export function benchMining(opts: { mb?: number } = {}): MiningRun {
  const target = (opts.mb ?? 50) * 2 ** 20;
  const corpus = join(root, 'data', 'corpus');
  const paras = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => readFileSync(join(corpus, f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-mine-'));
  let bytes = 0;
  let file = 0;
  try {
    while (bytes < target) {
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) lines.push(paras[Math.floor(rnd() * paras.length)]);
      const buf = Buffer.from(lines.join('\n') + '\n', 'utf8');
      writeFileSync(join(dir, `doc${String(file++).padStart(6, '0')}.txt`), buf);
      bytes += buf.length;
    }
    return runChild(`合成语料 ${opts.mb ?? 50} MB（种子段落打乱）`, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function miningTable(runs: MiningRun[]): string {
  const lines = ['| 语料 | 文件 | MB | 总用时 s | 其中分词词典加载 s | 挖掘 s | CPU s | 挖掘 MB/s | 端到端 MB/s | 每 MB 秒数 | 峰值内存 MB |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of runs) {
    lines.push(`| ${r.what} | ${r.files} | ${r.mb} | ${r.wallSeconds} | ${r.segmenterSeconds} | ${r.miningSeconds} | ${r.cpuSeconds} | ${r.mbPerSec} | ${r.mbPerSecEndToEnd} | ${r.secondsPerMb} | ${r.peakRssMb} |`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args[1]).catch((e) => {
      process.stderr.write(`mining child: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
  } else {
    const quick = args.includes('--quick');
    const synth = args.indexOf('--synthetic') >= 0 ? Number(args[args.indexOf('--synthetic') + 1]) : quick ? 5 : 50;
    const real = benchRealMining({ quick });
    const runs = [...(real?.runs ?? []), benchMining({ mb: synth })];
    console.log(`\n机器：${cpus().length} 核 ${cpus()[0]?.model ?? ''}，Node ${process.version}\n`);
    console.log(miningTable(runs));
    if (real) console.log(`\n增长（挖掘每 MB 用时）：全部 ÷ 1/4 = ${real.growthQuarterToAll}；×4 ÷ 全部 = ${real.growthAllToFour}；×16 ÷ ×4 = ${real.growthFourToSixteen}`);
  }
}
