import { strict as assert } from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../../src/core/check';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { TextDoc } from '../../src/core/text';
import type { Finding } from '../../src/core/types';
import { JsonLines, toJson } from '../../src/cli/commands/check';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../support/cli';
import { corpusFile, fixture, ROOT } from '../support/data';

const SAMPLE = path.join(ROOT, 'data', 'samples', 'sample-speech.txt');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-cli-'));
const write = (name: string, data: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, data);
  return p;
};
const DRAFT = '落实习总书记的嘱托,注重从学习总书记重要指示中找办法。';

describe('gongwen check', () => {
  it('prints file:line:col severity ruleId message and exits 1 on warnings', async () => {
    const r = await runCli(['check', '--date', '2026-06-01', SAMPLE]);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.length >= 5);
    for (const l of lines) assert.match(l, /^.+sample-speech\.txt:\d+:\d+ (error|warning|info|hint) [a-z0-9-]+ \S/);
    assert.ok(lines.some((l) => /:7:34 warning \S+ “以习近平同志为总书记的党中央”/.test(l)), r.out);
    assert.match(r.err, /参考日期 2026-06-01/);
  });
  it('--format json gives the documented fields, with fix when there is one', async () => {
    const r = await runCli(['check', '--format', 'json', '--date', '2026-06-01', SAMPLE]);
    const arr = JSON.parse(r.out);
    assert.ok(Array.isArray(arr) && arr.length >= 5);
    for (const f of arr) {
      for (const k of ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'ruleId', 'category', 'message']) assert.ok(k in f, k);
    }
    const core = arr.find((f: { fix?: string }) => f.fix === '以习近平同志为核心的党中央');
    assert.ok(core);
    assert.deepEqual([core.line, core.column, core.endLine, core.endColumn], [7, 34, 7, 48]);
    assert.equal(core.category, 'outdated');
  });
  it('--format json: one finding per line, the bytes of JSON.stringify, alike through out and outBytes', async () => {
    // Two files in one run (the second one's first line led by a comma), a name that must be
    // escaped, a seed speech with many findings that repeat their rule's text, and the sample.
    const dir = fs.mkdtempSync(path.join(tmp, 'json-'));
    const odd = path.join(dir, '讲话"稿\\甲.txt');
    fs.copyFileSync(corpusFile('003_e202da5d409c69b3.txt'), odd);
    const args = ['check', '--format', 'json', '--date', '2026-06-01', odd, SAMPLE];
    const r = await runCli(args);
    const arr = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.ok(arr.length > 100 && arr[0].file === odd && arr[arr.length - 1].file === SAMPLE, r.out.slice(0, 300));
    assert.equal(r.out, `[\n${arr.map((f) => JSON.stringify(f)).join('\n,')}\n]\n`);
    // Every finding of the speech is what toJson says of it.
    const doc = new TextDoc(fs.readFileSync(odd, 'utf8'));
    const findings = check(doc.text, { dataset: loadBuiltinDataset(), date: '2026-06-01' }).findings;
    const mine = arr.filter((f) => f.file === odd);
    assert.equal(mine.length, findings.length);
    findings.forEach((f, i) => assert.deepEqual(mine[i], toJson(odd, doc, f), `finding ${i}`));
    // The CLI's own writer takes bytes; they are the same text.
    const chunks: Buffer[] = [];
    let text = '';
    const io: CliIO = { out: (x) => void (text += x.endsWith('\n') ? x : x + '\n'), outBytes: (b) => void chunks.push(Buffer.from(b)), err: () => undefined, readStdin: async () => '' };
    await main(args, io);
    // The brackets went through `out`, every finding line through `outBytes`.
    assert.equal(text, '[\n]\n');
    assert.equal(`[\n${Buffer.concat(chunks).toString('utf8')}]\n`, r.out);
  });
  it('JsonLines writes JSON.stringify(toJson(…)) per finding, also where findings share a message and differ in the rest', () => {
    const text = '第一行\r\n第二行，内容。\r\n末行';
    const doc = new TextDoc(text);
    const base: Finding = { ruleId: 'r-a', category: 'nonstandard', severity: 'warning', start: 0, end: 2, message: '同一条消息', reason: '理由甲', source: '出处甲' };
    const findings: Finding[] = [
      base,
      { ...base, start: 5, end: 7 }, // the same tail again
      { ...base, start: 5, end: 7, reason: '理由乙' },
      { ...base, start: 5, end: 7, source: undefined },
      { ...base, start: 6, end: 8, since: '2020-01' },
      { ...base, start: 6, end: 8, severity: 'hint' },
      { ...base, start: 6, end: 8, ruleId: 'r-b', category: 'outdated' },
      { ...base, start: 7, end: 9, fix: { start: 7, end: 9, text: '' } }, // a deletion: "fix":""
      { ...base, start: 7, end: 9, fix: { start: 7, end: 9, text: '改"为\\此' } },
      { ...base, start: 3, end: 12, message: '跨行', reason: '' }, // over a CRLF; an empty reason is left out
      { ...base, start: text.length, end: text.length, message: '末尾' },
      { ...base, start: text.length + 5, end: text.length + 9, message: '越界' },
      ...Array.from({ length: 40 }, (_, k): Finding => ({ ...base, start: k % 9, end: (k % 9) + 1, fix: { start: 0, end: 1, text: `修改${k}` } })),
    ];
    const file = '/稿件/讲话"稿\\甲.txt';
    const chunks: Buffer[] = [];
    const lines = new JsonLines(file, doc, (b) => void chunks.push(Buffer.from(b)));
    findings.forEach((f, i) => lines.add(f, i > 0));
    lines.end();
    const want = findings.map((f, i) => `${i > 0 ? ',' : ''}${JSON.stringify(toJson(file, doc, f))}\n`).join('');
    assert.equal(Buffer.concat(chunks).toString('utf8'), want);
  });
  it('exits 0 on a clean draft', async () => {
    const p = write('clean.txt', '同志们：\n要坚定“四个自信”，增强“四个意识”，坚决做到“两个维护”。\n');
    const r = await runCli(['check', p]);
    assert.equal(r.err.includes('0 个警告'), true, r.out + r.err);
    assert.equal(r.code, 0, r.out);
  });
  it('reads UTF-8 with BOM, UTF-16 LE/BE with BOM and GB18030 alike', async () => {
    const want = (await runCli(['check', '--format', 'json', '--date', '2026-06-01', write('u8.txt', DRAFT)])).out;
    const norm = (s: string) => JSON.parse(s).map((f: { file: string }) => ({ ...f, file: '' }));
    const gb = Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\n')]); // 中文 in GB18030
    const be = Buffer.from(DRAFT, 'utf16le');
    be.swap16();
    const variants: Array<[string, Buffer]> = [
      ['bom8.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT)])],
      ['u16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le')])],
      ['u16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
    ];
    for (const [name, bytes] of variants) {
      const r = await runCli(['check', '--format', 'json', '--date', '2026-06-01', write(name, bytes)]);
      assert.deepEqual(norm(r.out), norm(want), name);
    }
    // GB18030: 习总书记 written in GB18030 bytes is found
    const r = await runCli(['check', '--format', 'json', write('gb.txt', Buffer.concat([gb, Buffer.from([0xcf, 0xb0, 0xd7, 0xdc, 0xca, 0xe9, 0xbc, 0xc7])]))]);
    assert.equal(r.code === 0 || r.code === 1, true, r.err);
    assert.ok(JSON.parse(r.out).some((f: { ruleId: string }) => f.ruleId === 'xi-zongshuji'), r.out);
  });
  it('a missing file: exit 2 and one line naming it, other files still checked', async () => {
    const r = await runCli(['check', path.join(tmp, 'nope.txt'), SAMPLE]);
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.txt: 文件或文件夹不存在/);
    assert.ok(r.out.includes('sample-speech.txt:'));
  });
  it('a binary file is refused with a message naming it', async () => {
    const r = await runCli(['check', write('bin.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]))]);
    assert.equal(r.code, 2);
    assert.match(r.err, /bin\.txt: 不是文本文件/);
  });
  it('a bad --date or option is a usage error', async () => {
    assert.equal((await runCli(['check', '--date', '2026-13-01', SAMPLE])).code, 2);
    assert.equal((await runCli(['check', '--frobnicate', SAMPLE])).code, 2);
    assert.equal((await runCli(['check'])).code, 2);
  });
  it('- reads the draft from standard input (check and outline), with the same findings as the file', () => {
    const cli = (args: string[], input: Buffer) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, input, encoding: 'utf8' });
    const bytes = fs.readFileSync(SAMPLE);
    const piped = cli(['check', '--format', 'json', '-'], bytes);
    const direct = cli(['check', '--format', 'json', SAMPLE], Buffer.alloc(0));
    assert.equal(piped.status, direct.status, piped.stderr);
    const strip = (out: string) => (JSON.parse(out) as Array<{ file: string }>).map(({ file, ...rest }) => rest);
    assert.ok(strip(piped.stdout).length > 0);
    assert.deepEqual(strip(piped.stdout), strip(direct.stdout));
    assert.ok((JSON.parse(piped.stdout) as Array<{ file: string }>).every((f) => f.file === '-'));
    const outline = cli(['outline', '-'], bytes);
    assert.match(outline.stdout, /编号跳号/);
  });
  it('a folder with no draft in it: exit 2 and one line naming it (not a silent "0 files")', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-empty-'));
    fs.writeFileSync(path.join(dir, 'notes.pdf'), 'not a draft');
    const r = await runCli(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`gongwen: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 文件夹中没有可检查的文稿`));
    // beside a folder with drafts, the drafts are still checked
    const both = await runCli(['check', '--format', 'json', dir, SAMPLE]);
    assert.equal(both.code, 2);
    assert.ok(JSON.parse(both.out).length > 0);
  });
  it('<command> --help prints that command\'s usage and exits 0, for every command', async () => {
    for (const name of ['check', 'outline', 'annotate', 'report', 'rules', 'explain', 'complete', 'mine', 'merge', 'demo']) {
      const r = await runCli([name, '--help']);
      assert.equal(r.code, 0, `${name}: ${r.err}`);
      assert.match(r.out, new RegExp(`^用法: gongwen ${name}`), r.out);
      assert.ok(r.out.split('\n').length >= 3, r.out);
    }
  });
  it('folders are checked recursively (.txt and .md)', async () => {
    const r = await runCli(['check', '--format', 'json', path.dirname(corpusFile('x'))]);
    const files = new Set(JSON.parse(r.out).map((f: { file: string }) => path.basename(f.file)));
    assert.ok(files.has('003_e202da5d409c69b3.txt'));
  });
});

