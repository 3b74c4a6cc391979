/**
 * Time per rule kind on ~1 MB of speech text: a diagnostic for `npm run bench`. Each kind is run
 * alone (with the shared pass: automaton, text model, suppression), after 30 warm-up runs; the
 * median of 21 runs is shown. `(none)` is the shared pass alone.
 */
import { performance } from 'perf_hooks';
import { check, RULE_MODULES } from '../src/core/check';
import { loadBuiltinDataset } from '../src/core/dataset';
import { speechText } from './run';

const text = speechText(2 ** 20);
loadBuiltinDataset();
for (const k of ['(none)', ...Object.keys(RULE_MODULES), '(all)']) {
  const kinds = k === '(all)' ? undefined : k === '(none)' ? [] : [k];
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 51; i++) {
    const t = performance.now();
    n = check(text, { date: '2026-06-01', kinds }).findings.length;
    if (i >= 30) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${k.padEnd(12)} ${times[10].toFixed(1)} ms  ${n} findings`);
}
