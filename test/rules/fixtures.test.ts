import { strict as assert } from 'assert';
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
  for (const file of fixtureFiles()) {
    const fx = loadFixture(file);
    it(`${fx.file}: ${fx.expected.length ? fx.expected.map((e) => `${e.line}:${e.ruleId}`).join(' ') : 'no finding'}`, () => {
      assert.deepEqual(compareFixture(fx), []);
    });
  }
});
