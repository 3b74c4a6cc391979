/** Console I/O for the CLI, injectable so tests can run commands in-process. */
export interface CliIO {
  out(s: string): void;
  /** Writes bytes as they are (UTF-8 text, its own line ends); without it, `out` gets them decoded. */
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
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`gongwen: 无法写出结果：${e.message.split('\n')[0]}\n`);
    process.exit(2);
  });
}

export const processIO: CliIO = {
  out: (s) => {
    guardStdout();
    process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  },
  outBytes: (b) => {
    guardStdout();
    process.stdout.write(b);
  },
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
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
