/**
 * What the build generates and precompiles (scripts/generate.ts, scripts/precompile.ts,
 * scripts/build.mjs): the generated schema validators are not stale and say what ajv says; the
 * precompiled built-in data loads into a dataset that checks exactly as one built from data/, and
 * is refused when it is not of this build or not of the data files as they are; the bundled CLI
 * uses it and agrees with the sources.
 */
import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { check } from '../../src/core/check';
import { describeSchemaError, schemaProblem, usesGeneratedValidator } from '../../src/core/data';
import { compileBuiltinDataset, Dataset, loadBuiltinDataset } from '../../src/core/dataset';
import { loadPrecompiled, serializeBuiltin, type PrecompiledResult } from '../../src/core/precompiled';
import { generatedFiles, VALIDATED_SCHEMAS } from '../../scripts/generate';
import { runCli } from '../support/cli';
import { docxFromBody, para, zipEntries } from '../support/docx';
import { corpusFile, ROOT } from '../support/data';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-precompiled-'));
const EXTERNAL = [path.join(ROOT, '..', 'shared', 'external'), '/work/shared/external'].find((d) => fs.existsSync(d));

describe('generated files', () => {
  it('are not stale (run `npm run generate` after changing a schema)', () => {
    for (const { file, text } of generatedFiles()) {
      assert.ok(fs.existsSync(file), `${path.relative(ROOT, file)} is missing: run npm run generate`);
      assert.ok(fs.readFileSync(file, 'utf8') === text, `${path.relative(ROOT, file)} is stale: run npm run generate`);
    }
  });

  it('the generated validators are used, and give the first error runtime ajv gives', () => {
    const samples: Record<string, unknown[]> = {
      rules: [
        JSON.parse(fs.readFileSync(path.join(ROOT, 'data/rules/wording.json'), 'utf8')),
        { rules: [{ id: 'x', kind: 'weird' }] },
        { rules: [], extra: 1 },
        { rules: [{ id: 'Bad Id', kind: 'nonstandard', explanation: 'e', source: 's', confidence: 'high', examples: { fire: ['a'], pass: ['b'] } }] },
      ],
      glossary: [JSON.parse(fs.readFileSync(path.join(ROOT, 'data/glossary.json'), 'utf8')), { entries: [{ term: '两个维护' }] }],
      patterns: [JSON.parse(fs.readFileSync(path.join(ROOT, 'data/patterns.json'), 'utf8')), { phrases: 'x' }],
      gongwenrc: [{ allow: ['甲'] }, { rules: { 'xi-zongshuji': 'loud' } }, { alow: [] }, { date: '2026-1-1' }, []],
    };
    for (const kind of VALIDATED_SCHEMAS) {
      assert.ok(usesGeneratedValidator(kind), `${kind}: the generated validator is not used`);
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/schema', `${kind}.schema.json`), 'utf8'));
      delete schema.$schema;
      const runtime = new Ajv({ allErrors: false, strict: false }).compile(schema);
      for (const s of samples[kind]) {
        const want = runtime(s) ? undefined : `格式不符：${describeSchemaError(runtime.errors![0])}`;
        assert.equal(schemaProblem(kind, s), want, `${kind}: ${JSON.stringify(s).slice(0, 80)}`);
      }
    }
  });
});

