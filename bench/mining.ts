/**
 * Mining throughput: builds a synthetic corpus of ≥ `mb` MB from the seed paragraphs (shuffled
 * deterministically, written to a temp dir as many files), mines it in-process, reports MB/s and peak RSS.
 * Run alone: npx tsx bench/mining.ts [MB]
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'fs';
import { tmpdir, cpus } from 'os';
import { join } from 'path';
import { mineDocuments } from '../src/mining/run';

export async function benchMining(opts: { mb?: number } = {}): Promise<{ mb: number; seconds: number; mbPerSec: number; peakRssMb: number }> {
  const target = (opts.mb ?? 50) * 1048576;
  const corpus = join(__dirname, '..', 'data', 'corpus');
  const paras = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => readFileSync(join(corpus, f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-mine-'));
  let bytes = 0;
  let file = 0;
  while (bytes < target) {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) lines.push(paras[Math.floor(rnd() * paras.length)]);
    const buf = Buffer.from(lines.join('\n') + '\n', 'utf8');
    writeFileSync(join(dir, `doc${String(file++).padStart(6, '0')}.txt`), buf);
    bytes += buf.length;
  }
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const t0 = process.hrtime.bigint();
  try {
    await mineDocuments([dir], { progress: () => void (peak = Math.max(peak, process.memoryUsage().rss)) });
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const mb = bytes / 1048576;
  return { mb: +mb.toFixed(1), seconds: +seconds.toFixed(1), mbPerSec: +(mb / seconds).toFixed(2), peakRssMb: Math.round(Math.max(peak, maxRss) / 1048576) };
}

if (require.main === module) {
  benchMining({ mb: Number(process.argv[2]) || 50 }).then((r) => {
    console.log(`mining: ${r.mb} MB in ${r.seconds} s = ${r.mbPerSec} MB/s, peak RSS ${r.peakRssMb} MB (${cpus().length} cores, Node ${process.version})`);
  });
}
