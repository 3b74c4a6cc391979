/**
 * Schema-level checks of the curated data: every rule file and the glossary validate against
 * their JSON Schemas, ids are unique, the minimum sizes hold, every rule carries both kinds of
 * examples, and rule regexes compile with the `u` flag. Engine behaviour on the examples is
 * tested in test/core/rules-data.test.ts.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';

const root = path.resolve(__dirname, '../..');
const rulesDir = path.join(root, 'data/rules');
const readJson = (p: string): any => JSON.parse(fs.readFileSync(p, 'utf8'));

function compile(schemaFile: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(readJson(path.join(root, 'data/schema', schemaFile)));
}

describe('data schema: rule files', () => {
  const validate = compile('rules.schema.json');
  const files = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.json')).sort();
  const all: any[] = [];
  it('has rule files', () => assert.ok(files.length >= 5, files.join(',')));
  for (const f of files) {
    const data = readJson(path.join(rulesDir, f));
    all.push(...(data.rules ?? []).map((r: any) => ({ ...r, file: f })));
    it(`${f} validates against rules.schema.json`, () => {
      const ok = validate(data);
      assert.ok(ok, JSON.stringify(validate.errors, null, 1));
    });
  }
  it('has at least 90 rules with unique ids', () => {
    assert.ok(all.length >= 90, `only ${all.length} rules`);
    const seen = new Map<string, string>();
    for (const r of all) {
      assert.ok(!seen.has(r.id), `duplicate id ${r.id} in ${r.file} and ${seen.get(r.id)}`);
      seen.set(r.id, r.file);
    }
  });
  it('every rule has at least one fire and one pass example', () => {
    for (const r of all) {
      assert.ok(r.examples.fire.length >= 1 && r.examples.pass.length >= 1, r.id);
    }
  });
  it('regex rules have triggers, compile with the u flag, and use no lookbehind or back-references', () => {
    for (const r of all.filter((x) => x.regex)) {
      assert.ok(r.triggers?.length, `${r.id}: regex without triggers`);
      for (const s of r.regex) {
        assert.doesNotThrow(() => new RegExp(s, 'u'), r.id);
        assert.ok(!/\(\?<[=!]/.test(s) && !/\\[1-9]/.test(s), `${r.id}: unsupported construct in ${s}`);
        assert.ok(!/[“”]/.test(s), `${r.id}: regexes run on quote-folded text; use straight quotes`);
      }
    }
  });
  it('collocation rules with an object name right and wrong verbs that do not overlap', () => {
    for (const r of all.filter((x) => x.object)) {
      assert.equal(r.kind, 'collocation', r.id);
      for (const w of r.wrongVerbs) assert.ok(!r.verbs.includes(w), `${r.id}: ${w} is both right and wrong`);
    }
  });
  it('fixed is only given where the rule has a replacement (possibly by date) or a verb fix', () => {
    for (const r of all) {
      for (const ex of r.examples.fire) {
        if (typeof ex === 'object' && ex.fixed !== undefined) {
          assert.ok(
            r.replacement !== undefined || r.verbs || r.replacementByDate?.some((d: any) => d.replacement !== undefined),
            `${r.id}: fixed without replacement`,
          );
          assert.notEqual(ex.fixed, ex.text, `${r.id}: fixed equals text`);
        }
      }
    }
  });
  it('rules with a since date have a pass example dated before it, or explain why not', () => {
    // Date-aware rules should demonstrate the date gate; count how many do and require most.
    const dated = all.filter((r) => r.since);
    const withEarly = dated.filter((r) =>
      r.examples.pass.some((ex: any) => typeof ex === 'object' && ex.date && ex.date < r.since.padEnd(10, '-01').slice(0, 10)),
    );
    assert.ok(withEarly.length >= dated.length * 0.6, `${withEarly.length}/${dated.length} dated rules show the date gate`);
  });
  it('sources and explanations are filled in (Chinese explanation)', () => {
    for (const r of all) {
      assert.ok(/[\u4e00-\u9fff]/.test(r.explanation), `${r.id}: explanation should be Chinese`);
      assert.ok(r.source.trim().length >= 4, `${r.id}: source`);
    }
  });
});

describe('data schema: glossary', () => {
  const file = path.join(root, 'data/glossary.json');
  let data: any = { entries: [] };
  before(() => {
    data = readJson(file);
  });
  const validate = compile('glossary.schema.json');
  it('glossary.json validates against glossary.schema.json', () => {
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 1));
  });
  it('has at least 100 entries with unique terms and aliases', () => {
    assert.ok(data.entries.length >= 100, `only ${data.entries.length} entries`);
    const seen = new Set<string>();
    for (const e of data.entries) {
      for (const t of [e.term, ...(e.aliases ?? [])]) {
        assert.ok(!seen.has(t), `duplicate term/alias ${t}`);
        seen.add(t);
      }
    }
  });
  it('dated and historical entries explain their status; corpus references name real seed files', () => {
    const corpus = new Set(fs.readdirSync(path.join(root, 'data/corpus')));
    for (const e of data.entries) {
      if (e.status !== 'current') assert.ok(e.statusNote, `${e.term}: statusNote missing`);
      for (const c of e.corpus ?? []) assert.ok(corpus.has(c), `${e.term}: no corpus file ${c}`);
    }
  });
  it('where the corpus is cited, the term (or an alias) really occurs in that file', () => {
    for (const e of data.entries) {
      for (const c of e.corpus ?? []) {
        const text = fs.readFileSync(path.join(root, 'data/corpus', c), 'utf8');
        const names = [e.term, ...(e.aliases ?? [])];
        assert.ok(names.some((n: string) => text.includes(n)), `${e.term} not found in ${c}`);
      }
    }
  });
  it('collocations name the term (at least one of them), and canonical sentences contain every expansion item', () => {
    for (const e of data.entries) {
      const names = [e.term, ...(e.aliases ?? [])];
      const plain = (s: string) => s.replace(/[“”"]/g, '');
      if (e.collocations.length) {
        assert.ok(e.collocations.some((c: string) => names.some((n: string) => plain(c).includes(plain(n)))), `${e.term}: no collocation names it`);
      }
      if (e.canonical) {
        for (const item of e.expansion) assert.ok(e.canonical.includes(item), `${e.term}: canonical lacks ${item}`);
      }
    }
  });
});
