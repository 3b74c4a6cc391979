// Bundles the extension and the CLI with esbuild, and precompiles the built-in data for them.
//   src/vscode/extension.ts → dist/extension.js (cjs, node; vscode and nodejieba stay external)
//   src/cli/main.ts         → dist/cli.js       (nodejieba stays external: optional native module),
//                             and each command src/cli/commands/NAME.ts → dist/cli-NAME.js, required
//                             by dist/cli.js when that command runs (each holds the core it needs)
//   dist/vendor/*.js        modules only some commands need (ajv, mammoth, the docx libraries,
//                           jsonc-parser, the generated schema validators), each bundled on its own
//                           and required by the bundles when first used: a start parses only
//                           what it runs
//   src/vscode/mineWorker.ts → dist/mine-worker.js (the extension's re-mining child process) and
//   src/mining/segmentWorker.ts → dist/segment-worker.js (the segmenter's thread while mining)
//   dist/builtin-data.bin   the built-in data validated and compiled (scripts/precompile.ts),
//                           tagged with the build id compiled into both bundles (a hash of src/)
//   dist/cli-check.js.v8cache  V8's code cache of the check's bundle (scripts/code-cache.ts)
// Data files are not bundled: they are read at run time from data/ next to dist/.
// Usage: node scripts/build.mjs [--watch] [--minify] [--only=extension|cli|mine-worker|segment-worker,…] [--outdir=DIR]
//   --outdir: another folder than dist/ (one level below the repository, e.g. .cache/test-dist:
//             the bundles find data/ at ../../data or ../data)
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const OUT = process.argv.find((a) => a.startsWith('--outdir='))?.slice(9) ?? 'dist';

/** Packages (and source modules) bundled as chunks of their own, loaded on first use. */
const LAZY_PACKAGES = ['ajv', 'mammoth', 'jszip', '@xmldom/xmldom', 'jsonc-parser'];
const LAZY_SOURCES = { 'src/core/generated/validators.js': 'validators' };
const chunkName = (pkg) => pkg.replace(/^@/, '').replace(/\//g, '-');

/** A hash of the sources: the same for both bundles of one tree, so they share the precompiled data. */
function sourceHash() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|json)$/.test(e.name)) h.update(relative(ROOT, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(join(ROOT, 'src'));
  h.update(readFileSync(join(ROOT, 'scripts', 'precompile.ts')));
  return h.digest('hex').slice(0, 24);
}

const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    const pkgs = new RegExp(`^(${LAZY_PACKAGES.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter: pkgs }, (args) => ({ path: `./vendor/${chunkName(args.path)}.js`, external: true }));
    build.onResolve({ filter: /\/generated\/validators$/ }, (args) => {
      const file = relative(ROOT, resolve(args.resolveDir, args.path + '.js'));
      const name = LAZY_SOURCES[file.split('\\').join('/')];
      return name ? { path: `./vendor/${name}.js`, external: true } : undefined;
    });
  },
};

/** In dist/cli.js, each command is a bundle of its own beside it. */
const commandChunks = {
  name: 'command-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[a-z-]+$/ }, (args) =>
      relative(ROOT, args.importer).split('\\').join('/') === 'src/cli/main.ts' ? { path: `./cli-${args.path.slice(11)}.js`, external: true } : undefined,
    );
  },
};
const COMMANDS = readdirSync(join(ROOT, 'src/cli/commands')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));

const buildId = watch ? undefined : sourceHash();
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify,
  logLevel: 'warning',
  legalComments: 'none',
  // No build id in watch mode: the bundle then builds the data itself (it changes under it).
  define: buildId ? { __GONGWEN_BUILD_ID__: JSON.stringify(buildId) } : {},
};

const targets = [
  { entryPoints: ['src/vscode/extension.ts'], outfile: `${OUT}/extension.js`, external: ['vscode', 'nodejieba'], plugins: [lazyChunks] },
  { entryPoints: ['src/cli/main.ts'], outfile: `${OUT}/cli.js`, external: ['nodejieba'], plugins: [lazyChunks, commandChunks] },
  ...COMMANDS.map((c) => ({ entryPoints: [`src/cli/commands/${c}.ts`], outfile: `${OUT}/cli-${c}.js`, external: ['nodejieba'], plugins: [lazyChunks] })),
  // the extension's re-mining child process (src/vscode/mine.ts) and the segmenter's worker thread
  // while mining (src/mining/run.ts), which either of them and `gongwen mine` start from dist/
  { entryPoints: ['src/vscode/mineWorker.ts'], outfile: `${OUT}/mine-worker.js`, external: ['nodejieba'], plugins: [lazyChunks] },
  { entryPoints: ['src/mining/segmentWorker.ts'], outfile: `${OUT}/segment-worker.js`, external: ['nodejieba'], plugins: [lazyChunks] },
].filter((t) => existsSync(t.entryPoints[0]));
// --only=extension|cli|mine-worker|segment-worker builds one of them, or several comma-separated
// (the chunks and the data are built either way).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
if (only) targets.splice(0, targets.length, ...targets.filter((t) => only.some((o) => t.outfile.includes(o === 'cli' ? `${OUT}/cli` : o))));

const chunks = [
  ...LAZY_PACKAGES.filter((p) => existsSync(join(ROOT, 'node_modules', p))).map((p) => ({
    stdin: { contents: `module.exports = require(${JSON.stringify(p)});`, resolveDir: ROOT, loader: 'js' },
    outfile: `${OUT}/vendor/${chunkName(p)}.js`,
    // A package's ES module build where it has one: UMD builds (jsonc-parser's) require their
    // parts by names a bundler cannot follow.
    mainFields: ['module', 'main'],
  })),
  ...Object.entries(LAZY_SOURCES).map(([file, name]) => ({ entryPoints: [file], outfile: `${OUT}/vendor/${name}.js` })),
];

const started = Date.now();
if (watch) {
  for (const t of [...targets, ...chunks]) {
    const ctx = await esbuild.context({ ...common, ...t });
    await ctx.watch();
  }
  console.log('[build] watching…');
} else {
  try {
    await Promise.all([...targets, ...chunks].map((t) => esbuild.build({ ...common, ...t })));
  } catch {
    // esbuild has already printed the errors.
    process.exit(1);
  }
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/precompile.ts', '--build-id', buildId, '--out', `${OUT}/builtin-data.bin`], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  } catch {
    process.exit(1);
  }
  // The V8 code cache of the check's bundle (src/cli/code-cache.ts), when that bundle was built.
  if (targets.some((t) => t.outfile === `${OUT}/cli-check.js`)) {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/code-cache.ts', '--build-id', buildId, '--outdir', OUT], { cwd: ROOT, stdio: 'inherit' });
    } catch {
      process.exit(1);
    }
  }
  const shown = targets.filter((t) => !t.outfile.includes(`${OUT}/cli-`)).map((t) => t.outfile);
  const commands = targets.length - shown.length;
  console.log(`[build] ${shown.join(', ')}${commands ? ` (+${commands} command bundles)` : ''}, ${chunks.length} chunks, ${OUT}/builtin-data.bin, code cache in ${Date.now() - started} ms`);
}
