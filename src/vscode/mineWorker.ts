/**
 * The re-mining child process (bundled as dist/mine-worker.js, forked by mine.ts): mines the
 * folders it is sent with the native segmenter and writes the patterns file atomically, reporting
 * progress over IPC. Running it in its own process keeps the extension host free while it works
 * (typing never waits for it), lets the user cancel it by ending the process, and gives the
 * segmenter's dictionary (~300 MB) back to the system when it is done. No vscode import here.
 */
import { mineDocuments } from '../mining/run';
import { writeCompletionView } from '../mining/output';
import { SegmenterUnavailable } from '../mining/segment';

export interface MineRequest {
  folders: string[];
  out: string;
  /** Glossary terms (built-in and the user's) the segmenter keeps whole. */
  words: string[];
}

export type MineMessage =
  | { type: 'progress'; files: number; totalFiles: number; bytes: number; totalBytes: number }
  | { type: 'phase'; phase: 'finish' }
  | { type: 'done'; documents: number; phrases: number }
  | { type: 'error'; message: string; segmenter: boolean };

function send(m: MineMessage): void {
  process.send?.(m);
}

process.once('message', (req: MineRequest) => {
  mineDocuments(req.folders, {
    userWords: req.words,
    progress: (p) => send({ type: 'progress', ...p }),
    onFinish: () => send({ type: 'phase', phase: 'finish' }),
  })
    .then((p) => {
      // the editor keeps what completion reads, compactly, the model ready to use (see writeCompletionView)
      writeCompletionView(req.out, p);
      send({ type: 'done', documents: p.source.documents, phrases: p.phrases.length });
      process.exit(0);
    })
    .catch((e: unknown) => {
      send({ type: 'error', message: e instanceof Error ? e.message.split('\n')[0] : String(e), segmenter: e instanceof SegmenterUnavailable });
      process.exit(1);
    });
});
