import { strict as assert } from 'assert';
import { basename } from 'path';
import { CODE_RULES } from '../../src/core/registry';
import { compareFixture, fixtureFiles, loadFixture, parseFixture } from './harness';

describe('code rule fixtures (inline {rule-id} markers)', () => {
  it('reads markers at line ends and takes them off', () => {
    const fx = parseFixture('一、甲\n三、乙 {outline-gap}\n四、丙 {outline-gap}{outline-duplicate:info}\r\n说明{不是标记}文字\n');
    assert.equal(fx.text, '一、甲\n三、乙\n四、丙\r\n说明{不是标记}文字\n');
    assert.deepEqual(fx.expected, [
      { line: 2, ruleId: 'outline-gap' },
      { line: 3, ruleId: 'outline-gap' },
      { line: 3, ruleId: 'outline-duplicate', severity: 'info' },
    ]);
  });
  it('reports a missing, an unexpected and a wrongly graded finding', () => {
    const fx = parseFixture('一、甲\n三、乙\n五、丙 {outline-gap:info}\n六、丁 {outline-order}\n');
    assert.deepEqual(compareFixture(fx), [
      '<inline>:2 多出 outline-gap（编号跳号：“一、”之后是“三、”，缺少“二、”）',
      '<inline>:3 outline-gap 应为 info，实为 warning',
      '<inline>:4 缺少 outline-order',
    ]);
  });
  it('every code rule has a fixture where it fires (<id>.fire.txt marks it) and one where it does not (<id>.pass.txt)', () => {
    const files = fixtureFiles();
    const missing: string[] = [];
    for (const r of CODE_RULES) {
      if (r.id === 'internal-error') continue; // a defect of the checker: no draft can make it fire
      const fire = files.filter((f) => basename(f) === `${r.id}.fire.txt`).map(loadFixture);
      const pass = files.filter((f) => basename(f) === `${r.id}.pass.txt`).map(loadFixture);
      if (!fire.length || !fire.every((fx) => fx.expected.some((e) => e.ruleId === r.id))) missing.push(`${r.id}.fire.txt`);
      if (!pass.length || pass.some((fx) => fx.expected.some((e) => e.ruleId === r.id))) missing.push(`${r.id}.pass.txt`);
    }
    assert.deepEqual(missing, []);
  });
  it('reads %% option lines: the reference date', () => {
    const fx = parseFixture('%% date: 2027-02-01\n正文 {data-currency:info}\n');
    assert.equal(fx.date, '2027-02-01');
    assert.equal(fx.text, '正文\n');
    assert.throws(() => parseFixture('%% dat: 2027\n'), /unknown option/);
    assert.deepEqual(parseFixture('%% severity: punct-dunhao-quoted=hint\n正文\n').severity, { 'punct-dunhao-quoted': 'hint' });
    assert.throws(() => parseFixture('%% severity: punct-dunhao-quoted\n'), /unknown option/);
  });
  for (const file of fixtureFiles()) {
    const fx = loadFixture(file);
    it(`${fx.file}: ${fx.expected.length ? fx.expected.map((e) => `${e.line}:${e.ruleId}`).join(' ') : 'no finding'}`, () => {
      assert.deepEqual(compareFixture(fx), []);
    });
  }
  it('a rule that is off by default stays silent on its fire fixture unless a severity setting names it', () => {
    for (const r of CODE_RULES.filter((r) => r.defaultOff)) {
      for (const f of fixtureFiles().filter((f) => basename(f) === `${r.id}.fire.txt`)) {
        const fx = loadFixture(f);
        assert.ok(fx.severity?.[r.id], `${fx.file} switches ${r.id} on`);
        assert.deepEqual(compareFixture({ ...fx, severity: undefined, expected: [] }), [], `${fx.file} without the setting`);
      }
    }
  });
});
