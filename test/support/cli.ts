import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `gongwen ARGS` in-process with captured output. */
export async function runCli(args: string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (s) => (out += s.endsWith('\n') ? s : s + '\n'),
    err: (s) => (err += s.endsWith('\n') ? s : s + '\n'),
    readStdin: async () => stdin,
  };
  const code = await main(args, io);
  return { code, out, err };
}
