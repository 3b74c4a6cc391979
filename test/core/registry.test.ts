import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { check } from '../../src/core/check';
import { loadBuiltinDataset } from '../../src/core/dataset';
import { CODE_RULES, ruleDocFile, ruleRegistry, validateSeverity } from '../../src/core/registry';
import { existingRuleDocs, renderRuleDocs, ROOT } from '../../scripts/gen-rule-docs';
import { fixtureFiles, loadFixture } from '../rules/harness';

describe('rule registry', () => {
  const entries = ruleRegistry(loadBuiltinDataset());
  it('lists every rule once, code and data, each with a category, a default severity and a Chinese description', () => {
    const ids = entries.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    assert.equal(entries.filter((e) => e.origin === 'code').length, CODE_RULES.length);
    assert.equal(entries.filter((e) => e.origin === 'data').length, loadBuiltinDataset().rules.length);
    for (const e of entries) {
      assert.ok(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id), e.id);
      assert.ok(['outdated', 'nonstandard', 'outline', 'punctuation'].includes(e.category), e.id);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(e.severity), e.id);
      assert.ok(/[\u4e00-\u9fff]/.test(e.description) && e.description.length <= 80, `${e.id}: ${e.description}`);
      assert.ok(e.tags.length > 0, e.id);
      assert.equal(e.docs, `docs/rules/${e.id}.md`);
    }
  });
  it('a code rule declares what its findings say: id, category and default severity', () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    const texts = [
      ...fixtureFiles().map((f) => loadFixture(f).text),
      ...readdirSync(join(ROOT, 'data', 'corpus')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(ROOT, 'data', 'corpus', f), 'utf8')),
    ];
    const seen = new Set<string>();
    for (const t of texts) {
      const on = Object.fromEntries(CODE_RULES.filter((r) => r.defaultOff).map((r) => [r.id, r.severity]));
      for (const f of check(t, { date: '2027-03-01', severity: on }).findings) {
        const e = byId.get(f.ruleId);
        assert.ok(e, `${f.ruleId} is not in the registry`);
        assert.equal(f.category, e.category, f.ruleId);
        seen.add(f.ruleId);
      }
    }
    for (const r of CODE_RULES.filter((r) => r.id !== 'internal-error' && r.id !== 'canonical-wording')) assert.ok(seen.has(r.id), `${r.id} never seen`);
  });
  it('docs/rules is what npm run docs:rules generates (run it after changing a rule)', () => {
    const pages = renderRuleDocs();
    const stale: string[] = [];
    for (const [rel, content] of pages) {
      let onDisk: string | undefined;
      try {
        onDisk = readFileSync(join(ROOT, rel), 'utf8');
      } catch {
        onDisk = undefined;
      }
      if (onDisk !== content) stale.push(`${rel}${onDisk === undefined ? '（缺少）' : '（已过时）'}`);
    }
    for (const rel of existingRuleDocs()) if (!pages.has(rel)) stale.push(`${rel}（规则已不存在）`);
    assert.deepEqual(stale.slice(0, 20), [], `${stale.length} 个页面需要重新生成：npm run docs:rules`);
    for (const e of entries) assert.ok(ruleDocFile(e.id), e.id);
  });
  it('each page says what the rule checks and how to switch it off; a code rule shows its fixtures', () => {
    const pages = renderRuleDocs();
    const gap = pages.get('docs/rules/outline-gap.md')!;
    assert.ok(gap.includes('三、主要措施') && gap.includes('← outline-gap') && gap.includes('gongwen-disable-next-line outline-gap'));
    const data = pages.get(`docs/rules/${entries.find((e) => e.origin === 'data')!.id}.md`)!;
    for (const h of ['## 说明', '## 示例', '## 出处', '## 调整或关闭']) assert.ok(data.includes(h), h);
    const index = pages.get('docs/rules/README.md')!;
    for (const e of entries) assert.ok(index.includes(`[${e.id}](${e.id}.md)`), e.id);
  });
});

describe('severity settings, validated against the registry', () => {
  const ids = ['outline-gap', 'punct-ascii'];
  it('keeps rule ids and categories with a valid level', () => {
    const r = validateSeverity({ 'outline-gap': 'off', punctuation: 'hint' }, ids);
    assert.deepEqual(r, { map: { 'outline-gap': 'off', punctuation: 'hint' }, problems: [], unknown: [] });
  });
  it('names an unknown id and a wrong level in Chinese, and leaves them out', () => {
    const r = validateSeverity({ 'outline-gapp': 'off', 'punct-ascii': 'loud', 'outline-gap': 'info' }, ids);
    assert.deepEqual(r.map, { 'outline-gap': 'info' });
    assert.deepEqual(r.unknown, ['outline-gapp']);
    assert.deepEqual(r.problems, [
      '未知的规则编号“outline-gapp”（运行 gongwen rules 可列出全部规则；也可写类别 outdated、nonstandard、outline、punctuation）',
      '规则“punct-ascii”的级别“loud”无效，应为 error、warning、info、hint 或 off',
    ]);
  });
  it('says so when the setting is not an object', () => {
    assert.deepEqual(validateSeverity(['off'], ids).problems, ['规则级别设置应为对象，形如 { "规则编号": "warning" }']);
    assert.deepEqual(validateSeverity(undefined, ids).problems, []);
  });
});
