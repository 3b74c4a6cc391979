/**
 * What one check allocates per MB of text, in a child process whose young generation is larger
 * than anything a check makes (`--max-semi-space-size=1024 --min-semi-space-size=1024`), so that
 * no collection runs during the check and the heap's growth is what the check allocated (whatever
 * is garbage by its end included). Unlike time, this figure does not depend on what else the
 * machine is doing: it tells whether a change made the check allocate less.
 *
 *   node --expose-gc --max-semi-space-size=1024 --min-semi-space-size=1024 --import tsx bench/alloc.ts 1 8
 *
 * Prints JSON: per size, the kilobytes allocated per MB of text (least of three checks) and the
 * findings.
 */
import v8 from 'v8';
import { check } from '../src/core/check';
import { loadBuiltinDataset } from '../src/core/dataset';
import { speechText } from './run';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const used = () => v8.getHeapSpaceStatistics().reduce((a, s) => a + s.space_used_size, 0);

loadBuiltinDataset();
const out: Array<{ mb: number; kbPerMb: number; findings: number }> = [];
for (const mb of process.argv.slice(2).map(Number)) {
  const text = speechText(mb * 2 ** 20);
  let findings = 0;
  for (let i = 0; i < 4; i++) findings = check(text, { date: '2026-06-01' }).findings.length; // warm
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    gc();
    const before = used();
    check(text, { date: '2026-06-01' });
    least = Math.min(least, used() - before);
  }
  out.push({ mb, kbPerMb: Math.round(least / mb / 1024), findings });
}
console.log(JSON.stringify(out));
