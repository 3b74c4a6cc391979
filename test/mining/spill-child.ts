/**
 * Child process of spill.test.ts: mines the seed corpus (split into characters: no segmenter
 * needed) with a tiny budget and the temp dir base given, prints the run directory once a run is
 * written, then waits to be ended by a signal.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { cleanDocument } from '../../src/mining/clean';
import { Miner } from '../../src/mining/miner';

const base = process.argv[2];
const corpus = join(__dirname, '..', '..', 'data', 'corpus');
const m = new Miner({ segmented: true, chunkTokens: 7, tempDir: base });
for (const f of readdirSync(corpus).filter((x) => x.endsWith('.txt')).sort()) {
  const lines = cleanDocument(readFileSync(join(corpus, f), 'utf8'));
  m.addSegmented(f, lines, lines.map((l) => Array.from(l.text)));
  if (m.spilled.runs > 0) break;
}
process.stdout.write(`${m.spilled.dir}\n`);
setInterval(() => undefined, 1000);
