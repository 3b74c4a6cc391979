/**
 * Re-mining completion patterns from folders of past drafts (command gongwen.remine), in a child
 * process (dist/mine-worker.js, see mineWorker.ts): the extension host's main thread only relays
 * progress, so typing and completion go on while it runs, and cancelling ends the process. The
 * previous patterns file stays until the new one is written whole (atomically, by the child).
 */
import { fork } from 'child_process';
import fs = require('fs');
import path = require('path');
import type { MineMessage, MineRequest } from './mineWorker';

export interface MineOutcome {
  status: 'done' | 'cancelled' | 'error';
  documents?: number;
  message?: string;
  /** The native segmenter could not be loaded (nodejieba missing). */
  segmenter?: boolean;
}

export interface MineUi {
  /** Progress: a message and the share of the work done since the last report (0–100). */
  report: (message: string, increment: number) => void;
  /** Registers a handler called when the user cancels. */
  onCancel: (handler: () => void) => void;
}

/** The worker script: next to the bundled extension (dist/), or none. */
export function workerPath(extensionPath: string): string | undefined {
  const p = path.join(extensionPath, 'dist', 'mine-worker.js');
  return fs.existsSync(p) ? p : undefined;
}

export function mineFolders(worker: string, req: MineRequest, ui: MineUi, cwd: string): Promise<MineOutcome> {
  return new Promise((resolve) => {
    const child = fork(worker, [], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // the extension host may be Electron: run the child as plain Node
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
    });
    let settled = false;
    let done = 0;
    let stderr = '';
    const finish = (o: MineOutcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    child.stderr?.on('data', (b: Buffer) => {
      if (stderr.length < 2000) stderr += b.toString('utf8');
    });
    ui.onCancel(() => {
      if (settled) return;
      child.kill();
      finish({ status: 'cancelled' });
    });
    child.on('message', (m: MineMessage) => {
      if (m.type === 'progress') {
        // reading is ~90 % of the work; the counting at the end the rest
        const share = m.totalBytes ? (90 * m.bytes) / m.totalBytes : 90;
        ui.report(`${m.files}/${m.totalFiles} · ${(m.bytes / 2 ** 20).toFixed(1)}/${(m.totalBytes / 2 ** 20).toFixed(1)} MB`, Math.max(0, share - done));
        done = Math.max(done, share);
      } else if (m.type === 'phase') {
        ui.report('…', 0);
      } else if (m.type === 'done') {
        ui.report('', 100 - done);
        finish({ status: 'done', documents: m.documents });
      } else if (m.type === 'error') {
        finish({ status: 'error', message: m.message, segmenter: m.segmenter });
      }
    });
    child.on('error', (e) => finish({ status: 'error', message: e.message }));
    child.on('exit', (code) => {
      if (code !== 0) finish({ status: 'error', message: stderr.trim().split('\n')[0] || `exit ${code}` });
    });
    child.send(req);
  });
}
