/**
 * The archive's token windows in sorted order, in bounded memory.
 *
 * Every position p of the token stream gives one record: the WINDOW tokens from p (past the end of
 * the archive: BOUNDARY), the token before p (its left neighbour) and p's paragraph. Sorted by the
 * window (ties in position order), the records are exactly the ranks of a suffix array sorted by
 * WINDOW tokens: every n-gram up to WINDOW tokens is a run of consecutive records, so all counts,
 * neighbour distributions and document spreads are read in one sequential pass (see miner.ts).
 *
 * The stream is sorted chunk by chunk (a chunk: whole documents, up to a token budget). While
 * reading, each full chunk is sorted in memory (stream.ts, linear) and written as a sorted run to a
 * private temporary directory under the OS temp dir; at the end the runs and the last chunk (kept
 * in memory) are merged. Ties between runs go to the earlier run, so the merged order is the order
 * of one suffix array over the whole archive: the result is the same, byte for byte, whatever the
 * budget. Memory: the chunk being sorted plus one read buffer per run; the disk holds
 * RECORD × 4 bytes per token while mining, removed when mining ends, fails or is cancelled.
 */
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BOUNDARY, type SuffixIndex } from './stream';

/** Tokens each record is sorted by (the longest phrase and its right neighbour). */
export const WINDOW = 7;
/** Int32 values per record: the window, the left neighbour, the paragraph. */
export const RECORD = WINDOW + 2;
/** Records moved per block (read or written). */
const BLOCK = 1 << 14;

/** A sorted sequence of records, handed over a block at a time. */
export interface RecordRun {
  /** Writes up to out.length / RECORD records into `out` from its start; returns how many (0: no more). */
  fill(out: Int32Array): number;
  close(): void;
}

/**
 * One chunk sorted in memory: the records of the positions [from, to) of `tokens` in the order of
 * `idx`. `tokens` may extend past `to` (the start of the next chunk: the windows read into it);
 * past its end every token reads as BOUNDARY. `para[p]` is the paragraph of local position p.
 */
export class ChunkRun implements RecordRun {
  private rank = 0;
  constructor(
    private readonly tokens: Int32Array,
    private readonly idx: SuffixIndex,
    private readonly para: Int32Array,
    private readonly from: number,
    private readonly to: number,
  ) {}

  fill(out: Int32Array): number {
    const { tokens: a, para, from, to } = this;
    const sa = this.idx.sa;
    const n = a.length;
    const cap = (out.length / RECORD) | 0;
    let k = 0;
    let o = 0;
    while (k < cap && this.rank < sa.length) {
      const p = sa[this.rank++];
      if (p < from || p >= to) continue;
      if (p + WINDOW <= n) for (let j = 0; j < WINDOW; j++) out[o + j] = a[p + j];
      else for (let j = 0; j < WINDOW; j++) out[o + j] = p + j < n ? a[p + j] : BOUNDARY;
      out[o + WINDOW] = p > 0 ? a[p - 1] : BOUNDARY;
      out[o + WINDOW + 1] = para[p];
      o += RECORD;
      k++;
    }
    return k;
  }

  close(): void {}
}

/** A run written to a file: read back a block at a time. */
class FileRun implements RecordRun {
  private fd: number | undefined;
  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }

  fill(out: Int32Array): number {
    if (this.fd === undefined) return 0;
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength - (out.byteLength % (RECORD * 4)));
    let got = 0;
    while (got < bytes.length) {
      const r = readSync(this.fd, bytes, got, bytes.length - got, null);
      if (r === 0) break;
      got += r;
    }
    if (got % (RECORD * 4)) throw new Error('挖掘临时文件不完整');
    return got / (RECORD * 4);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

const PREFIX = 'gongwen-mine-';
const live = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const d of live) rmSync(d, { recursive: true, force: true });
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  unhook();
  // then end as the signal would have
  process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeAll);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.removeListener('exit', removeAll);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('SIGHUP', onSignal);
}

/** Directories left by mining processes that no longer run (ended without a chance to clean up). */
function removeStale(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^gongwen-mine-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(base, name), { recursive: true, force: true });
    }
  }
}

/**
 * The sorted runs of one mining, in a private directory under the OS temp dir (never the user's
 * folders), created with the first run (`base` only for tests). `dispose()` removes it; so do the process's exit and
 * SIGINT/SIGTERM/SIGHUP (the editor cancels re-mining by ending its process), and a later mining
 * removes directories of processes that were killed outright.
 */
export class SpilledRuns {
  private dir: string | undefined;
  /** The runs in stream order, each with its merge level (0: one chunk). */
  private readonly files: { file: string; level: number }[] = [];
  private serial = 0;
  /** Bytes written so far. */
  bytes = 0;

  /**
   * `fanIn`: runs merged at once. When that many runs of one level follow each other at the end,
   * they are merged into one run of the next level (consecutive runs only, so order and ties are
   * kept): files open at once stay few, and each record is rewritten log_fanIn(runs) times.
   */
  constructor(
    private readonly base = tmpdir(),
    private readonly fanIn = 64,
  ) {}

  get count(): number {
    return this.files.length;
  }