describe('user rule files (--rules)', () => {
  it('adds the user’s rules, which fire with their own message', async () => {
    const r = await runCli(['check', '--rules', fixture('rules', 'engine.gongwen-rules.json'), '--date', '2026-06-01', write('t.txt', '大家做出了应有的贡献。')]);
    assert.match(r.out, /t-zuochu/);
  });
  it('refuses malformed JSON, schema violations and rules whose examples fail, naming the file', async () => {
    const bad = [
      ['broken.json', '{ "rules": [ '],
      ['schema.json', JSON.stringify({ rules: [{ id: 'x', kind: 'weird' }] })],
      [
        'example.json',
        JSON.stringify({
          rules: [
            {
              id: 'user-rule',
              kind: 'nonstandard',
              patterns: ['机关党建'],
              replacement: '机关党的建设',
              explanation: '示例不符的规则',
              source: 'test',
              confidence: 'low',
              examples: { fire: ['没有这个词'], pass: ['也没有'] },
            },
          ],
        }),
      ],
      [
        'redos.json',
        JSON.stringify({
          rules: [
            {
              id: 'user-redos',
              kind: 'nonstandard',
              regex: ['(a+)+b'],
              triggers: ['a'],
              explanation: '危险正则',
              source: 'test',
              confidence: 'low',
              examples: { fire: ['aab'], pass: ['b'] },
            },
          ],
        }),
      ],
    ];
    for (const [name, body] of bad) {
      const r = await runCli(['check', '--rules', write(name, body), SAMPLE]);
      assert.equal(r.code, 2, name);
      const lines = r.err.trim().split('\n');
      assert.equal(lines.length, 1, r.err);
      assert.ok(lines[0].includes(name), lines[0]);
    }
  });
});

