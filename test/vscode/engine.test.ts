/**
 * The extension's engine (src/vscode/engine.ts) run against a stand-in for the 'vscode' module:
 * it builds its checker through the core's one builder, so it behaves as the CLI does — a user
 * rule file whose examples fail is refused (a notification naming it), severities are applied once
 * (a project configuration's level is not undone by the settings), the project configuration and
 * its allow list apply — and the allow-list quick fix writes the phrase into .gongwenrc.json.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildChecker } from '../../src/core/setup';
import { runCli } from '../support/cli';
import { installVscodeStub } from '../support/vscode-stub';
import { FAILING_EXAMPLES } from '../support/data';

const vs = installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const engine = require('../../src/vscode/engine') as typeof import('../../src/vscode/engine');
const allowList = require('../../src/vscode/allowList') as typeof import('../../src/vscode/allowList');
/* eslint-enable @typescript-eslint/no-require-imports */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-engine-'));
function write(rel: string, data: string): string {
  const p = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

const DRAFT = '加强机关党建。要坚持以习近平同志为总书记的党中央的领导，学习习总书记讲话。\n';

describe('the extension engine builds its checker as the CLI does', () => {
  beforeEach(() => {
    vs.reset();
    engine.invalidateDataset();
  });

  it('a user rule file whose examples fail is refused with a notification naming it (the CLI refuses it too)', async () => {
    const rules = write('a/team.gongwen-rules.json', FAILING_EXAMPLES);
    vs.folders = [path.join(tmp, 'a')];
    vs.config['gongwen.rules.files'] = [rules];
    const draft = write('a/draft.txt', DRAFT);
    const res = await engine.checkDocument(vs.document(draft, DRAFT) as never);
    assert.ok(!res.findings.some((f) => f.ruleId === 'user-jiguan'), 'the rule was loaded');
    assert.ok(res.findings.some((f) => f.ruleId === 'xi-zongshuji'), 'the built-in rules stopped working');
    assert.equal(vs.messages.length, 1, JSON.stringify(vs.messages));
    assert.equal(vs.messages[0].level, 'error');
    assert.ok(vs.messages[0].text.includes(rules) && vs.messages[0].text.includes('user-jiguan'), vs.messages[0].text);
    // Once per problem, not at every check.
    await engine.checkDocument(vs.document(draft, DRAFT) as never);
    assert.equal(vs.messages.length, 1);
    const cli = await runCli(['check', '--rules', rules, draft]);
    assert.equal(cli.code, 2);
    assert.ok(cli.err.includes('user-jiguan'));
  });

  it('gives the findings the CLI gives for the same inputs (settings as flags, the same project configuration)', async () => {
    write('b/.gongwenrc.json', JSON.stringify({ rules: { 'xi-zongshuji': 'error' }, allow: ['机关党建'] }));
    const draft = write('b/sub/draft.txt', DRAFT);
    vs.folders = [path.join(tmp, 'b')];
    vs.config['gongwen.referenceDate'] = '2026-06-01';
    const res = await engine.checkDocument(vs.document(draft, DRAFT) as never);
    const cli = JSON.parse((await runCli(['check', '--format', 'json', '--date', '2026-06-01', draft])).out);
    assert.deepEqual(
      res.findings.map((f) => [f.ruleId, f.severity, DRAFT.slice(f.start, f.end)]),
      cli.map((f: { ruleId: string; severity: string; column: number; endColumn: number }) => [f.ruleId, f.severity, DRAFT.slice(f.column - 1, f.endColumn - 1)]),
    );
    assert.equal(res.findings.find((f) => f.ruleId === 'xi-zongshuji')?.severity, 'error');
    assert.equal(res.dateOrigin, 'settings');
  });

  it('applies severities once: the project’s level is not undone by the settings', async () => {
    write('c/.gongwenrc.json', JSON.stringify({ rules: { 'xi-zongshuji': 'error' } }));
    const draft = write('c/draft.txt', DRAFT);
    vs.folders = [path.join(tmp, 'c')];
    vs.config['gongwen.severity'] = { 'xi-zongshuji': 'hint', outdated: 'off' };
    const res = await engine.checkDocument(vs.document(draft, DRAFT) as never);
    assert.equal(res.findings.find((f) => f.ruleId === 'xi-zongshuji')?.severity, 'error');
    assert.ok(!res.findings.some((f) => f.category === 'outdated'));
    const core = buildChecker({ layers: [{ origin: 'settings', rules: { 'xi-zongshuji': 'hint', outdated: 'off' } }, { origin: 'project', rules: { 'xi-zongshuji': 'error' } }] });
    assert.deepEqual(res.findings, core.check(DRAFT).findings);
  });

  it('an unknown rule id in the settings is reported; a malformed project configuration too, and the built-in checks go on', async () => {
    vs.config['gongwen.severity'] = { 'xi-zongshuj': 'off' };
    write('d/.gongwenrc.json', '{ "rules": ');
    const draft = write('d/draft.txt', DRAFT);
    vs.folders = [path.join(tmp, 'd')];
    const res = await engine.checkDocument(vs.document(draft, DRAFT) as never);
    assert.ok(res.findings.some((f) => f.ruleId === 'xi-zongshuji'));
    const texts = vs.messages.map((m) => m.text);
    assert.ok(texts.some((t) => t.includes('.gongwenrc.json') && t.includes('不是有效的 JSON')), texts.join('\n'));
    assert.ok(texts.some((t) => t.includes('xi-zongshuj')), texts.join('\n'));
  });

  it('the date: the draft’s date line, settings, project configuration, then one set for the document', async () => {
    const draft = write('e/draft.txt', DRAFT + '\n2021年3月1日\n');
    vs.folders = [path.join(tmp, 'e')];
    const doc = vs.document(draft, DRAFT + '\n2021年3月1日\n');
    assert.deepEqual(await dated(), ['2021-03-01', 'document']);
    vs.config['gongwen.referenceDate'] = '2022-01-01';
    assert.deepEqual(await dated(), ['2022-01-01', 'settings']);
    write('e/.gongwenrc.json', '{ "date": "2023-01-01" }');
    assert.deepEqual(await dated(), ['2023-01-01', 'project']);
    engine.setSessionDate(doc.uri as never, '2024-01-01');
    assert.deepEqual(await dated(), ['2024-01-01', 'session']);
    engine.setSessionDate(doc.uri as never, undefined);
    assert.deepEqual(await dated(), ['2023-01-01', 'project']);
    async function dated() {
      const r = await engine.checkDocument(doc as never);
      return [r.date, r.dateOrigin];
    }
  });

  it('the archive to mine: the folders of the settings and of the project configuration, one list', async () => {
    const draft = write('mine/draft.txt', DRAFT);
    vs.folders = [path.join(tmp, 'mine')];
    const doc = vs.document(draft, DRAFT);
    vs.config['gongwen.mining.folders'] = [path.join(tmp, 'mine', '旧稿')];
    write('mine/.gongwenrc.json', '{ "archive": ["历年文稿"] }');
    const checker = await engine.checkerFor(doc as never);
    assert.deepEqual([...checker.archive], [path.join(tmp, 'mine', '旧稿'), path.join(tmp, 'mine', '历年文稿')]);
  });

  it('untrusted workspace: regex rules from the project’s ruleFiles are not loaded (a notice says so)', async () => {
    write('f/r.gongwen-rules.json', JSON.stringify({
      rules: [
        {
          id: 'user-zuochu',
          kind: 'nonstandard',
          regex: ['做出(了)?贡献'],
          triggers: ['做出'],
          replacement: '作出$1贡献',
          explanation: '“作出贡献”用“作”。',
          source: 'test',
          confidence: 'high',
          examples: { fire: ['大家做出了贡献。'], pass: ['做出样品。'] },
        },
      ],
    }));
    write('f/.gongwenrc.json', '{ "ruleFiles": ["r.gongwen-rules.json"] }');
    const draft = write('f/draft.txt', '大家做出了贡献。');
    vs.folders = [path.join(tmp, 'f')];
    vs.trusted = false;
    const res = await engine.checkDocument(vs.document(draft, '大家做出了贡献。') as never);
    assert.ok(!res.findings.some((f) => f.ruleId === 'user-zuochu'));
    assert.equal(vs.messages[0]?.level, 'info');
    assert.match(vs.messages[0].text, /受限模式.*user-zuochu/);
    vs.trusted = true;
    engine.invalidateDataset();
    const trusted = await engine.checkDocument(vs.document(draft, '大家做出了贡献。') as never);
    assert.ok(trusted.findings.some((f) => f.ruleId === 'user-zuochu'));
  });
});

describe('the allow-list quick fix (加入本项目允许列表)', () => {
  beforeEach(() => {
    vs.reset();
    engine.invalidateDataset();
  });

  it('creates .gongwenrc.json at the workspace folder root, and the finding is gone at the next check', async () => {
    const root = path.join(tmp, 'g');
    const draft = write('g/sub/draft.txt', DRAFT);
    vs.folders = [root];
    const doc = vs.document(draft, DRAFT);
    const before = await engine.checkDocument(doc as never);
    const f = before.findings.find((x) => x.ruleId === 'xi-zongshuji')!;
    const phrase = allowList.allowablePhrase(f, DRAFT)!;
    assert.equal(phrase, '习总书记');
    assert.equal(allowList.allowListTarget(doc.uri as never), path.join(root, '.gongwenrc.json'));
    await allowList.allowPhrase(doc.uri.toString(), phrase);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, '.gongwenrc.json'), 'utf8')), { allow: ['习总书记'] });
    const after = await engine.checkDocument(doc as never);
    assert.ok(!after.findings.some((x) => x.ruleId === 'xi-zongshuji'));
    assert.equal(after.findings.length, before.findings.length - 1);
  });

  it('adds to the configuration that applies, keeping the rest of it', async () => {
    const conf = write('h/.gongwenrc.json', '{\n\t"rules": { "outline": "off" },\n\t"allow": [\n\t\t"甲"\n\t]\n}\n');
    const draft = write('h/a/b/draft.txt', DRAFT);
    vs.folders = [path.join(tmp, 'h', 'a')];
    await allowList.allowPhrase(vs.document(draft, DRAFT).uri.toString(), '以习近平同志为总书记的党中央');
    const text = fs.readFileSync(conf, 'utf8');
    assert.ok(text.startsWith('{\n\t"rules": { "outline": "off" },\n\t"allow": [\n\t\t"甲",\n\t\t"以习近平同志为总书记的党中央"\n\t]'), text);
    assert.equal(vs.messages.at(-1)?.level, 'info');
  });

  it('is offered only for wording findings with a phrase (not outline numbering, not the data-currency note)', () => {
    const text = '一、甲\n三、乙\n习总书记';
    const findings = buildChecker().check(text, 'plaintext', { today: '2027-06-01' }).findings;
    const offered = findings.filter((f) => allowList.allowablePhrase(f, text)).map((f) => f.ruleId);
    assert.deepEqual(offered, ['xi-zongshuji']);
    assert.ok(findings.some((f) => f.ruleId === 'outline-gap') && findings.some((f) => f.ruleId === 'data-currency'));
  });
});
