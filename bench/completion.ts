/**
 * Completion latency: every prefix of every paragraph of the seed corpus (as the extension would
 * ask on each keystroke), completed in-process with the shipped patterns and dataset.
 * Run alone: npx tsx bench/completion.ts
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Completer, loadCompletionDataset, loadPatterns } from '../src/core/completion';

export interface CompletionBench {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  constructorMs: number;
}

export function benchCompletion(): CompletionBench {
  const corpus = join(__dirname, '..', 'data', 'corpus');
  const docs = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(corpus, f), 'utf8').split(/\r?\n/).map((l) => l.trimEnd()));
  const patterns = loadPatterns();
  const dataset = loadCompletionDataset();
  const t0 = performance.now();
  const completer = new Completer(patterns, dataset);
  const constructorMs = performance.now() - t0;
  // Warm-up: JIT and the filter cache see one document first, as they would in a long session.
  for (const p of docs[0]) for (let i = 0; i <= Math.min(p.length, 200); i += 7) completer.complete(p.slice(0, i));
  const times: number[] = [];
  for (const pars of docs) {
    for (let k = 0; k < pars.length; k++) {
      const p = pars[k];
      const context = pars.slice(Math.max(0, k - 20), k);
      for (let i = 0; i <= p.length; i++) {
        const prefix = p.slice(0, i);
        const s = performance.now();
        completer.complete(prefix, { limit: 5, context });
        times.push(performance.now() - s);
      }
    }
  }
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { p50Ms: r3(q(0.5)), p99Ms: r3(q(0.99)), maxMs: r3(times[times.length - 1]), requests: times.length, constructorMs: r3(constructorMs) };
}

if (require.main === module) console.log(JSON.stringify(benchCompletion()));