describe('user glossary files (--glossary)', () => {
  it('a malformed glossary is refused with one line naming it', async () => {
    const bad = write('bad.gongwen-glossary.json', JSON.stringify({ entries: [{ term: '两个维护' }] }));
    const r = await runCli(['check', '--glossary', bad, SAMPLE]);
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /bad\.gongwen-glossary\.json: 格式不符/);
  });

  it('a rule file that is not JSON and whose bytes hold a line break: still one line naming it', async () => {
    const bad = write('broken.gongwen-rules.json', '规则\n{"rules": []}\n');
    const r = await runCli(['check', '--rules', bad, SAMPLE]);
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /broken\.gongwen-rules\.json/);
  });
});

describe('gongwen outline / explain', () => {
  it('outline --format json gives the tree and its problems', async () => {
    const r = await runCli(['outline', '--format', 'json', SAMPLE]);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.roots.map((n: { marker: string }) => n.marker), ['一、', '二、', '四、']);
    assert.ok(j.problems.some((p: { ruleId: string }) => p.ruleId === 'outline-gap'));
    assert.equal(j.announcements[0].count, 3);
  });
  it('explain prints a glossary entry; an unknown term exits 1', async () => {
    const r = await runCli(['explain', '两个维护']);
    assert.equal(r.code, 0);
    assert.match(r.out, /坚决维护党中央权威和集中统一领导/);
    assert.equal((await runCli(['explain', '不存在的提法'])).code, 1);
  });
});