describe('the precompiled built-in data', () => {
  const fresh = compileBuiltinDataset();
  const bytes = serializeBuiltin(fresh.compiledParts(), 'test-build');
  /** The dataset the bundles build from a precompiled file (dataset.ts, loadBuiltinDataset). */
  const datasetOf = (r: PrecompiledResult): Dataset => {
    if ('why' in r) return assert.fail(r.why);
    return new Dataset(r.raw, { currentTo: fresh.currentTo, compiled: r.compiled });
  };
  const file = path.join(tmp, 'builtin-data.bin');
  fs.writeFileSync(file, bytes);

  it('loads into a dataset equal to one built from data/', () => {
    const ds = datasetOf(loadPrecompiled(file, 'test-build'));
    assert.deepEqual(ds.literals, fresh.literals);
    assert.deepEqual(ds.owners, fresh.owners);
    assert.deepEqual(ds.rules.map((x) => x.entry), fresh.rules.map((x) => x.entry));
    assert.deepEqual(ds.glossary.entries, fresh.glossary.entries);
    assert.equal(ds.currentTo, fresh.currentTo);
    const a = ds.compiledParts();
    const b = fresh.compiledParts();
    assert.deepEqual(a.anchors, b.anchors);
    for (const k of Object.keys(b.automaton) as Array<keyof typeof b.automaton>) assert.deepEqual(a.automaton[k], b.automaton[k], k);
  });

  it('checks exactly as the dataset built from data/ (seed corpus, and the public documents at their dates)', function () {
    this.timeout(120_000);
    const precompiled = datasetOf(loadPrecompiled(file, 'test-build'));
    const texts: Array<[string, string]> = fs
      .readdirSync(path.join(ROOT, 'data/corpus'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [fs.readFileSync(corpusFile(f), 'utf8'), '2026-06-01']);
    if (EXTERNAL) for (const f of fs.readdirSync(EXTERNAL).filter((x) => /^\d{4}-\d{2}-\d{2}_.*\.txt$/.test(x))) texts.push([fs.readFileSync(path.join(EXTERNAL, f), 'utf8'), f.slice(0, 10)]);
    let n = 0;
    for (const [text, date] of texts) {
      const got = check(text, { date, dataset: precompiled }).findings;
      assert.deepEqual(got, check(text, { date, dataset: fresh }).findings, date);
      n += got.length;
    }
    assert.ok(n > 100, `${n} findings`);
  });

  it('reads only the rules a check hits (a short draft: a few of the 400-odd), and they check as built from data/', () => {
    const r = loadPrecompiled(file, 'test-build');
    if ('why' in r) return assert.fail(r.why);
    const table = r.compiled.rules!;
    const read = new Set<number>();
    const entry = table.entry;
    table.entry = (i) => (read.add(i), entry(i));
    const ds = new Dataset(r.raw, { currentTo: fresh.currentTo, compiled: r.compiled });
    assert.equal(read.size, 0, 'no rule read to build the dataset');
    const text = fs.readFileSync(corpusFile(fs.readdirSync(path.join(ROOT, 'data/corpus')).filter((f) => f.endsWith('.txt')).sort()[0]), 'utf8');
    const got = check(text, { date: '2026-06-01', dataset: ds }).findings;
    assert.deepEqual(got, check(text, { date: '2026-06-01', dataset: fresh }).findings);
    assert.ok(got.length > 0 && read.size > 0, `${got.length} findings, ${read.size} rules read`);
    assert.ok(read.size < ds.rules.length / 5, `${read.size} of ${ds.rules.length} rules read`);
    assert.equal(ds.byId.get(fresh.rules[7].entry.id)?.entry.id, fresh.rules[7].entry.id);
  });

  it('is refused when not of this build, or when a data file changed since', () => {
    assert.deepEqual(loadPrecompiled(file, undefined), { why: '从源代码运行' });
    assert.deepEqual(loadPrecompiled(file, 'other-build'), { why: '不是本次构建生成的' });
    // A data file as stored differs from the one in data/ (as after editing a rule).
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + bytes.readUInt32LE(8)));
    const [, off] = header.blobs['file:rules/wording.json'];
    const edited = Buffer.from(bytes);
    edited[off + 20] ^= 1;
    const editedFile = path.join(tmp, 'edited.bin');
    fs.writeFileSync(editedFile, edited);
    assert.deepEqual(loadPrecompiled(editedFile, 'test-build'), { why: '数据文件 rules/wording.json 在构建之后改过' });
    const truncated = path.join(tmp, 'truncated.bin');
    fs.writeFileSync(truncated, bytes.subarray(0, 10));
    assert.deepEqual(loadPrecompiled(truncated, 'test-build'), { why: '文件格式不符' });
  });

  it('run from sources, the built-in dataset is built from data/', () => {
    assert.deepEqual(loadBuiltinDataset().literals, fresh.literals);
  });
});

