/**
 * Time per rule kind on ~1 MB of speech text: a diagnostic for `npm run bench`. Each kind is run
 * alone with the shared pass (automaton and marks, text model, suppression); `(none)` is the
 * shared pass alone, `(all)` every kind. The sets are interleaved run by run for 40 rounds (this
 * shared machine has slow spells; interleaving spreads them over every set), the first 8 rounds
 * are warm-up, and the lower quartile of the rest is shown.
 */
import { performance } from 'perf_hooks';
import { check, RULE_MODULES } from '../src/core/check';
import { loadBuiltinDataset } from '../src/core/dataset';
import { speechText } from './run';

const text = speechText(2 ** 20);
loadBuiltinDataset();
const sets: Array<[string, string[] | undefined]> = [
  ['(none)', []],
  ...Object.keys(RULE_MODULES).map((k): [string, string[]] => [k, [k]]),
  ['(all)', undefined],
];
const times = new Map<string, number[]>(sets.map(([name]) => [name, []]));
const findings = new Map<string, number>();
for (let round = 0; round < 40; round++) {
  for (const [name, kinds] of sets) {
    const t = performance.now();
    const n = check(text, { date: '2026-06-01', kinds }).findings.length;
    if (round >= 8) times.get(name)!.push(performance.now() - t);
    findings.set(name, n);
  }
}
const lowerQuartile = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)];
const shared = lowerQuartile(times.get('(none)')!);
for (const [name] of sets) {
  const ms = lowerQuartile(times.get(name)!);
  const d = ms - shared;
  const extra = name === '(none)' ? '' : `  (${d >= 0 ? '+' : ''}${d.toFixed(1)} over the shared pass)`;
  console.log(`${name.padEnd(12)} ${ms.toFixed(1)} ms${extra}  ${findings.get(name)} findings`);
}
