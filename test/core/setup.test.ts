/**
 * The checker's one builder (src/core/setup.ts) and the project configuration (src/core/project.ts):
 * layers, validation of severities against rule ids, the allow list, user files loaded one by one,
 * and the CLI on top of them (the upward search, bad configurations refused naming the file,
 * `gongwen outline` honouring what `gongwen check` honours).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../../src/core/check';
import { DataError } from '../../src/core/data';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { findProjectConfig, readProjectConfig, withAllowedPhrase, writeProjectConfig } from '../../src/core/project';
import { buildChecker, CATEGORIES, CODE_RULE_IDS } from '../../src/core/setup';
import { findAllowed, isAllowed } from '../../src/core/suppress';
import { runCli } from '../support/cli';
import { corpusFile, FAILING_EXAMPLES, fixture, ROOT } from '../support/data';
import { fixtureFiles, loadFixture } from '../rules/harness';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-setup-'));
function write(rel: string, data: string): string {
  const p = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

const DRAFT = '要把习总书记的嘱托落到实处，坚持以习近平同志为总书记的党中央的领导。\n';
const ids = (findings: Array<{ ruleId: string }>) => findings.map((f) => f.ruleId).sort();

const REGEX_RULE = JSON.stringify({
  rules: [
    {
      id: 'user-zuochu',
      kind: 'nonstandard',
      regex: ['做出(了)?(应有的)?贡献'],
      triggers: ['做出'],
      replacement: '作出$1$2贡献',
      explanation: '“作出贡献”用“作”。',
      source: 'test',
      confidence: 'high',
      examples: { fire: ['大家做出了应有的贡献。'], pass: ['做出样品。'] },
    },
  ],
});

describe('buildChecker: one builder for both fronts', () => {
  it('with no inputs: the built-in data and the plain check', () => {
    const c = buildChecker();
    assert.equal(c.dataset, loadBuiltinDataset());
    assert.deepEqual(c.problems, []);
    const text = fs.readFileSync(corpusFile('001_adaabb19d8d79920.txt'), 'utf8');
    assert.deepEqual(c.check(text).findings, check(text, { dataset: loadBuiltinDataset() }).findings);
  });

  it('refuses a user rule file whose examples fail, naming it; the built-in rules and other files still load', () => {
    const bad = write('examples.gongwen-rules.json', FAILING_EXAMPLES);
    const good = write('good.gongwen-rules.json', REGEX_RULE);
    const c = buildChecker({ layers: [{ origin: 'settings', ruleFiles: [bad, good] }] });
    assert.equal(c.errors.length, 1);
    assert.equal(c.errors[0].file, bad);
    assert.match(c.errors[0].message, /user-jiguan 的示例未通过/);
    assert.ok(!c.dataset.byId.has('user-jiguan'));
    assert.ok(c.dataset.byId.has('user-zuochu'));
    assert.ok(c.dataset.byId.has('xi-zongshuji'));
    assert.deepEqual(ids(c.check('加强机关党建。大家做出了应有的贡献。', 'plaintext').findings.filter((f) => f.ruleId.startsWith('user-'))), ['user-zuochu']);
  });

  it('each bad user file is reported on its own: missing, not JSON, schema, duplicate id', () => {
    const files = [
      path.join(tmp, 'missing.gongwen-rules.json'),
      write('broken.gongwen-rules.json', '{ "rules": ['),
      write('schema.gongwen-rules.json', JSON.stringify({ rules: [{ id: 'x', kind: 'weird' }] })),
      write('dup.gongwen-rules.json', REGEX_RULE.replace('user-zuochu', 'xi-zongshuji')),
    ];
    const c = buildChecker({ layers: [{ origin: 'cli', ruleFiles: files }] });
    assert.deepEqual(c.errors.map((e) => path.basename(e.file!)), files.map((f) => path.basename(f)));
    assert.match(c.errors[0].message, /文件不存在/);
    assert.match(c.errors[1].message, /不是有效的 JSON/);
    assert.match(c.errors[2].message, /格式不符/);
    assert.match(c.errors[3].message, /xi-zongshuji 与内置规则重复/);
  });

  it('untrusted: regex rules of user files are left out with a notice, literal rules load', () => {
    const file = write('untrusted.gongwen-rules.json', REGEX_RULE);
    const c = buildChecker({ layers: [{ origin: 'project', ruleFiles: [file] }], trusted: false });
    assert.ok(!c.dataset.byId.has('user-zuochu'));
    assert.deepEqual(c.errors, []);
    assert.equal(c.problems[0].level, 'notice');
    assert.match(c.problems[0].message, /user-zuochu/);
    assert.ok(buildChecker({ layers: [{ origin: 'project', ruleFiles: [file] }], trusted: true }).dataset.byId.has('user-zuochu'));
  });

  it('validates severity keys against the rule ids and categories, and levels', () => {
    const c = buildChecker({
      layers: [{ origin: 'project', file: '/p/.gongwenrc.json', rules: { 'xi-zongshuji': 'error', outline: 'hint', 'outline-gap': 'off', 'no-such-rule': 'off', 'punct-ascii': 'loud' } }],
    });
    assert.deepEqual(c.severity, { 'xi-zongshuji': 'error', outline: 'hint', 'outline-gap': 'off' });
    assert.equal(c.errors.length, 2);
    assert.match(c.errors[0].message, /^\/p\/\.gongwenrc\.json：未知的规则编号“no-such-rule”/);
    assert.match(c.errors[1].message, /规则“punct-ascii”的级别“loud”无效/);
  });

  it('every rule id the checker reports is a known id (data or code), so it can be configured', () => {
    const ds = loadBuiltinDataset();
    const known = new Set([...CODE_RULE_IDS, ...ds.byId.keys()]);
    const texts = [
      ...fs.readdirSync(path.join(ROOT, 'data', 'corpus')).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(corpusFile(f), 'utf8')),
      ...fixtureFiles().map((f) => loadFixture(f).text),
      fs.readFileSync(path.join(ROOT, 'data', 'samples', 'sample-speech.txt'), 'utf8'),
      '他说,“两个维护”(要点)。“没有收尾\n中共中央、国务院印发的“十四五”规划、“十五五”规划\n',
    ];
    const seen = new Set<string>();
    for (const t of texts) for (const d of ['2020-06-01', '2026-06-01', '2027-06-01']) for (const f of check(t, { date: d }).findings) seen.add(f.ruleId);
    assert.ok(seen.size >= 15, [...seen].join(','));
    assert.deepEqual([...seen].filter((id) => !known.has(id)), []);
    for (const c of CATEGORIES) assert.ok(!known.has(c), `category ${c} is also a rule id`);
  });

  it('layers: a later layer wins key by key; allow lists and files are the union; the last date wins', () => {
    const c = buildChecker({
      layers: [
        { origin: 'settings', rules: { 'xi-zongshuji': 'hint', outdated: 'info' }, allow: ['甲'], date: '2025-01-01' },
        { origin: 'project', rules: { 'xi-zongshuji': 'error' }, allow: ['乙', '甲'] },
        { origin: 'cli', date: '2026-03-01' },
      ],
    });
    assert.deepEqual(c.severity, { 'xi-zongshuji': 'error', outdated: 'info' });
    assert.deepEqual([...c.allow], ['甲', '乙']);
    assert.equal(c.date, '2026-03-01');
    assert.equal(c.dateOrigin, 'cli');
    const sev = Object.fromEntries(c.check(DRAFT).findings.map((f) => [f.ruleId, f.severity]));
    assert.equal(sev['xi-zongshuji'], 'error');
    assert.equal(Object.entries(sev).find(([id]) => id !== 'xi-zongshuji')?.[1], 'info');
    const bad = buildChecker({ layers: [{ origin: 'settings', date: '2026/01/01' }] });
    assert.equal(bad.date, undefined);
    assert.match(bad.errors[0].message, /2026\/01\/01/);
  });

  it('severities are applied once, by the core: the findings a checker returns are final', () => {
    // Settings say hint, the project says error: what a second pass over the settings would undo.
    const c = buildChecker({ layers: [{ origin: 'settings', rules: { 'xi-zongshuji': 'hint' } }, { origin: 'project', rules: { 'xi-zongshuji': 'error' } }] });
    const f = c.check(DRAFT).findings.find((x) => x.ruleId === 'xi-zongshuji');
    assert.equal(f?.severity, 'error');
    const off = buildChecker({ layers: [{ origin: 'settings', rules: { outdated: 'off' } }] });
    assert.ok(!off.check(DRAFT).findings.some((x) => x.category === 'outdated'));
  });
});

describe('the allow list', () => {
  it('drops a finding whose range lies inside an occurrence of an allowed phrase, and only those', () => {
    const text = '坚持以习近平同志为总书记的党中央的领导。学习习总书记讲话。再学习习总书记讲话。';
    const all = check(text, { date: '2026-06-01' }).findings;
    assert.ok(all.some((f) => f.ruleId === 'xi-zongshuji'));
    // The exact phrase: every occurrence goes.
    const exact = check(text, { date: '2026-06-01', allow: ['习总书记'] }).findings;
    assert.deepEqual(ids(exact), ids(all.filter((f) => f.ruleId !== 'xi-zongshuji')));
    // A longer phrase holding the flagged words: only the occurrence inside it goes.
    const longer = check(text, { date: '2026-06-01', allow: ['再学习习总书记讲话'] }).findings.filter((f) => f.ruleId === 'xi-zongshuji');
    assert.equal(longer.length, all.filter((f) => f.ruleId === 'xi-zongshuji').length - 1);
    // A phrase that only overlaps the flagged words keeps the finding.
    assert.deepEqual(check(text, { date: '2026-06-01', allow: ['总书记讲话'] }).findings, all);
  });

  it('compares with quotes folded, and treats an insertion point as inside only when strictly inside', () => {
    const text = '增强“四个意识”和"两个维护"。';
    assert.deepEqual(findAllowed(text, ['"四个意识"', '“两个维护”']), [
      [2, 8],
      [9, 15],
    ]);
    const r = findAllowed(text, ['四个意识']);
    assert.ok(isAllowed(r, 3, 7) && isAllowed(r, 4, 4) && !isAllowed(r, 3, 3) && !isAllowed(r, 7, 7) && !isAllowed(r, 2, 7));
  });
});

describe('.gongwenrc.json', () => {
  it('is found upward from the file; the nearest one applies', () => {
    const top = write('proj/.gongwenrc.json', '{ "allow": ["甲"] }');
    const inner = write('proj/a/b/.gongwenrc.json', '{ "allow": ["乙"] }');
    fs.mkdirSync(path.join(tmp, 'proj/a/b/c'), { recursive: true });
    assert.equal(findProjectConfig(path.join(tmp, 'proj/a/b/c')), inner);
    assert.equal(findProjectConfig(path.join(tmp, 'proj/a')), top);
    assert.equal(findProjectConfig(path.join(tmp, 'proj/a'), path.join(tmp, 'proj/a')), undefined);
  });

  it('reads every key; paths are relative to the file', () => {
    const file = write(
      'keys/.gongwenrc.json',
      JSON.stringify({ $schema: 'x', rules: { outline: 'off' }, allow: ['某说法'], date: '2026-01-05', ruleFiles: ['r/u.gongwen-rules.json'], glossaryFiles: ['g.json'], archive: ['历年文稿', '/abs/dir'] }),
    );
    const c = readProjectConfig(file);
    const dir = path.dirname(file);
    assert.deepEqual(c, {
      file,
      rules: { outline: 'off' },
      allow: ['某说法'],
      date: '2026-01-05',
      ruleFiles: [path.join(dir, 'r/u.gongwen-rules.json')],
      glossaryFiles: [path.join(dir, 'g.json')],
      archive: [path.join(dir, '历年文稿'), '/abs/dir'],
    });
  });

  it('refuses a malformed file with a DataError naming it, in Chinese', () => {
    const cases: Array<[string, RegExp]> = [
      ['{ "allow": [ ', /不是有效的 JSON/],
      ['{ "alow": ["x"] }', /多余字段 “alow”/],
      ['{ "rules": { "xi-zongshuji": "loud" } }', /\/rules\/xi-zongshuji 应为 off、error、warning、info、hint 之一/],
      ['{ "date": "2026-1-5" }', /\/date 格式不对/],
      ['{ "allow": "x" }', /\/allow 应为数组/],
      ['[]', /（顶层） 应为对象/],
    ];
    cases.forEach(([body, want], i) => {
      const file = write(`bad${i}/.gongwenrc.json`, body);
      assert.throws(
        () => readProjectConfig(file),
        (e: unknown) => e instanceof DataError && e.file === file && want.test(e.message),
        body,
      );
    });
  });

  it('a changed file is read again', () => {
    const file = write('changing/.gongwenrc.json', '{ "allow": ["一"] }');
    assert.deepEqual(readProjectConfig(file).allow, ['一']);
    fs.writeFileSync(file, '{ "allow": ["一", "二二"] }');
    assert.deepEqual(readProjectConfig(file).allow, ['一', '二二']);
  });
});

describe('adding a phrase to the allow list keeps the rest of the file', () => {
  it('creates the list, appends to it, keeps formatting and other keys, and leaves a present phrase alone', () => {
    assert.deepEqual(JSON.parse(withAllowedPhrase('', '习总书记')), { allow: ['习总书记'] });
    const four = '{\n    "rules": {\n        "outline": "off"\n    },\n    "date": "2026-01-05"\n}\n';
    const added = withAllowedPhrase(four, '甲');
    assert.deepEqual(JSON.parse(added), { rules: { outline: 'off' }, date: '2026-01-05', allow: ['甲'] });
    assert.ok(added.startsWith('{\n    "rules": {\n        "outline": "off"\n    },\n    "date": "2026-01-05",'), added);
    assert.match(added, /\n {4}"allow": \[/);
    const twice = withAllowedPhrase(added, '乙');
    assert.deepEqual(JSON.parse(twice).allow, ['甲', '乙']);
    assert.ok(twice.startsWith(added.slice(0, added.indexOf('"allow"'))));
    assert.equal(withAllowedPhrase(twice, '甲'), twice);
    const crlf = withAllowedPhrase('{\r\n  "date": "2026-01-05"\r\n}\r\n', '丙');
    assert.ok(!/[^\r]\n/.test(crlf), JSON.stringify(crlf));
    assert.throws(() => withAllowedPhrase('{ "allow": ', '甲', 'f.json'), /f\.json.*不是有效的 JSON 对象/);
    assert.throws(() => withAllowedPhrase('{ "allow": "甲" }', '乙', 'f.json'), /“allow” 应为字符串数组/);
  });

  it('writes atomically, keeping the file mode', () => {
    const file = write('atomic/.gongwenrc.json', '{}\n');
    fs.chmodSync(file, 0o640);
    writeProjectConfig(file, withAllowedPhrase('{}\n', '甲'));
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { allow: ['甲'] });
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.gongwenrc.json']);
  });
});

describe('the CLI with a project configuration', () => {
  const DATED = '关于打赢脱贫攻坚战的讲话\n要坚持以习近平同志为总书记的党中央的领导，学习习总书记讲话。\n';
  it('applies the nearest .gongwenrc.json of each file: rules, allow, date', async () => {
    const plain = write('cli/plain/draft.txt', DATED);
    const conf = write('cli/conf/.gongwenrc.json', JSON.stringify({ rules: { 'xi-zongshuji': 'error' }, allow: ['以习近平同志为总书记的党中央'], date: '2020-06-01' }));
    const configured = write('cli/conf/sub/draft.txt', DATED);
    const a = JSON.parse((await runCli(['check', '--format', 'json', '--date', '2026-06-01', plain])).out);
    const b = JSON.parse((await runCli(['check', '--format', 'json', configured])).out);
    assert.ok(a.some((f: { message: string }) => f.message.includes('以习近平同志为总书记的党中央')));
    assert.ok(!b.some((f: { message: string }) => f.message.includes('以习近平同志为总书记的党中央')), JSON.stringify(b));
    assert.equal(b.find((f: { ruleId: string }) => f.ruleId === 'xi-zongshuji')?.severity, 'error');
    // The project's date (2020) holds: nothing dated after it fires; --date overrides it.
    const r = await runCli(['check', configured]);
    assert.match(r.err, /参考日期 2020-06-01/);
    assert.match((await runCli(['check', '--date', '2026-06-01', configured])).err, /参考日期 2026-06-01/);
    assert.ok(fs.existsSync(conf));
  });

  it('--config uses one file for every input, --no-config none', async () => {
    const conf = write('cli2/elsewhere.json', JSON.stringify({ rules: { outdated: 'off', nonstandard: 'off' } }));
    const draft = write('cli2/d/draft.txt', DATED);
    write('cli2/d/.gongwenrc.json', JSON.stringify({ rules: { 'xi-zongshuji': 'hint' } }));
    const withConfig = await runCli(['check', '--format', 'json', '--config', conf, draft]);
    assert.deepEqual(JSON.parse(withConfig.out).filter((f: { category: string }) => f.category === 'outdated' || f.category === 'nonstandard'), []);
    const none = JSON.parse((await runCli(['check', '--format', 'json', '--no-config', '--date', '2026-06-01', draft])).out);
    assert.equal(none.find((f: { ruleId: string }) => f.ruleId === 'xi-zongshuji')?.severity, 'info');
    const nearest = JSON.parse((await runCli(['check', '--format', 'json', '--date', '2026-06-01', draft])).out);
    assert.equal(nearest.find((f: { ruleId: string }) => f.ruleId === 'xi-zongshuji')?.severity, 'hint');
  });

  it('a malformed configuration: exit 2, one line naming it, nothing checked', async () => {
    const bad = write('cli3/.gongwenrc.json', '{ "rules": { "no-such-rule": "off" } }');
    const r = await runCli(['check', '--format', 'json', write('cli3/draft.txt', DATED)]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 1, r.err);
    assert.ok(lines[0].includes(bad) && lines[0].includes('no-such-rule'), lines[0]);
    const broken = write('cli4/.gongwenrc.json', '{ "allow": [');
    const r2 = await runCli(['check', write('cli4/draft.txt', DATED)]);
    assert.equal(r2.code, 2);
    assert.equal(r2.err.trim().split('\n').length, 1, r2.err);
    assert.ok(r2.err.includes(broken), r2.err);
  });

  it('ruleFiles of the configuration load relative to it, and their examples must pass', async () => {
    write('cli5/rules/team.gongwen-rules.json', REGEX_RULE);
    write('cli5/.gongwenrc.json', JSON.stringify({ ruleFiles: ['rules/team.gongwen-rules.json'] }));
    const r = await runCli(['check', write('cli5/draft.txt', '大家做出了应有的贡献。')]);
    assert.match(r.out, /user-zuochu/);
    write('cli6/rules/team.gongwen-rules.json', FAILING_EXAMPLES);
    write('cli6/.gongwenrc.json', JSON.stringify({ ruleFiles: ['rules/team.gongwen-rules.json'] }));
    const bad = await runCli(['check', write('cli6/draft.txt', '加强机关党建。')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /team\.gongwen-rules\.json: 规则 user-jiguan 的示例未通过/);
  });
});

describe('gongwen outline honours what gongwen check honours', () => {
  const GAP = '一、总体要求\n内容。\n三、重点任务\n内容。\n';
  const problems = async (file: string) => JSON.parse((await runCli(['outline', '--format', 'json', file])).out).problems.map((p: { ruleId: string }) => p.ruleId);
  it('gongwen-disable comments', async () => {
    assert.deepEqual(await problems(write('ol/plain.txt', GAP)), ['outline-gap']);
    assert.deepEqual(await problems(write('ol/disabled.txt', GAP.replace('三、', 'gongwen-disable-next-line outline-gap\n三、'))), []);
    assert.deepEqual(await problems(write('ol/file.md', `<!-- gongwen-disable outline-gap -->\n${GAP}`)), []);
    const text = (await runCli(['outline', write('ol/disabled2.txt', `gongwen-disable\n${GAP}`)])).out;
    assert.match(text, /提纲层次无问题/);
  });
  it('the project configuration’s levels, like check', async () => {
    write('ol2/.gongwenrc.json', JSON.stringify({ rules: { 'outline-gap': 'off' } }));
    const file = write('ol2/draft.txt', GAP);
    assert.deepEqual(await problems(file), []);
    const checked = JSON.parse((await runCli(['check', '--format', 'json', file])).out);
    assert.ok(!checked.some((f: { ruleId: string }) => f.ruleId === 'outline-gap'));
  });
});
