import { strict as assert } from 'assert';
import fc from 'fast-check';
import { check } from '../../src/core/check';
import { collectFindings, FindingSink, type FindingKind } from '../../src/core/findings';
import type { Finding, Severity } from '../../src/core/types';

const KINDS: FindingKind[] = [
  { ruleId: 'b-rule', category: 'outline', severity: 'warning', confidence: 'high' },
  { ruleId: 'a-rule', category: 'punctuation', severity: 'info', reason: '理由', source: '出处' },
  { ruleId: 'c-rule', category: 'outdated', severity: 'error', since: '2018-03', reason: '理由' },
];
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const severity = fc.constantFrom<Severity>('error', 'warning', 'info', 'hint');
const written = fc.record({
  kind: fc.integer({ min: 0, max: KINDS.length - 1 }),
  // Small starts tie often; large ones need every pass of the radix sort (11 bits each).
  start: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 30 })),
  len: fc.integer({ min: 0, max: 3 }),
  severity: fc.option(severity, { nil: undefined }),
  fix: fc.boolean(),
});

/** What the sink should give: plain objects, sorted by start, end, severity, rule id, then write order. */
function reference(items: Array<typeof written extends fc.Arbitrary<infer T> ? T : never>): Finding[] {
  const made = items.map((w, i) => {
    const k = KINDS[w.kind];
    const f: Finding = { ruleId: k.ruleId, category: k.category, severity: w.severity ?? k.severity, start: w.start, end: w.start + w.len, message: `m${i}` };
    if (w.fix) f.fix = { start: w.start, end: w.start + w.len, text: `t${i}` };
    if (k.reason !== undefined) f.reason = k.reason;
    if (k.since !== undefined) f.since = k.since;
    if (k.source !== undefined) f.source = k.source;
    if (k.confidence !== undefined) f.confidence = k.confidence;
    return { f, i };
  });
  made.sort(
    (a, b) =>
      a.f.start - b.f.start ||
      a.f.end - b.f.end ||
      SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
      (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : 0) ||
      a.i - b.i,
  );
  return made.map((m) => m.f);
}

function write(out: FindingSink, items: Array<{ kind: number; start: number; len: number; severity?: Severity; fix: boolean }>): void {
  items.forEach((w, i) =>
    out.add(KINDS[w.kind], w.start, w.start + w.len, `m${i}`, w.fix ? { start: w.start, end: w.start + w.len, text: `t${i}` } : undefined, w.severity),
  );
}

