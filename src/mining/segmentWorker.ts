/**
 * The word segmenter in a worker thread (bundled as dist/segment-worker.js): while the main thread
 * counts one document, the next one is being segmented, so mining uses both cores. It loads
 * nodejieba (with the glossary's words) and answers each batch of lines with their tokens; at the
 * end it builds the continuation model while the main thread reads the phrases.
 */
import { parentPort, workerData } from 'worker_threads';
import type { SerializedModel } from '../core/completion/ngram';
import { buildModel } from './model';
import { loadSegmenter, SegmenterUnavailable } from './segment';

export type SegmentRequest =
  | { type: 'lines'; id: number; lines: string[] }
  | { type: 'model'; id: number; tokens: Int32Array; words: string[]; sa: Int32Array; lcp: Uint8Array; depth: number };

/**
 * `tokens`: every line's tokens joined by TOKEN_SEP, the lines by LINE_SEP — one string crosses
 * between the threads, not hundreds of thousands of small ones.
 */
export type SegmentReply =
  | { type: 'ready' }
  | { type: 'error'; message: string; segmenter: boolean }
  | { type: 'tokens'; id: number; tokens: string }
  | { type: 'model'; id: number; model?: SerializedModel; error?: string };

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
    if (req.type === 'model') {
      try {
        const model = buildModel(req.tokens, req.words, { sa: req.sa, lcp: req.lcp, depth: req.depth });
        port.postMessage({ type: 'model', id: req.id, model } satisfies SegmentReply);
      } catch (e) {
        port.postMessage({ type: 'model', id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies SegmentReply);
      }
      return;
    }
    port.postMessage({ type: 'tokens', id: req.id, tokens: req.lines.map((l) => jieba.cut(l, true).join(TOKEN_SEP)).join(LINE_SEP) } satisfies SegmentReply);
  });
}

start();
