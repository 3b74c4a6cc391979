/**
 * The word segmenter in a worker thread (bundled as dist/segment-worker.js): while the main thread
 * counts one document, the next one is being segmented, so mining uses both cores. It loads
 * nodejieba (with the glossary's words) and answers each batch of lines with their tokens.
 */
import { parentPort, workerData } from 'worker_threads';
import { loadSegmenter, SegmenterUnavailable } from './segment';

export type SegmentRequest = { type: 'lines'; id: number; lines: string[] };

/**
 * `tokens`: every line's tokens joined by TOKEN_SEP, the lines by LINE_SEP — one string crosses
 * between the threads, not hundreds of thousands of small ones.
 */
export type SegmentReply =
  | { type: 'ready' }
  | { type: 'error'; message: string; segmenter: boolean }
  | { type: 'tokens'; id: number; tokens: string };

export const TOKEN_SEP = '\u0001';
export const LINE_SEP = '\u0002';

function start(): void {
  const port = parentPort;
  if (!port) return;
  let jieba: ReturnType<typeof loadSegmenter>;
  try {
    jieba = loadSegmenter((workerData as { words?: string[] } | undefined)?.words ?? []);
    jieba.cut('初始化', true);
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), segmenter: e instanceof SegmenterUnavailable } satisfies SegmentReply);
    return;
  }
  port.postMessage({ type: 'ready' } satisfies SegmentReply);
  port.on('message', (req: SegmentRequest) => {
    port.postMessage({ type: 'tokens', id: req.id, tokens: req.lines.map((l) => jieba.cut(l, true).join(TOKEN_SEP)).join(LINE_SEP) } satisfies SegmentReply);
  });
}

start();
