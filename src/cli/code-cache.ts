/**
 * A V8 code cache for the `gongwen check` bundle (dist/cli-check.js), made at build time
 * (scripts/code-cache.ts, run by `npm run build`) and used when the command loads its bundle.
 *
 * Why: a short check spends a good part of its time turning the bundle's source into bytecode:
 * parsing its 240 KB at load, then compiling each function when it is first called. The cache
 * holds the bytecode of every function a check ran (it is made after checking the seed corpus),
 * so a check starts with it. Measured on the 1 MB bench text (2026-12-02, fresh processes,
 * alternated): about 15–20 ms of CPU less a run.
 *
 * It is used only when it certainly belongs to the bundle beside it: V8 itself refuses a cache of
 * another V8 version or other flags (the bundle is then compiled as usual), but checks the source
 * only by its length. So the cache file also records the bundle's build id (compiled into
 * dist/cli.js as well), size and modification time, and is ignored when the bundle differs (a
 * rebuild in watch mode, a copy): then the bundle is required as usual.
 * `GONGWEN_TRACE_DATA=1` says whether it was used.
 *
 * Layout: "GWCODE01", a uint32 (LE) stamp length, the stamp (JSON), then V8's cached data.
 */
import fs = require('fs');
import Module = require('module');
import path = require('path');
import vm = require('vm');
import { writeFileAtomic } from '../core/atomic';

const MAGIC = 'GWCODE01';

declare const __GONGWEN_BUILD_ID__: string | undefined;
/** The build id compiled into the bundle (scripts/build.mjs); undefined when run from sources. */
const BUILD_ID: string | undefined = typeof __GONGWEN_BUILD_ID__ === 'string' ? __GONGWEN_BUILD_ID__ : undefined;

interface Stamp {
  buildId: string;
  size: number;
  mtimeMs: number;
}

/** The cache file of a bundle. */
export function codeCacheFile(bundle: string): string {
  return `${bundle}.v8cache`;
}

function stampOf(bundle: string, buildId: string): Stamp {
  const st = fs.statSync(bundle);
  return { buildId, size: st.size, mtimeMs: st.mtimeMs };
}

/** Compiles `bundle` as a CommonJS module (with `cachedData` if given) and runs it. */
function load(bundle: string, cachedData?: Buffer): { exports: unknown; script: vm.Script } {
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const m = new Module(bundle, module);
  m.filename = bundle;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(m.exports, m.exports, Module.createRequire(bundle), m, bundle, path.dirname(bundle));
  m.loaded = true;
  return { exports: m.exports, script };
}

/**
 * The exports of the command bundle `name` beside this one (dist/cli-NAME.js): compiled with its
 * code cache when one of this build and of this very file is there, else by `fallback` (the usual
 * require; always so when run from sources).
 */
export function requireCommand<T>(name: string, fallback: () => T): T {
  const buildId = BUILD_ID;
  if (!buildId) return fallback();
  const bundle = path.join(__dirname, `cli-${name}.js`);
  let cached: Buffer | undefined;
  try {
    const buf = fs.readFileSync(codeCacheFile(bundle));
    if (buf.length > 12 && buf.toString('latin1', 0, 8) === MAGIC) {
      const end = 12 + buf.readUInt32LE(8);
      const stamp = JSON.parse(buf.toString('utf8', 12, end)) as Stamp;
      const now = stampOf(bundle, buildId);
      if (stamp.buildId === now.buildId && stamp.size === now.size && stamp.mtimeMs === now.mtimeMs) cached = buf.subarray(end);
    }
  } catch {
    cached = undefined; // no cache, or an unreadable one: compile as usual
  }
  const trace = (s: string) => process.env.GONGWEN_TRACE_DATA && process.stderr.write(`gongwen: 代码缓存：${s}\n`);
  if (!cached) {
    trace('未用');
    return fallback();
  }
  const { exports, script } = load(bundle, cached);
  trace(script.cachedDataRejected ? '不适用于此 Node 版本' : '已用');
  return exports as T;
}

/**
 * Makes the cache of `bundle` (build time): loads it, lets `exercise` run what a check runs, then
 * writes V8's cache of every function compiled so far, stamped for `buildId` and the bundle as it is.
 */
export async function makeCodeCache(bundle: string, buildId: string, exercise: (exports: unknown) => Promise<void>): Promise<number> {
  const { exports, script } = load(bundle);
  await exercise(exports);
  const data = script.createCachedData();
  const stamp = Buffer.from(JSON.stringify(stampOf(bundle, buildId)), 'utf8');
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(stamp.length, 8);
  writeFileAtomic(codeCacheFile(bundle), Buffer.concat([head, stamp, data]));
  return data.length;
}
