/**
 * Re-mining completion patterns from folders of past drafts (command gongwen.remine). Loaded only
 * when the command runs: the Miner requires the native segmenter nodejieba.
 */
import * as fs from 'fs';
import { listDocuments, readDocument } from '../mining/files';
import { Miner } from '../mining/miner';
import { dataset } from './engine';

export async function mineFolders(
  folders: string[],
  outFile: string,
  ui: { report: (message: string, increment: number) => void; cancelled: () => boolean },
): Promise<number> {
  const ds = await dataset();
  const userWords = ds.glossary.entries.flatMap((e) => [e.term, ...(e.aliases ?? [])]);
  const miner = new Miner({ userWords });
  const docs = listDocuments(folders);
  let n = 0;
  for (const d of docs) {
    if (ui.cancelled()) return n;
    try {
      const { text, markdown } = await readDocument(d);
      miner.addDocument(d.rel, text, { markdown });
      n++;
    } catch {
      // unreadable file (bad .docx…): skipped, as the CLI does
    }
    ui.report(d.rel, 100 / Math.max(1, docs.length));
    await new Promise((r) => setImmediate(r));
  }
  if (ui.cancelled()) return n;
  const tmp = `${outFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(miner.finish()));
  fs.renameSync(tmp, outFile);
  return n;
}
