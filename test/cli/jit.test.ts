import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../support/data';

/**
 * Runs `body` in a child node with V8's natives syntax, after a helper `optimized()` that says
 * whether a fresh hot function gets optimized by TurboFan right now. Prints what `body` logs.
 */
function inChild(body: string, opts: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): string {
  const prelude = `
    require('tsx/cjs');
    const { shortRunTiering, OPT_AFTER_CHARS } = require(${JSON.stringify(path.join(ROOT, 'src/cli/jit.ts'))});
    const optimized = () => {
      const f = new Function('a', 'let s = 0; for (let i = 0; i < a; i++) s += i; return s;');
      f(10); %PrepareFunctionForOptimization(f); f(10); f(10); %OptimizeFunctionOnNextCall(f); f(10);
      return (%GetOptimizationStatus(f) & 64) !== 0; // 64: TurboFanned
    };`;
  return execFileSync(process.execPath, [...(opts.execArgv ?? []), '--allow-natives-syntax', '-e', prelude + body], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GONGWEN_JIT: '', ...opts.env },
  }).trim();
}

describe('gongwen check: the optimizing compiler in a short run (src/cli/jit.ts)', () => {
  it('is off from the start of a run until OPT_AFTER_CHARS characters are checked, then on again', () => {
    const out = inChild(`
      const before = optimized();
      const t = shortRunTiering();
      const off = optimized();
      t.checked(OPT_AFTER_CHARS - 1);
      const stillOff = optimized();
      t.checked(1);
      console.log([before, off, stillOff, optimized()].join(' '));`);
    assert.equal(out, 'true false false true');
  });

  it('is on again when the command ends, whatever it read (a command run in-process leaves the process as it was)', () => {
    const out = inChild(`
      const { run } = require(${JSON.stringify(path.join(ROOT, 'src/cli/commands/check.ts'))});
      const io = { out() {}, err() {}, readStdin: async () => '' };
      run(['--date', '2026-06-01', ${JSON.stringify(path.join(ROOT, 'data', 'corpus', '001_adaabb19d8d79920.txt'))}], io)
        .then((code) => console.log(code, optimized()));`);
    assert.match(out, /^[01] true$/);
  });

  it('is left alone with GONGWEN_JIT=default, and when node was given a tiering flag of its own', () => {
    assert.equal(inChild(`shortRunTiering(); console.log(optimized());`, { env: { GONGWEN_JIT: 'default' } }), 'true');
    // node --no-opt: the run must not switch the optimizing compiler on at its end either.
    assert.equal(inChild(`const t = shortRunTiering(); t.end(); console.log(optimized());`, { execArgv: ['--no-opt'] }), 'false');
  });
});
