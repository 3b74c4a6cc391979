import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { ruleRegistry } from '../../src/core/registry';
import { runCli } from '../support/cli';
import { fixture } from '../support/data';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-rules-'));

describe('gongwen rules', () => {
  const all = ruleRegistry(loadBuiltinDataset());
  it('lists every rule by category with its default severity and description, and where the docs are', async () => {
    const r = await runCli(['rules']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^提纲层次（outline，\d+ 条）$/m);
    assert.match(r.out, /^ {2}outline-gap +警告 {2}编号跳号，或一组编号不从“一”开始$/m);
    assert.match(r.out, /^ {2}outline-single +提示 {2}/m);
    for (const e of all) assert.ok(r.out.includes(`  ${e.id} `), e.id);
    assert.match(r.out, new RegExp(`共 ${all.length} 条规则`));
    assert.match(r.out, /docs[\\/]rules[\\/]<编号>\.md/);
  });
  it('--format json: id, category, severity, description, tags, origin and the docs page (a file that exists)', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.equal(list.length, all.length);
    const gap = list.find((x) => x.id === 'outline-gap')!;
    assert.deepEqual(
      { ...gap, docsFile: undefined },
      { id: 'outline-gap', category: 'outline', severity: 'warning', defaultOff: false, description: '编号跳号，或一组编号不从“一”开始', tags: ['提纲', '编号'], origin: 'code', docs: 'docs/rules/outline-gap.md', docsFile: undefined },
    );
    for (const x of list) assert.ok(fs.existsSync(x.docsFile as string), String(x.id));
    assert.ok(list.some((x) => x.origin === 'data'));
    assert.equal(list.find((x) => x.id === 'punct-dunhao-quoted')?.defaultOff, true);
  });
  it('a user rule file adds its rules, without a docs page', async () => {
    const r = await runCli(['rules', '--format', 'json', '--rules', fixture('rules', 'engine.gongwen-rules.json')]);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.out) as Array<{ id: string; docs: string | null }>;
    const user = JSON.parse(fs.readFileSync(fixture('rules', 'engine.gongwen-rules.json'), 'utf8')).rules[0].id as string;
    const entry = list.find((x) => x.id === user && x.docs === null);
    assert.ok(entry, user);
  });
  it('bad usage exits 2 with one line', async () => {
    const r = await runCli(['rules', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1);
  });
});

describe('gongwen check --severity', () => {
  const draft = path.join(tmp, 'gap.txt');
  fs.writeFileSync(draft, '一、总体要求\n三、主要措施\n');
  it('changes a rule’s severity or switches it off, by id or category', async () => {
    assert.equal((await runCli(['check', draft])).code, 1);
    const off = await runCli(['check', '--severity', 'outline-gap=off', draft]);
    assert.equal(off.code, 0);
    assert.equal(off.out, '');
    const info = await runCli(['check', '--severity=outline=info', draft]);
    assert.equal(info.code, 0);
    assert.match(info.out, /gap\.txt:2:1 info outline-gap /);
  });
  it('an unknown rule id or a bad level: exit 2, one Chinese line naming it', async () => {
    const r = await runCli(['check', '--severity', 'outline-gapp=off', draft]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err.trim(), 'gongwen: --severity：未知的规则编号“outline-gapp”（运行 gongwen rules 可列出全部规则；也可写类别 outdated、nonstandard、outline、punctuation）');
    const bad = await runCli(['check', '--severity', 'outline-gap=loud', draft]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /级别“loud”无效/);
    const form = await runCli(['check', '--severity', 'outline-gap', draft]);
    assert.equal(form.code, 2);
    assert.match(form.err, /规则编号=级别/);
  });
});
