/** Console I/O for the CLI, injectable so tests can run commands in-process. */
import fs = require('fs');
export interface CliIO {
  out(s: string): void;
  /**
   * Writes bytes as they are (UTF-8 text, its own line ends); without it, `out` gets them decoded.
   * The caller may reuse `b` when this returns: keep a copy, not `b`.
   */
  outBytes?(b: Uint8Array): void;
  err(s: string): void;
  /** Whole standard input (for --batch modes). */
  readStdin(): Promise<string>;
}

let stdoutGuarded = false;
/**
 * When the reader of our output goes away (`gongwen check … | head`), writing fails with EPIPE:
 * the output is not wanted any more, so stop quietly instead of dying with a stack trace.
 */
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => failedWrite(e));
}

function failedWrite(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(0);
  try {
    fs.writeSync(2, `gongwen: 无法写出结果：${e.message.split('\n')[0]}\n`);
  } catch {
    // stderr is gone too: the exit code says it.
  }
  process.exit(2);
}

/**
 * Whether to write to `fd` (1 or 2) directly, with `fs.writeSync`: when it is a file, a pipe, a
 * socket or the null device. Node's stdout and stderr objects are streams made on first use (a
 * pipe's is a socket, with node's network module behind it): a few milliseconds of a short run,
 * for writes that are synchronous on files and (on Linux) pipes anyway. A terminal (any other
 * character device) keeps node's stream, which knows how to show UTF-8 on every platform's
 * console. Asked with fstat, not `tty.isatty`: loading the tty module alone costs more than the
 * streams.
 */
const direct = new Map<number, boolean>();
function writesDirectly(fd: 1 | 2): boolean {
  let d = direct.get(fd);
  if (d === undefined) {
    try {
      const st = fs.fstatSync(fd);
      d = !st.isCharacterDevice() || isNullDevice(st);
    } catch {
      d = false;
    }
    direct.set(fd, d);
  }
  return d;
}

function isNullDevice(st: fs.Stats): boolean {
  if (process.platform === 'win32') return false;
  try {
    const nul = fs.statSync('/dev/null');
    return st.dev === nul.dev && st.ino === nul.ino;
  } catch {
    return false;
  }
}

/** Writes all of `b` to `fd`; a full non-blocking pipe (EAGAIN) is waited for. */
function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) {
    try {
      off += fs.writeSync(fd, b, off, b.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function write(fd: 1 | 2, s: string | Uint8Array): void {
  if (!writesDirectly(fd)) {
    // A stream may still hold what it was given when write returns (a terminal on Windows): a copy.
    const data = typeof s === 'string' ? s : Buffer.from(s);
    if (fd === 1) {
      guardStdout();
      process.stdout.write(data);
    } else process.stderr.write(data);
    return;
  }
  try {
    writeAll(fd, typeof s === 'string' ? Buffer.from(s) : s);
  } catch (e) {
    if (fd === 1) failedWrite(e as NodeJS.ErrnoException);
    // Nowhere to say it: stderr itself failed.
  }
}

const line = (s: string) => (s.endsWith('\n') ? s : s + '\n');

export const processIO: CliIO = {
  out: (s) => write(1, line(s)),
  outBytes: (b) => write(1, b),
  err: (s) => write(2, line(s)),
  readStdin: () =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      process.stdin.on('data', (c: Buffer) => chunks.push(c));
      process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      process.stdin.on('error', reject);
    }),
};

/** An input or usage problem: the CLI prints `gongwen: <message>` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Whether `e` is a UsageError. Recognised by name, not `instanceof`: the packaged CLI bundles each
 * command on its own (dist/cli-*.js), each with its own copy of this class, and the dispatcher in
 * dist/cli.js would otherwise report a usage problem as an internal error.
 */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}

/** A command: returns the exit code. Throw UsageError for exit 2 with a one-line message. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;
