/**
 * Makes the V8 code cache of the `gongwen check` bundle (src/cli/code-cache.ts says why and when it
 * is used): loads dist/cli-check.js, checks the seed corpus with it (so every function a check runs
 * is compiled), and writes dist/cli-check.js.v8cache stamped with the build id. Run by
 * scripts/build.mjs after the bundles and the precompiled data.
 *
 * Usage: tsx scripts/code-cache.ts --build-id ID [--outdir dist]
 */
import * as fs from 'fs';
import * as path from 'path';
import { makeCodeCache } from '../src/cli/code-cache';
import type { CliIO, Command } from '../src/cli/io';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const buildId = arg('build-id');
  if (!buildId) throw new Error('--build-id is required');
  const bundle = path.resolve(ROOT, arg('outdir') ?? 'dist', 'cli-check.js');
  const corpus = path.join(ROOT, 'data', 'corpus');
  const texts = fs.readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(corpus, f));
  const io: CliIO = { out: () => undefined, err: () => undefined, readStdin: async () => '' };
  // Both output formats, with and without a date: the paths a command-line check takes.
  const bytes = await makeCodeCache(bundle, buildId, async (exports) => {
    const { run } = exports as { run: Command };
    await run(['--format', 'json', '--date', '2026-06-01', ...texts], io);
    await run([...texts], io);
  });
  if (process.env.GONGWEN_TRACE_DATA) console.log(`code cache: ${bytes} bytes`);
}

main().catch((e) => {
  console.error(`code-cache: ${(e as Error).message.split('\n')[0]}`);
  process.exit(1);
});
