/**
 * Mining a set of paths end to end (used by the CLI, the editor's re-mining process and the
 * benchmarks). Documents are segmented in a worker thread (segmentWorker.ts) while the main thread
 * counts the previous ones — the two cores of a modest machine both work; where no worker can be
 * started, segmentation happens in line. Counting memory is bounded by `memoryMb` (see miner.ts).
 */
import fs = require('fs');
import path = require('path');
import { Worker } from 'worker_threads';
import { dataDir } from '../core/data';
import type { Patterns } from '../core/patterns';
import { cleanDocument, type Line } from './clean';
import { listDocuments, readDocument, type DocFile } from './files';
import { Miner } from './miner';
import { glossaryTerms, SegmenterUnavailable } from './segment';
import { LINE_SEP, TOKEN_SEP, type SegmentReply, type SegmentRequest } from './segmentWorker';

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
  /** Segment in a worker thread (default true). */
  thread?: boolean;
  /**
   * Memory for counting, in MB (default 64): the token stream is sorted in chunks of this size
   * (~32 bytes per token), written as sorted runs to a temp dir past it and merged at the end.
   * The result is the same whatever the budget.
   */
  memoryMb?: number;
  /** Tokens per chunk, overriding memoryMb (tests). */
  chunkTokens?: number;
}

/** Bytes per token of the chunk being sorted (stream, paragraphs, the sort's three arrays, slack). */
const BYTES_PER_TOKEN = 32;

/** Documents being segmented at once (read ahead of the one being counted). */
const AHEAD = 3;

export async function mineDocuments(paths: string[], opts: MineRunOptions = {}): Promise<Patterns> {
  const docs = listDocuments(paths);
  const words = opts.userWords ?? glossaryTerms(path.dirname(dataDir()));
  const thread = opts.thread === false ? undefined : await SegmenterThread.start(words);
  let miner: Miner | undefined;
  try {
    const chunkTokens = opts.chunkTokens ?? (opts.memoryMb !== undefined ? Math.floor((opts.memoryMb * 2 ** 20) / BYTES_PER_TOKEN) : undefined);
    const m = new Miner({ minCount: opts.minCount, userWords: words, segmented: !!thread, chunkTokens });
    miner = m;
    opts.onStart?.();
    const totalBytes = docs.reduce((s, d) => s + d.size, 0);
    let bytes = 0;
    let files = 0;
    const done = (d: DocFile) => {
      bytes += d.size;
      files++;
      opts.progress?.({ files, totalFiles: docs.length, bytes, totalBytes });
    };
    const skip = (d: DocFile, e: unknown) => opts.warn?.(`跳过 ${d.rel}：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    if (!thread) {
      for (const d of docs) {
        try {
          const { text, markdown } = await readDocument(d);
          m.addDocument(d.rel, text, { markdown });
        } catch (e) {
          if (e instanceof SegmenterUnavailable) throw e;
          skip(d, e);
        }
        done(d);
      }
    } else {
      const inflight: { d: DocFile; lines?: Line[]; tokens?: Promise<string[][]>; error?: unknown }[] = [];
      const count = async () => {
        const item = inflight.shift()!;
        if (item.error !== undefined) skip(item.d, item.error);
        else m.addSegmented(item.d.rel, item.lines!, await item.tokens!);
        done(item.d);
      };
      for (const d of docs) {
        const item: (typeof inflight)[number] = { d };
        try {
          const { text, markdown } = await readDocument(d);
          item.lines = cleanDocument(text, { markdown });
          item.tokens = thread.cut(item.lines.map((l) => l.text));
        } catch (e) {
          item.error = e;
        }
        inflight.push(item);
        if (inflight.length >= AHEAD) await count();
      }
      while (inflight.length) await count();
    }
    opts.onFinish?.();
    // the segmenter's dictionary (~300 MB) is no longer needed while counting
    await thread?.close();
    return m.finish();
  } finally {
    miner?.dispose();
    await thread?.close();
  }
}

/** The segmenter in a worker thread. */
class SegmenterThread {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (t: string[][]) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;
  private closed = false;
  private readonly pending = new Set<Promise<string[][]>>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: SegmentReply) => {
      if (m.type !== 'tokens') return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      w?.resolve(m.tokens ? m.tokens.split(LINE_SEP).map((l) => (l ? l.split(TOKEN_SEP) : [])) : []);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.waiting.size) fail(new Error(`分词线程意外退出（${code}）`));
    });
  }

  /** A running segmenter thread, or undefined where no worker script is found (segment in line). */
  static async start(words: string[]): Promise<SegmenterThread | undefined> {
    const code = workerCode();
    if (!code) return undefined;
    const worker = new Worker(code, { eval: true, workerData: { words } });
    const first = await new Promise<SegmentReply | Error>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', resolve);
    });
    if (first instanceof Error || first.type === 'error') {
      await worker.terminate();
      if (!(first instanceof Error) && first.segmenter) {
        const e = new SegmenterUnavailable('');
        e.message = first.message;
        throw e;
      }
      // the thread could not run here: segment in line instead
      return undefined;
    }
    return new SegmenterThread(worker);
  }

  cut(lines: string[]): Promise<string[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const p = new Promise<string[][]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'lines', id, lines } satisfies SegmentRequest);
    });
    this.pending.add(p);
    const forget = () => void this.pending.delete(p);
    p.then(forget, forget);
    return p;
  }

  /**
   * Ends the thread once the batches sent are segmented: ending it in the middle of a native
   * call aborts the whole process (nodejieba throws while its environment is torn down), which an
   * error while reading (documents still queued) would otherwise do.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.worker.terminate();
  }
}

/**
 * The worker's code: the bundled dist/segment-worker.js next to this bundle, or (from source)
 * src/mining/segmentWorker.ts through tsx.
 */
function workerCode(): string | undefined {
  const bundled = path.join(__dirname, 'segment-worker.js');
  if (fs.existsSync(bundled)) return `require(${JSON.stringify(bundled)});`;
  const source = path.join(__dirname, 'segmentWorker.ts');
  if (!fs.existsSync(source)) return undefined;
  try {
    require.resolve('tsx/cjs');
  } catch {
    return undefined;
  }
  return `require('tsx/cjs'); require(${JSON.stringify(source)});`;
}
