/**
 * Completion quality (`npm run eval`). Mines in-process with the miner's API, then "types" held-out
 * text paragraph by paragraph and asks the completer at every character, as the editor would.
 *
 * Protocols (reference date DATE; top 5 offered):
 * 1. built-in only, leave one seed out: mine four seed speeches (data/corpus), type the fifth.
 * 2. with an archive, seeds: the four seeds as built-in data plus ../shared/external/ mined as the
 *    user's archive (weighted USER_WEIGHT), type the fifth seed.
 * 3. with an archive, held-out external documents: the five seeds as built-in data plus the
 *    external documents except the held-out one (and its other copies of the same date) as the
 *    archive; type a sample of the held-out document's paragraphs (every k-th, about SAMPLE_CHARS).
 * 4. the canonical-continuation set (bench/canon-set.json): prefixes a drafter types and what they
 *    expect; built-in data only; share with the expected text among the top 5 (and first).
 *
 * Measures:
 * - keystroke savings: at each position the top 5 suggestions; accepting the one at rank r costs r
 *   keystrokes and skips its length (the best that saves something, only if the text goes on with
 *   it), else typing one character costs one. savings = 1 − keystrokes / characters.
 * - hit@1 / hit@5 of the next phrase: at every word start (jieba segmentation of the typed text),
 *   whether the top 1 / top 5 hold a suggestion (≥ 2 characters) the text goes on with.
 *   offered = word starts with any suggestion; prec@1 = top suggestion right when one is offered.
 * - latency per request (the completer's whole `complete`), mean and p99.
 * Real text is read from ../shared/external (or /work/shared/external) at run time; nothing mined
 * from it is written. Writes bench/results/eval.json. Options: --quick (fewer documents, shorter
 * samples), --canon FILE (a canon list other than data/canon.json), --only 2,3 (only these protocols;
 * writes bench/results/eval-partial.json).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join, resolve } from 'path';
import { Completer, loadCanon, loadCompletionDataset, USER_WEIGHT, type CanonEntry, type PatternsSource } from '../src/core/completion';
import type { Dataset } from '../src/core/dataset';
import { emptyPatterns, type Patterns } from '../src/core/patterns';
import { mineDocuments } from '../src/mining/run';
import { loadSegmenter } from '../src/mining/segment';

const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const canonArg = args.indexOf('--canon') >= 0 ? args[args.indexOf('--canon') + 1] : undefined;
/** --only 1,2: run only these protocols (the others' rows are left out of the output file). */
const only = args.indexOf('--only') >= 0 ? new Set(args[args.indexOf('--only') + 1].split(',').map(Number)) : undefined;
const runs = (k: number) => !only || only.has(k);
const DATE = '2026-12-01';
const SAMPLE_CHARS = quick ? 1500 : 5000;
const corpusDir = join(root, 'data', 'corpus');
const seeds = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join(corpusDir, f));

export function externalDir(): string | undefined {
  for (const d of [join(root, '..', 'shared', 'external'), '/work/shared/external']) if (existsSync(d)) return d;
  return undefined;
}

interface Row {
  doc: string;
  chars: number;
  keystrokes: number;
  savings: number;
  accepted: number;
  wordStarts: number;
  hit1: number;
  hit5: number;
  offered: number;
  prec1: number;
  requests: number;
  meanMs: number;
  p99Ms: number;
  /** per-request times (not written) */
  times?: number[];
}

