/** Time per rule kind on ~1 MB of speech text (a diagnostic for `npm run bench` figures). */
import { performance } from 'perf_hooks';
import { check, RULE_MODULES } from '../src/core/check';
import { loadBuiltinDataset } from '../src/core/dataset';
import { speechText } from './run';

const text = speechText(2 ** 20);
loadBuiltinDataset();
check(text.slice(0, 10000), { date: '2026-06-01' });
for (const k of [...Object.keys(RULE_MODULES), '(all)']) {
  const t = performance.now();
  const n = check(text, { date: '2026-06-01', kinds: k === '(all)' ? undefined : [k] }).findings.length;
  console.log(`${k.padEnd(12)} ${(performance.now() - t).toFixed(1)} ms  ${n} findings`);
}
