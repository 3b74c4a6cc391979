/**
 * Privacy: nothing in the product opens a network connection. Every network entry point of Node is
 * replaced by a trap for the duration of these tests; the CLI's commands then run end to end on
 * the seed corpus (check, outline, explain, complete, mine) and the trap must never have fired.
 * A second test reads the sources: no module under src/ imports a network module.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/cli';
import { ROOT } from '../support/data';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const MODULES: Array<[string, string[]]> = [
  ['net', ['connect', 'createConnection']],
  ['tls', ['connect']],
  ['http', ['request', 'get']],
  ['https', ['request', 'get']],
  ['http2', ['connect']],
  ['dns', ['lookup', 'resolve', 'resolve4', 'resolve6']],
  ['dgram', ['createSocket']],
];

describe('privacy: no network use', () => {
  const calls: string[] = [];
  const restore: Array<() => void> = [];
  before(() => {
    for (const [name, fns] of MODULES) {
      const mod = require(name);
      for (const fn of fns) {
        const orig = mod[fn];
        mod[fn] = (...args: unknown[]) => {
          calls.push(`${name}.${fn}`);
          throw new Error(`network use: ${name}.${fn}`);
        };
        restore.push(() => (mod[fn] = orig));
      }
    }
    const net = require('net');
    const origConnect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function () {
      calls.push('net.Socket.connect');
      throw new Error('network use: Socket.connect');
    };
    restore.push(() => (net.Socket.prototype.connect = origConnect));
    const origFetch = (globalThis as any).fetch;
    (globalThis as any).fetch = () => {
      calls.push('fetch');
      throw new Error('network use: fetch');
    };
    restore.push(() => ((globalThis as any).fetch = origFetch));
  });
  after(() => restore.forEach((r) => r()));

  it('check, outline, explain, complete and mine run without touching the network', async function () {
    this.timeout(120000);
    const corpus = path.join(ROOT, 'data', 'corpus');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-priv-')), 'p.json');
    const runs = [
      await runCli(['check', '--format', 'json', corpus]),
      await runCli(['outline', path.join(corpus, '004_85827a7d0dd7b7d7.txt')]),
      await runCli(['explain', '两个维护']),
      await runCli(['complete', '--format', 'json', '在学懂弄']),
      await runCli(['mine', '--out', out, corpus]),
    ];
    for (const r of runs) assert.ok(r.code === 0 || r.code === 1, r.err);
    assert.ok(fs.existsSync(out));
    assert.deepEqual(calls, []);
  });

  it('no source module imports a network module', () => {
    const bad: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|js|mjs)$/.test(e.name)) {
          const src = fs.readFileSync(p, 'utf8');
          if (/(?:from\s+|require\()\s*['"](?:node:)?(?:net|tls|http|https|http2|dgram|dns)['"]/.test(src)) bad.push(path.relative(ROOT, p));
          if (/\bfetch\s*\(|XMLHttpRequest|WebSocket/.test(src)) bad.push(path.relative(ROOT, p));
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    assert.deepEqual(bad, []);
  });
});