function paragraphs(file: string): string[] {
  return readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

type Cut = (s: string) => string[];
const pct = (x: number) => Math.round(x * 1000) / 10;

/** Type `pars` (indices `which` of them, the others only as context) with `completer`. */
function evaluate(doc: string, pars: string[], which: number[], completer: Completer, cut: Cut): Row {
  let chars = 0;
  let keystrokes = 0;
  let accepted = 0;
  let wordStarts = 0;
  let hit1 = 0;
  let hit5 = 0;
  let offered = 0;
  const times: number[] = [];
  const ask = (prefix: string, context: string[]) => {
    const t = performance.now();
    const s = completer.complete(prefix, { limit: 5, context });
    times.push(performance.now() - t);
    return s;
  };
  for (const k of which) {
    const p = pars[k];
    const context = pars.slice(Math.max(0, k - 20), k);
    chars += p.length;
    let pos = 0;
    while (pos < p.length) {
      const s = ask(p.slice(0, pos), context);
      const rest = p.slice(pos);
      let best = -1;
      let gain = 0;
      s.forEach((x, r) => {
        const g = x.insert.length - (r + 1);
        if (g > gain && rest.startsWith(x.insert)) {
          gain = g;
          best = r;
        }
      });
      if (best >= 0) {
        keystrokes += best + 1;
        pos += s[best].insert.length;
        accepted++;
      } else {
        keystrokes++;
        pos++;
      }
    }
    let at = 0;
    for (const w of cut(p)) {
      const start = at;
      at += w.length;
      if (!/[\u3400-\u9fff]/.test(w)) continue;
      wordStarts++;
      const s = ask(p.slice(0, start), context);
      const rest = p.slice(start);
      const good = (x: { insert: string }) => x.insert.length >= 2 && rest.startsWith(x.insert);
      if (s.length) offered++;
      if (s.length && good(s[0])) hit1++;
      if (s.some(good)) hit5++;
    }
  }
  return row(doc, { chars, keystrokes, accepted, wordStarts, hit1, hit5, offered, times });
}

function row(doc: string, r: { chars: number; keystrokes: number; accepted: number; wordStarts: number; hit1: number; hit5: number; offered: number; times: number[] }): Row {
  const sorted = [...r.times].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return {
    doc,
    chars: r.chars,
    keystrokes: r.keystrokes,
    savings: pct(1 - r.keystrokes / Math.max(1, r.chars)),
    accepted: r.accepted,
    wordStarts: r.wordStarts,
    hit1: pct(r.hit1 / Math.max(1, r.wordStarts)),
    hit5: pct(r.hit5 / Math.max(1, r.wordStarts)),
    offered: pct(r.offered / Math.max(1, r.wordStarts)),
    prec1: pct(r.offered ? r.hit1 / r.offered : 0),
    requests: sorted.length,
    meanMs: Math.round(mean * 1000) / 1000,
    p99Ms: Math.round((sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0) * 1000) / 1000,
    times: r.times,
  };
}

function total(name: string, rows: Row[]): Row {
  const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
  const ws = sum((r) => r.wordStarts);
  return row(name, {
    chars: sum((r) => r.chars),
    keystrokes: sum((r) => r.keystrokes),
    accepted: sum((r) => r.accepted),
    wordStarts: ws,
    hit1: Math.round(sum((r) => (r.hit1 * r.wordStarts) / 100)),
    hit5: Math.round(sum((r) => (r.hit5 * r.wordStarts) / 100)),
    offered: Math.round(sum((r) => (r.offered * r.wordStarts) / 100)),
    times: rows.flatMap((r) => r.times ?? []),
  });
}

function table(title: string, rows: Row[]): string {
  const lines = [`\n### ${title}\n`, '| 文档 | 字数 | 击键 | 击键节省 | 采纳 | 词首 | hit@1 | hit@5 | 有建议 | 首选准确率 | 请求 | 平均 ms | p99 ms |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.doc} | ${r.chars} | ${r.keystrokes} | ${r.savings}% | ${r.accepted} | ${r.wordStarts} | ${r.hit1}% | ${r.hit5}% | ${r.offered}% | ${r.prec1}% | ${r.requests} | ${r.meanMs} | ${r.p99Ms} |`);
  }
  return lines.join('\n');
}

const short = (f: string) => f.split('/').pop()!.replace(/\.txt$/, '');

/** Every k-th paragraph of a document, about `chars` characters in all (at least one). */
function sample(pars: string[], chars: number): number[] {
  const total = pars.reduce((s, p) => s + p.length, 0);
  const k = Math.max(1, Math.floor(total / chars));
  const out: number[] = [];
  let got = 0;
  for (let i = Math.floor(k / 2); i < pars.length && got < chars; i += k) {
    out.push(i);
    got += pars[i].length;
  }
  return out.length ? out : [0];
}

export interface CanonCase {
  prefix: string;
  expect: string[];
  note?: string;
}

function canonSet(completer: Completer): { cases: number; top1: number; top5: number; misses: { prefix: string; expect: string[]; got: string[] }[] } {
  const set = JSON.parse(readFileSync(join(root, 'bench', 'canon-set.json'), 'utf8')) as { cases: CanonCase[] };
  let top1 = 0;
  let top5 = 0;
  const misses: { prefix: string; expect: string[]; got: string[] }[] = [];
  for (const c of set.cases) {
    const s = completer.complete(c.prefix, { limit: 5 }).map((x) => x.insert);
    const good = (ins: string) => c.expect.some((e) => ins.startsWith(e));
    if (s.length && good(s[0])) top1++;
    if (s.some(good)) top5++;
    else misses.push({ prefix: c.prefix, expect: c.expect, got: s });
  }
  return { cases: set.cases.length, top1, top5, misses };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const dataset: Dataset = loadCompletionDataset();
  const canon: CanonEntry[] = loadCanon(canonArg);
  const jieba = loadSegmenter();
  const cut: Cut = (s) => jieba.cut(s, true);
  const quiet = { warn: () => undefined };
  const mk = (list: PatternsSource[]) => new Completer(list, dataset, { date: DATE, canon });
  const mine = (files: string[]) => mineDocuments(files, quiet);
  const out: Record<string, unknown> = { date: DATE, limit: 5, userWeight: USER_WEIGHT, canonEntries: canon.length, canonFile: canonArg ?? 'data/canon.json' };
  const log = (s: string) => {
    console.log(s);
  };
  log(`# 补全质量评估（参考日期 ${DATE}，前 5 条建议；规范提法 ${canon.length} 条；${cpus().length} 核 ${cpus()[0]?.model ?? ''}，${Math.round(totalmem() / 2 ** 30)} GB，Node ${process.version}）`);

  // 1. built-in only, leave one seed out
  const builtinRows: Row[] = [];
  const fourSeeds = new Map<string, Patterns>();
  for (const held of runs(1) || runs(2) ? seeds : []) {
    const train = await mine(seeds.filter((f) => f !== held));
    fourSeeds.set(held, train);
    if (!runs(1)) continue;
    const pars = paragraphs(held);
    builtinRows.push(evaluate(short(held), pars, pars.map((_, i) => i), mk([{ patterns: train, weight: 1 }]), cut));
  }
  if (runs(1)) {
    const builtinTotal = total('合计（留一）', builtinRows);
    log(table('1. 仅内置数据：四篇种子挖掘，键入第五篇', [...builtinRows, builtinTotal]));
    out.builtinLeaveOneOut = { perDocument: builtinRows.map(strip), overall: strip(builtinTotal) };
  }

  const ext = externalDir();
  if (ext && (runs(2) || runs(3))) {
    const extFiles = readdirSync(ext)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(ext, f));
    // 2. with the archive: the seeds
    const archive = runs(2) ? await mine(extFiles) : undefined;
    const seedRows: Row[] = [];
    for (const held of archive ? seeds : []) {
      const pars = paragraphs(held);
      seedRows.push(evaluate(short(held), pars, pars.map((_, i) => i), mk([{ patterns: fourSeeds.get(held)!, weight: 1 }, { patterns: archive!, weight: USER_WEIGHT }]), cut));
    }
    if (archive) {
      const seedTotal = total('合计（留一）', seedRows);
      log(table(`2. 内置（四篇种子）+ 档案（外部 ${extFiles.length} 篇），键入第五篇种子`, [...seedRows, seedTotal]));
      out.archiveSeeds = { archiveDocuments: extFiles.length, perDocument: seedRows.map(strip), overall: strip(seedTotal) };
    }

    // 3. with the archive: held-out external documents
    const allSeeds = runs(3) ? await mine(seeds) : emptyPatterns();
    const originals = extFiles.filter((f) => !/-alt-/.test(f));
    const step = quick ? 6 : 3;
    const held = runs(3) ? originals.filter((_, i) => i % step === 1) : [];
    const extRows: Row[] = [];
    for (const h of held) {
      const date = short(h).slice(0, 10);
      const train = extFiles.filter((f) => !short(f).startsWith(date));
      const user = await mine(train);
      const pars = paragraphs(h);
      extRows.push(evaluate(short(h), pars, sample(pars, SAMPLE_CHARS), mk([{ patterns: allSeeds, weight: 1 }, { patterns: user, weight: USER_WEIGHT }]), cut));
    }
    const extTotal = total(`合计（${held.length} 篇留出）`, extRows);
    if (runs(3)) log(table(`3. 内置（五篇种子）+ 档案（外部文档去掉留出的一篇及其同日副本），键入留出文档的抽样段落（每篇约 ${SAMPLE_CHARS} 字）`, [...extRows, extTotal]));
    if (runs(3)) out.archiveHeldOut = { sampleChars: SAMPLE_CHARS, perDocument: extRows.map(strip), overall: strip(extTotal) };
  } else if (!ext) {
    log('\n（找不到 ../shared/external：跳过档案评估）');
  }

  // 4. canonical set, built-in only
  if (runs(4)) {
    const allSeeds = await mine(seeds);
    const cs = canonSet(mk([{ patterns: allSeeds, weight: 1 }]));
    log(`\n### 4. 规范提法续写集（${cs.cases} 条，仅内置数据）\n\n前 5 条命中 ${cs.top5}/${cs.cases}（${pct(cs.top5 / cs.cases)}%），首条命中 ${cs.top1}/${cs.cases}（${pct(cs.top1 / cs.cases)}%）`);
    for (const m of cs.misses) log(`- 未命中：${m.prefix} → ${m.expect.join(' / ')}；得到：${m.got.join(' | ') || '（无）'}`);
    out.canonSet = cs;
  }

  log(`\n总耗时 ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', quick ? 'eval-quick.json' : only ? 'eval-partial.json' : 'eval.json'), JSON.stringify(out, null, 2) + '\n');
}

function strip(r: Row): Omit<Row, 'times'> {
  const { times: _t, ...rest } = r;
  return rest;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
