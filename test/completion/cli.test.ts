import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { modelFromSequences } from '../../src/core/completion/train';
import { emptyPatterns } from '../../src/core/patterns';
import { runCli } from '../support/cli';

describe('gongwen complete (CLI)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-complete-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('single text: one suggestion per line, the best first', async () => {
    const r = await runCli(['complete', '要在学懂弄']);
    assert.equal(r.code, 0);
    const first = r.out.split('\n')[0].split('\t');
    assert.ok(first[0].startsWith('通做实'), first[0]);
    assert.match(first[1], /\[(续写|规范提法)\]/);
  });
  it('--format json --limit 2', async () => {
    const r = await runCli(['complete', '--format', 'json', '--limit', '2', '机关党']);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.suggestions.length, 2);
    assert.deepEqual(Object.keys(j.suggestions[0]).sort(), ['detail', 'insert', 'kind', 'label', 'prob', 'score']);
  });
  it('--batch: one JSON line per input line, in order, empty lines included', async () => {
    const input = ['坚决做到', '认识到位、谋划到位、', '', '同志们好'].join('\n') + '\n';
    const r = await runCli(['complete', '--batch', '--format', 'json'], input);
    assert.equal(r.code, 0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.equal(lines[0].suggestions[0].insert, '“两个维护”');
    assert.equal(lines[1].suggestions[0].insert, '落实到位');
    assert.deepEqual(Object.keys(lines[1].suggestions[0]).sort(), ['insert', 'kind', 'label']);
    assert.ok(Array.isArray(lines[2].suggestions));
  });
  it('--batch handles every prefix of a real paragraph', async () => {
    const par = fs.readFileSync(path.join(__dirname, '../../data/corpus/000_aadf67c685c78a25.txt'), 'utf8').split('\n')[1].trim();
    const prefixes = Array.from({ length: par.length }, (_, i) => par.slice(0, i + 1));
    const r = await runCli(['complete', '--batch', '--format', 'json'], prefixes.join('\n'));
    assert.equal(r.code, 0);
    const out = r.out.trimEnd().split('\n');
    assert.equal(out.length, prefixes.length);
    const before = par.indexOf('二是');
    assert.equal(JSON.parse(out[before - 1]).suggestions[0].insert, '二是');
  });
  it('a --patterns file that is not JSON, not patterns, or missing → exit 2 with one line naming it', async () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"version": 1, "phrases": ');
    const wrong = path.join(tmp, 'wrong.json');
    fs.writeFileSync(wrong, JSON.stringify({ rules: [] }));
    for (const f of [bad, wrong, path.join(tmp, 'missing.json')]) {
      const r = await runCli(['complete', '--patterns', f, '学懂弄']);
      assert.equal(r.code, 2, f);
      assert.equal(r.err.trimEnd().split('\n').length, 1);
      assert.ok(r.err.includes(f), r.err);
      assert.equal(r.out, '');
    }
  });
  it('--patterns adds the user\'s archive to the built-in data, and its evidence counts more', async () => {
    const own = path.join(tmp, 'own.json');
    const p = { ...emptyPatterns(), source: { documents: 3, characters: 60 }, model: modelFromSequences(Array.from({ length: 3 }, () => ['要', '在', '学懂弄通做实', '上', '持续用力'])) };
    fs.writeFileSync(own, JSON.stringify(p));
    const without = await runCli(['complete', '--format', 'json', '--limit', '8', '要在学懂弄通做实上']);
    const r = await runCli(['complete', '--format', 'json', '--limit', '8', '--patterns', own, '要在学懂弄通做实上']);
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out).suggestions.map((s: { insert: string }) => s.insert);
    assert.equal(got[0], '持续用力', got.join(' '));
    assert.ok(!JSON.parse(without.out).suggestions.some((s: { insert: string }) => s.insert === '持续用力'));
    // the built-in data is still there
    const b = await runCli(['complete', '--format', 'json', '--patterns', own, '全市机关要坚决做到']);
    assert.ok(JSON.parse(b.out).suggestions.some((s: { insert: string }) => s.insert.startsWith('“两个维护”')));
  });
  it('the demo (npm start) shows the canon and the model completing', async () => {
    const r = await runCli(['demo']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /坚持以习近平新时代中国特色社会主义思想为 ▸ 1\. 指导（规范提法 · /);
    assert.match(r.out, /在学懂弄 ▸ 1\. 通做实/);
    assert.doesNotMatch(r.out, /现代化国家 ▸ [^\n]*1\. 机关/);
  });
  it('usage errors → exit 2', async () => {
    assert.equal((await runCli(['complete'])).code, 2);
    assert.equal((await runCli(['complete', '--limit', '0', '学'])).code, 2);
    assert.equal((await runCli(['complete', '--format', 'xml', '学'])).code, 2);
    assert.equal((await runCli(['complete', '--date', '2026-13-01', '学'])).code, 2);
  });
});