describe('FindingSink: findings written as columns, made as objects at the end', () => {
  it('gives what plain objects sorted by start, end, severity, rule id and write order would be', () => {
    fc.assert(
      fc.property(fc.array(written, { maxLength: 60 }), (items) => {
        assert.deepEqual(
          collectFindings((out) => write(out, items)),
          reference(items),
        );
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('makes plain objects: Object.prototype, no key for an absent field, the same JSON as a literal', () => {
    const [f, g] = collectFindings((out) => {
      out.add(KINDS[0], 3, 5, '甲', { start: 3, end: 5, text: '乙' });
      out.add(KINDS[1], 7, 8, '丙');
    });
    assert.equal(Object.getPrototypeOf(f), Object.prototype);
    assert.equal(Object.getPrototypeOf(f.fix), Object.prototype);
    assert.deepEqual(Object.keys(f), ['ruleId', 'category', 'severity', 'start', 'end', 'message', 'fix', 'confidence']);
    assert.deepEqual(Object.keys(g), ['ruleId', 'category', 'severity', 'start', 'end', 'message', 'reason', 'source']);
    assert.deepEqual(JSON.parse(JSON.stringify([f, g])), [f, g]);
  });

  it('lets the checker drop a finding or change its severity before it is made, and sorts by the new severity', () => {
    const items = [
      { kind: 0, start: 4, len: 1, fix: false },
      { kind: 1, start: 4, len: 1, fix: false },
      { kind: 2, start: 2, len: 1, fix: false },
    ];
    const sink = new FindingSink();
    write(sink, items);
    const out = sink.toFindings((k, s) => (k.ruleId === 'c-rule' ? undefined : k.ruleId === 'a-rule' ? 'error' : s));
    assert.deepEqual(
      out.map((f) => [f.ruleId, f.severity]),
      [
        ['a-rule', 'error'],
        ['b-rule', 'warning'],
      ],
    );
  });

  it('takes back what a failed rule wrote (truncate), and a cleared sink starts empty', () => {
    const sink = new FindingSink();
    write(sink, [{ kind: 0, start: 1, len: 1, fix: true }]);
    const before = sink.count;
    write(sink, [{ kind: 1, start: 0, len: 1, fix: false }, { kind: 2, start: 2, len: 0, fix: true }]);
    sink.truncate(before);
    assert.deepEqual(sink.toFindings().map((f) => f.ruleId), ['b-rule']);
    sink.clear();
    assert.equal(sink.count, 0);
    assert.deepEqual(sink.toFindings(), []);
  });

  it('grows past its first buffers and keeps offsets exact (a text of 2 MB, 20 000 findings)', () => {
    const text = '习总书记强调，要坚持,推进。\n'.repeat(20000);
    const fs = check(text, { date: '2026-06-01', kinds: ['punctuation'] });
    assert.equal(fs.findings.length, 20000);
    fs.findings.forEach((f, k) => {
      assert.equal(f.start, 10 + k * 15);
      assert.equal(text[f.start], ',');
      assert.equal(f.fix?.text, '，');
    });
  });
});

describe('FindingSink.addFrom: messages from per-rule templates, worded when the findings are made', () => {
  it('words each kept finding once per distinct kind and arguments, and never a finding that was dropped or taken back (property check)', () => {
    const arg = fc.oneof(fc.constantFrom<unknown>('一、', '三、', '', 0, 1, 2 ** 40, undefined), fc.integer({ min: 0, max: 3 }));
    const say = (name: string, args: unknown[]) => `${name} ${args.map((x) => `${typeof x}:${String(x)}`).join('|')}`;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), arg, arg, arg, arg, fc.boolean()), { maxLength: 60 }), fc.nat(60), (calls, cut) => {
        const built: string[] = [];
        const template = (name: string) => (a: unknown, b: unknown, c: unknown, d: unknown) => (built.push(say(name, [a, b, c, d])), say(name, [a, b, c, d]));
        const one = { ...KINDS[0], message: template('one') };
        const two = { ...KINDS[1], message: template('two') };
        const sink = new FindingSink();
        calls.forEach(([first, a, b, c, d], i) => sink.addFrom(first ? one : two, i, i, a, b, c, d));
        sink.truncate(cut);
        const kept = calls.slice(0, cut);
        // Drop the findings marked so: they are never worded.
        const drop = new Set(kept.flatMap(([, , , , , dropped], i) => (dropped ? [i] : [])));
        const out = sink.toFindings((k, s, start) => (drop.has(start) ? undefined : s));
        const want = kept.flatMap(([first, a, b, c, d, dropped]) => (dropped ? [] : [say(first ? 'one' : 'two', [a, b, c, d])]));
        assert.deepEqual(out.map((f) => f.message), want);
        assert.deepEqual([...built].sort(), [...new Set(want)].sort(), 'one build per distinct kind and arguments, none for the others');
      }),
      { seed: 20261202 },
    );
  });
  it('words a message again in a later check (nothing is kept between checks) and mixes with plain messages', () => {
    let builds = 0;
    const kind = { ...KINDS[2], message: (a: string) => (builds++, `甲${a}`) };
    const sink = new FindingSink();
    sink.addFrom(kind, 0, 1, '一', 0, 0, 0);
    sink.add(KINDS[0], 0, 1, '乙');
    sink.addFrom(kind, 2, 3, '一', 0, 0, 0);
    assert.deepEqual(sink.toFindings().map((f) => f.message), ['甲一', '乙', '甲一']);
    sink.clear();
    sink.addFrom(kind, 0, 1, '一', 0, 0, 0);
    assert.deepEqual(sink.toFindings().map((f) => f.message), ['甲一']);
    assert.equal(builds, 2);
  });
});

