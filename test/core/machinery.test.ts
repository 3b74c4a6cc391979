/**
 * The performance machinery stays behind its modules: no import cycle in the core (the dataset no
 * longer reaches the misquote rule, nor the rule context the dataset), formulation findings worded
 * from per-rule templates when they are made, and a check's buffers lent and given back as one
 * object (no finding, and nothing a later check returns, refers to them).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { CheckBuffers } from '../../src/core/check-buffers';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { ROOT } from '../support/data';

/** Import edges between the core's modules (type imports included), by path relative to src/core. */
function coreImports(): Map<string, string[]> {
  const root = path.join(ROOT, 'src', 'core');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  const g = new Map<string, string[]>();
  for (const f of files) {
    const deps = new Set<string>();
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/(?:import|export)[^'"]*from '(\.[^']+)'|require\('(\.[^']+)'\)/g)) {
      const t = path.resolve(path.dirname(f), m[1] ?? m[2]);
      const file = [t + '.ts', path.join(t, 'index.ts')].find((x) => fs.existsSync(x));
      if (file) deps.add(path.relative(root, file));
    }
    g.set(path.relative(root, f), [...deps]);
  }
  return g;
}

describe('the core’s modules', () => {
  it('import one another without a cycle (type imports included)', () => {
    const g = coreImports();
    assert.ok(g.size > 30 && g.get('dataset.ts')!.length > 3);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (n: string, stack: string[]) => {
      state.set(n, 'open');
      for (const d of g.get(n) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].join(' → '));
        else if (!state.has(d)) visit(d, [...stack, d]);
      }
      state.set(n, 'done');
    };
    for (const n of g.keys()) if (!state.has(n)) visit(n, [n]);
    assert.deepEqual(cycles, []);
    // The dataset builds the misquote index without the rule: the rule reads through the index.
    assert.ok(!g.get('dataset.ts')!.some((d) => d.startsWith('rules/misquote.ts')));
  });
});

describe('formulation findings worded from per-rule templates', () => {
  const ds = loadBuiltinDataset();
  it('say what the rule’s data says, or the default message of its kind', () => {
    const text = '要坚持以习近平同志为总书记的党中央的领导。学习习总书记讲话。';
    const fs = check(text, { date: '2026-06-01', dataset: ds }).findings.filter((f) => f.category === 'outdated' || f.category === 'nonstandard');
    assert.ok(fs.length >= 2, JSON.stringify(fs));
    for (const f of fs) {
      const rule = ds.byId.get(f.ruleId)!;
      const matched = text.slice(f.start, f.end);
      if (rule.entry.message !== undefined) assert.equal(f.message, rule.entry.message);
      else assert.ok(f.message.includes(`“${matched}”`), f.message);
      if (f.fix && rule.entry.message === undefined && rule.entry.kind !== 'era') assert.ok(f.message.includes(f.fix.text), f.message);
    }
  });
  it('a hit repeated many times is worded the same each time, and the fix follows the date', () => {
    const text = '十三五规划。'.repeat(500);
    const as2020 = check(text, { date: '2020-06-01', dataset: ds }).findings;
    const as2026 = check(text, { date: '2026-06-01', dataset: ds }).findings.filter((f) => f.fix);
    assert.ok(as2026.length >= 500, `${as2026.length}`);
    assert.equal(new Set(as2026.map((f) => f.message)).size, new Set(as2026.map((f) => f.ruleId)).size);
    assert.ok(as2020.length < as2026.length);
  });
});

describe('a check’s buffers, lent as one object', () => {
  it('checks given their own buffers find what checks in the shared ones find, and hold none of them', () => {
    const texts = ['一、\n二、\n四、总体要求,好。', '要坚持以习近平同志为总书记的党中央的领导。'.repeat(200), '没有问题的一句话。'];
    const mine = new CheckBuffers();
    for (const t of texts) {
      const shared = check(t, { date: '2026-06-01' }).findings;
      const own = check(t, { date: '2026-06-01', buffers: mine }).findings;
      assert.deepEqual(own, shared);
      // Nothing in a finding is a view of the buffers: a later check leaves it as it was.
      const before = JSON.stringify(own);
      check(texts[1], { date: '2026-06-01', buffers: mine });
      assert.equal(JSON.stringify(own), before);
    }
    // After a check, the buffers can be lent again (the loan ended, also when a rule threw).
    assert.equal(mine.lend(), mine);
    mine.release();
  });
});
