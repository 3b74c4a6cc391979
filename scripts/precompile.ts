/**
 * Validates and compiles the built-in data for the bundles (run by scripts/build.mjs):
 * data/rules/*.json and data/glossary.json, read and validated against their schemas, compiled
 * into a Dataset, written as dist/builtin-data.bin with the build id of the bundles built beside
 * it (src/core/precompiled.ts describes the file and when it is used).
 *
 * Usage: tsx scripts/precompile.ts --build-id ID [--out dist/builtin-data.bin]
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtinGlossaryFile, builtinRuleFiles, readData } from '../src/core/data';
import { compileBuiltinDataset, Dataset } from '../src/core/dataset';
import { loadPrecompiled, PRECOMPILED_NAME, serializeBuiltin } from '../src/core/precompiled';

/** The precompiled built-in data for bundles of `buildId`. Throws on invalid data (naming the file). */
export function precompileBuiltin(buildId: string): Buffer {
  return serializeBuiltin(compileBuiltinDataset(readData(builtinRuleFiles(), [builtinGlossaryFile()])).compiledParts(), buildId);
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const buildId = arg('build-id');
  const out = arg('out') ?? path.resolve(__dirname, '..', 'dist', PRECOMPILED_NAME);
  if (!buildId) {
    console.error('precompile: --build-id is required');
    process.exit(2);
  }
  try {
    const bytes = precompileBuiltin(buildId);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, out);
    // Read back as a bundle would, so a file that does not load never ships.
    const back = loadPrecompiled(out, buildId);
    if ('why' in back) throw new Error(`the written file does not load: ${back.why}`);
    new Dataset(back.raw, { compiled: back.compiled });
  } catch (e) {
    console.error(`precompile: ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
}