describe('the gongwen process', () => {
  it('never prints a stack trace on bad input, and exits 2', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gongwen.js'), 'check', path.join(tmp, 'missing.txt')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length <= 2, true, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
  it('stops quietly when its reader stops reading (gongwen check … | head)', async () => {
    const big = write('many.txt', '落实习总书记的嘱托,推进工作。\n'.repeat(20000));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongwen.js'), 'check', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    // Read the first chunk, then close the pipe, as `head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(err, /EPIPE|\n\s+at /, err);
    assert.equal(code, 0);
  });
  it('writes the same bytes to a file, to a pipe and in-process (files and pipes are written directly)', async () => {
    const args = ['check', '--format', 'json', '--date', '2026-06-01', SAMPLE, corpusFile('003_e202da5d409c69b3.txt')];
    const want = await runCli(args);
    const bin = path.join(ROOT, 'bin', 'gongwen.js');
    const piped = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    assert.equal(piped.stdout, want.out);
    assert.equal(piped.stderr, want.err);
    const outFile = path.join(tmp, 'out.json');
    const errFile = path.join(tmp, 'err.txt');
    const [o, e] = [fs.openSync(outFile, 'w'), fs.openSync(errFile, 'w')];
    try {
      spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', o, e] });
    } finally {
      fs.closeSync(o);
      fs.closeSync(e);
    }
    assert.equal(fs.readFileSync(outFile, 'utf8'), want.out);
    assert.equal(fs.readFileSync(errFile, 'utf8'), want.err);
  });
  it('runs the demo (npm start) end to end', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'gongwen.js'), 'demo'], { encoding: 'utf8' });
    assert.match(out, /━━ 检查/);
    assert.match(out, /━━ 提纲/);
    assert.match(out, /一、提高政治站位/);
  });
});