describe('the bundled CLI', () => {
  it('uses the precompiled data, loads no schema validator for it, and agrees with the sources', async function () {
    this.timeout(180_000);
    const out = path.join('.cache', 'test-dist');
    execFileSync(process.execPath, ['scripts/build.mjs', '--only=cli', `--outdir=${out}`], { cwd: ROOT, stdio: 'pipe' });
    const cli = path.join(ROOT, out, 'cli.js');
    const sample = path.join(ROOT, 'data/samples/sample-speech.txt');
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['-e', `require(${JSON.stringify(cli)}).main(process.argv.slice(1)).then(c=>{process.exitCode=c})`, ...args], {
        encoding: 'utf8',
        env: { ...process.env, GONGWEN_TRACE_DATA: '1' },
      });
    const r = run(['check', '--format', 'json', '--date', '2026-06-01', sample]);
    assert.match(r.stderr, /内置数据：预编译/);
    assert.match(r.stderr, /代码缓存：已用/);
    const src = await runCli(['check', '--format', 'json', '--date', '2026-06-01', sample]);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(src.out));
    // A usage problem found inside a command's own bundle is reported as one, not as an internal
    // error (each bundle has its own copy of the error class).
    for (const bad of [['check', '--no-such-option', sample], ['mine', '--memory', 'abc', sample]]) {
      const u = run(bad);
      assert.equal(u.status, 2, u.stderr);
      assert.doesNotMatch(u.stderr, /内部错误/);
      assert.match(u.stderr, /^gongwen: .*(--no-such-option|--memory)/m);
    }
    // The check's code cache is used only with the very bundle it was made from: a bundle written
    // again (here: only its time changed) is compiled as usual, with the same findings.
    const bundle = path.join(ROOT, out, 'cli-check.js');
    const { mtime } = fs.statSync(bundle);
    fs.utimesSync(bundle, mtime, new Date(mtime.getTime() + 1000));
    const again = run(['check', '--format', 'json', '--date', '2026-06-01', sample]);
    assert.match(again.stderr, /代码缓存：未用/);
    assert.equal(again.stdout, r.stdout);
    // The empty check requires neither ajv nor the generated validators nor mammoth.
    const empty = path.join(tmp, 'empty.txt');
    fs.writeFileSync(empty, '');
    const probe = `const M=require('module');const seen=[];const o=M._load;M._load=function(r,...a){seen.push(r);return o.call(this,r,...a)};require(${JSON.stringify(cli)}).main(['check',${JSON.stringify(empty)}]).then(()=>console.log(JSON.stringify(seen)))`;
    const loaded = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    const seen = JSON.parse(loaded.stdout.trim().split('\n').pop()!) as string[];
    // (cli-check.js itself is compiled with its code cache, not through require.)
    assert.deepEqual(seen.filter((m) => /vendor|ajv|mammoth/.test(m)), [], seen.join(','));
    // The modules bundled on their own load and give what the code uses of them.
    const vendor = (name: string) => require(path.join(ROOT, out, 'vendor', `${name}.js`));
    assert.equal(typeof vendor('jsonc-parser').modify, 'function');
    assert.equal(typeof vendor('ajv').default, 'function');
    assert.equal(typeof vendor('mammoth').extractRawText, 'function');
    assert.equal(typeof vendor('jszip').loadAsync, 'function');
    assert.equal(typeof vendor('xmldom-xmldom').DOMParser, 'function');
    assert.equal(typeof vendor('validators').gongwenrc, 'function');
    // A Word draft through the bundle (jszip and xmldom from their chunks): checked, and annotated.
    const draft = path.join(tmp, 'draft.docx');
    fs.writeFileSync(draft, await docxFromBody(para(['要学习习总书记讲话精神。'])));
    const word = run(['check', '--format', 'json', '--date', '2026-06-01', draft]);
    assert.ok(JSON.parse(word.stdout).some((f: { ruleId: string }) => f.ruleId === 'xi-zongshuji'), word.stdout + word.stderr);
    const annotated = path.join(tmp, 'draft.批注.docx');
    const ann = run(['annotate', '--min-severity', 'hint', '--date', '2026-06-01', '-o', annotated, draft]);
    assert.ok(ann.status === 0 || ann.status === 1, ann.stderr);
    assert.match((await zipEntries(fs.readFileSync(annotated))).get('word/comments.xml')!.toString('utf8'), /习近平总书记/);
  });
});
