// Bundles the extension and the CLI with esbuild.
//   src/vscode/extension.ts → dist/extension.js (cjs, node; vscode and nodejieba stay external)
//   src/cli/main.ts         → dist/cli.js       (nodejieba stays external: optional native module)
// Data files are not bundled: they are read at run time from data/ next to dist/.
// Usage: node scripts/build.mjs [--watch] [--minify] [--only=extension|cli]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify,
  logLevel: 'warning',
  legalComments: 'none',
};

const targets = [
  { entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'nodejieba'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['nodejieba'] },
].filter((t) => existsSync(t.entryPoints[0]));
// --only=extension|cli builds one of them.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
if (only) targets.splice(0, targets.length, ...targets.filter((t) => t.outfile.includes(only)));

const started = Date.now();
if (watch) {
  for (const t of targets) {
    const ctx = await esbuild.context({ ...common, ...t });
    await ctx.watch();
  }
  console.log('[build] watching…');
} else {
  try {
    await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
  } catch {
    // esbuild has already printed the errors.
    process.exit(1);
  }
  console.log(`[build] ${targets.map((t) => t.outfile).join(', ')} in ${Date.now() - started} ms`);
}
