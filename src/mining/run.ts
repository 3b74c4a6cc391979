/** Mining a set of paths end to end (used by the CLI and the benchmark). */
import { listDocuments, readDocument } from './files';
import { Miner } from './miner';
import { glossaryTerms } from './segment';
import type { Patterns } from '../core/patterns';
import { dataDir } from '../core/data';
import * as path from 'path';

export interface MineRunOptions {
  minCount?: number;
  /** Called with one-line warnings (unreadable files). */
  warn?: (s: string) => void;
  /** Called after each file with files and bytes done. */
  progress?: (done: { files: number; totalFiles: number; bytes: number; totalBytes: number }) => void;
  /** Called once the segmenter is loaded (its dictionary takes a few seconds), before the first file. */
  onStart?: () => void;
  /** Called when every file is read, before the counting at the end (phrases, the model). */
  onFinish?: () => void;
  /** Words the segmenter keeps whole (default: the built-in glossary's terms). */
  userWords?: string[];
}

export async function mineDocuments(paths: string[], opts: MineRunOptions = {}): Promise<Patterns> {
  const docs = listDocuments(paths);
  const miner = new Miner({ minCount: opts.minCount, userWords: opts.userWords ?? glossaryTerms(path.dirname(dataDir())) });
  opts.onStart?.();
  const totalBytes = docs.reduce((s, d) => s + d.size, 0);
  let bytes = 0;
  let files = 0;
  for (const d of docs) {
    try {
      const { text, markdown } = await readDocument(d);
      miner.addDocument(d.rel, text, { markdown });
    } catch (e) {
      opts.warn?.(`跳过 ${d.rel}：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    bytes += d.size;
    files++;
    opts.progress?.({ files, totalFiles: docs.length, bytes, totalBytes });
  }
  opts.onFinish?.();
  return miner.finish();
}
