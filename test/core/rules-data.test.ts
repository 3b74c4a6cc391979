/**
 * Runs every built-in rule's own examples (data/rules/*.json `examples`): each `fire` example
 * must produce a finding of that rule (and fix to `fixed`), each `pass` example none.
 */
import { strict as assert } from 'assert';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { runRuleExamples } from '../../src/core/selftest';

describe('built-in rule data: every rule’s examples', () => {
  const ds = loadBuiltinDataset();
  it('has at least 80 rules across the rule kinds', () => {
    assert.ok(ds.rules.length >= 80, `only ${ds.rules.length} rules`);
    const kinds = new Set(ds.rules.map((r) => r.entry.kind));
    for (const k of ['outdated', 'era', 'renamed', 'nonstandard', 'collocation', 'format']) assert.ok(kinds.has(k as never), `no ${k} rule`);
  });
  const byFile = new Map<string, string[]>();
  for (const r of ds.rules) {
    const f = (r.entry.file ?? '').replace(/.*data[\\/]rules[\\/]/, '');
    byFile.set(f, [...(byFile.get(f) ?? []), r.entry.id]);
  }
  for (const [file, ids] of byFile) {
    describe(file, () => {
      for (const id of ids) {
        it(id, () => {
          const failures = runRuleExamples(ds, new Set([id]));
          assert.deepEqual(failures.map((f) => f.problem), []);
        });
      }
    });
  }
});