  /** Writes all of `run` to a new file. */
  write(run: RecordRun): void {
    this.files.push({ file: this.writeFile(run), level: 0 });
    for (;;) {
      const n = this.files.length;
      if (n < this.fanIn) break;
      const tail = this.files.slice(n - this.fanIn);
      if (!tail.every((f) => f.level === tail[0].level)) break;
      const merged = this.writeFile(new MergedRun(new MergedRecords(tail.map((f) => new FileRun(f.file)))));
      for (const f of tail) rmSync(f.file, { force: true });
      this.files.splice(n - this.fanIn, this.fanIn, { file: merged, level: tail[0].level + 1 });
    }
  }

  private writeFile(run: RecordRun): string {
    if (!this.dir) {
      removeStale(this.base);
      this.dir = mkdtempSync(join(this.base, `${PREFIX}${process.pid}-`));
      live.add(this.dir);
      hook();
    }
    const file = join(this.dir, `run-${this.serial++}.bin`);
    const fd = openSync(file, 'w', 0o600);
    try {
      const block = new Int32Array(BLOCK * RECORD);
      const bytes = new Uint8Array(block.buffer);
      for (let k = run.fill(block); k > 0; k = run.fill(block)) {
        const len = k * RECORD * 4;
        let done = 0;
        while (done < len) done += writeSync(fd, bytes, done, len - done);
        this.bytes += len;
      }
    } finally {
      closeSync(fd);
      run.close();
    }
    return file;
  }

  /** The runs written, to be read back in order. */
  open(): RecordRun[] {
    return this.files.map((f) => new FileRun(f.file));
  }

  dispose(): void {
    if (!this.dir) return;
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
    this.dir = undefined;
    if (!live.size) unhook();
  }

  /** The directory (for tests), if any run was written. */
  get directory(): string | undefined {
    return this.dir;
  }
}

/** A merge of runs, as a run. */
class MergedRun implements RecordRun {
  constructor(private readonly m: MergedRecords) {}

  fill(out: Int32Array): number {
    const m = this.m;
    const cap = (out.length / RECORD) | 0;
    let k = 0;
    let o = 0;
    while (k < cap && m.next()) {
      out.set(m.key, o);
      out[o + WINDOW] = m.left;
      out[o + WINDOW + 1] = m.para;
      o += RECORD;
      k++;
    }
    return k;
  }

  close(): void {
    this.m.close();
  }
}

/**
 * The records of several sorted runs in one sorted sequence (a k-way merge; ties go to the run
 * given first). After each `next()`, `key` holds the window, `left` and `para` the rest of the
 * record, and `lcp` how many leading tokens the window shares with the previous one (0 for the first).
 */
export class MergedRecords {
  readonly key = new Int32Array(WINDOW);
  left = 0;
  para = 0;
  lcp = 0;
  private started = false;
  private readonly bufs: Int32Array[];
  private readonly pos: Int32Array;
  private readonly len: Int32Array;
  /** Heap of run indices by their current record. */
  private readonly heap: number[] = [];

  constructor(private readonly runs: RecordRun[], blockRecords = BLOCK) {
    const per = Math.max(256, Math.floor(blockRecords / Math.max(1, runs.length)));
    this.bufs = runs.map(() => new Int32Array(per * RECORD));
    this.pos = new Int32Array(runs.length);
    this.len = new Int32Array(runs.length);
    runs.forEach((_, i) => {
      if (this.refill(i)) this.push(i);
    });
  }

  private refill(i: number): boolean {
    const k = this.runs[i].fill(this.bufs[i]);
    this.pos[i] = 0;
    this.len[i] = k * RECORD;
    return k > 0;
  }

  /** Is run a's current record before run b's? */
  private less(a: number, b: number): boolean {
    const x = this.bufs[a];
    const y = this.bufs[b];
    const i = this.pos[a];
    const j = this.pos[b];
    for (let k = 0; k < WINDOW; k++) {
      const d = x[i + k] - y[j + k];
      if (d) return d < 0;
    }
    return a < b;
  }

  private push(i: number): void {
    const h = this.heap;
    h.push(i);
    let c = h.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!this.less(h[c], h[p])) break;
      [h[c], h[p]] = [h[p], h[c]];
      c = p;
    }
  }

  private siftDown(): void {
    const h = this.heap;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const m = r < h.length && this.less(h[r], h[l]) ? r : l;
      if (!this.less(h[m], h[c])) break;
      [h[c], h[m]] = [h[m], h[c]];
      c = m;
    }
  }

  next(): boolean {
    const h = this.heap;
    if (!h.length) return false;
    const i = h[0];
    const b = this.bufs[i];
    const o = this.pos[i];
    const key = this.key;
    let l = 0;
    if (this.started) while (l < WINDOW && key[l] === b[o + l]) l++;
    this.started = true;
    this.lcp = l;
    for (let k = l; k < WINDOW; k++) key[k] = b[o + k];
    this.left = b[o + WINDOW];
    this.para = b[o + WINDOW + 1];
    this.pos[i] = o + RECORD;
    if (this.pos[i] >= this.len[i] && !this.refill(i)) {
      const last = h.pop()!;
      if (h.length) {
        h[0] = last;
        this.siftDown();
      }
    } else if (h.length > 1) this.siftDown();
    return true;
  }

  close(): void {
    for (const r of this.runs) r.close();
  }
}
