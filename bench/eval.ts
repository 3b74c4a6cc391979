/**
 * Completion quality, leave-one-document-out over data/corpus: mine the other documents with the
 * miner's in-process API, then "type" the held-out document paragraph by paragraph.
 *
 * - Keystroke savings: at each position take the top 5 suggestions; if one is a prefix of the
 *   remaining paragraph, accepting the one at rank r costs r keystrokes and skips its length
 *   (the best such one, only when it saves something); otherwise typing one character costs one.
 *   savings = 1 − keystrokes / characters.
 * - hit@1 / hit@5 of the next phrase: at every word start (jieba segmentation of the held-out text),
 *   whether the top 1 / top 5 suggestions contain one (≥ 2 characters) that the text continues with.
 *   offered = word starts with any suggestion; prec@1 = top suggestion right when one is offered.
 * A last row mines all five documents (in-sample, for comparison only: it overstates quality).
 * Writes bench/results/eval.json. Run: npm run eval
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Completer, loadCompletionDataset } from '../src/core/completion';
import type { Patterns } from '../src/core/patterns';
import { mineDocuments } from '../src/mining/run';
import { loadSegmenter } from '../src/mining/segment';

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
  ms: number;
}

const root = join(__dirname, '..');
const corpusDir = join(root, 'data', 'corpus');
const files = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

function paragraphs(file: string): string[] {
  return readFileSync(join(corpusDir, file), 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

type Cut = (s: string) => string[];

function evaluate(doc: string, completer: Completer, cut: Cut): Row {
  const pars = paragraphs(doc);
  let chars = 0;
  let keystrokes = 0;
  let accepted = 0;
  let requests = 0;
  let wordStarts = 0;
  let hit1 = 0;
  let hit5 = 0;
  let offered = 0;
  const t0 = performance.now();
  for (let k = 0; k < pars.length; k++) {
    const p = pars[k];
    const context = pars.slice(Math.max(0, k - 20), k);
    chars += p.length;
    // keystroke simulation
    let pos = 0;
    while (pos < p.length) {
      const s = completer.complete(p.slice(0, pos), { limit: 5, context });
      requests++;
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
    // next-phrase hits at word starts
    let at = 0;
    for (const w of cut(p)) {
      const start = at;
      at += w.length;
      if (!/[\u3400-\u9fff]/.test(w)) continue;
      wordStarts++;
      const s = completer.complete(p.slice(0, start), { limit: 5, context });
      requests++;
      const rest = p.slice(start);
      const good = (x: { insert: string }) => x.insert.length >= 2 && rest.startsWith(x.insert);
      if (s.length) offered++;
      if (s.length && good(s[0])) hit1++;
      if (s.some(good)) hit5++;
    }
  }
  const ms = performance.now() - t0;
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return {
    doc,
    chars,
    keystrokes,
    savings: pct(1 - keystrokes / chars),
    accepted,
    wordStarts,
    hit1: pct(hit1 / wordStarts),
    hit5: pct(hit5 / wordStarts),
    offered: pct(offered / wordStarts),
    prec1: pct(offered ? hit1 / offered : 0),
    requests,
    ms: Math.round(ms),
  };
}

function total(name: string, rows: Row[]): Row {
  const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
  const chars = sum((r) => r.chars);
  const keystrokes = sum((r) => r.keystrokes);
  const ws = sum((r) => r.wordStarts);
  const h1 = sum((r) => (r.hit1 * r.wordStarts) / 100);
  const h5 = sum((r) => (r.hit5 * r.wordStarts) / 100);
  const off = sum((r) => (r.offered * r.wordStarts) / 100);
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return {
    doc: name,
    chars,
    keystrokes,
    savings: pct(1 - keystrokes / chars),
    accepted: sum((r) => r.accepted),
    wordStarts: ws,
    hit1: pct(h1 / ws),
    hit5: pct(h5 / ws),
    offered: pct(off / ws),
    prec1: pct(off ? h1 / off : 0),
    requests: sum((r) => r.requests),
    ms: sum((r) => r.ms),
  };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const dataset = loadCompletionDataset();
  const jieba = loadSegmenter();
  const cut: Cut = (s) => jieba.cut(s, true);
  const date = '2026-01-01';
  const rows: Row[] = [];
  const quiet = { warn: () => undefined };
  for (const held of files) {
    const train = files.filter((f) => f !== held).map((f) => join(corpusDir, f));
    const patterns: Patterns = await mineDocuments(train, quiet);
    rows.push(evaluate(held, new Completer(patterns, dataset, { date }), cut));
  }
  const overall = total('合计（留一）', rows);
  const all = await mineDocuments(files.map((f) => join(corpusDir, f)), quiet);
  const inSample = total('对照：全语料挖掘（样本内）', files.map((f) => evaluate(f, new Completer(all, dataset, { date }), cut)));

  const head = '| 文档 | 字数 | 击键 | 击键节省 | 采纳次数 | 词首数 | hit@1 | hit@5 | 有建议 | 首选准确率 |';
  const lines = [head, '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of [...rows, overall, inSample]) {
    lines.push(`| ${r.doc} | ${r.chars} | ${r.keystrokes} | ${r.savings}% | ${r.accepted} | ${r.wordStarts} | ${r.hit1}% | ${r.hit5}% | ${r.offered}% | ${r.prec1}% |`);
  }
  console.log(lines.join('\n'));
  const requests = [...rows].reduce((s, r) => s + r.requests, 0);
  const ms = rows.reduce((s, r) => s + r.ms, 0);
  console.log(`\n留一评估：${requests} 次补全请求，平均 ${(ms / requests).toFixed(3)} ms；总耗时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(root, 'bench', 'results', 'eval.json'),
    JSON.stringify({ method: 'leave-one-document-out', limit: 5, date, perDocument: rows, overall, inSample }, null, 2) + '\n',
  );
}

main().catch((e) => {
  console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
