import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileAtomic } from '../../src/core/atomic';

describe('writing a file (src/core/atomic.ts: the annotated copy, the report, patterns, .gongwenrc.json)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-atomic-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a new file, and replaces one keeping its permissions', () => {
    const f = path.join(dir, '审校报告.html');
    writeFileAtomic(f, '一');
    assert.equal(fs.readFileSync(f, 'utf8'), '一');
    fs.chmodSync(f, 0o600);
    writeFileAtomic(f, new TextEncoder().encode('二'));
    assert.equal(fs.readFileSync(f, 'utf8'), '二');
    assert.equal(fs.statSync(f).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(dir), ['审校报告.html'], 'no temporary file left');
  });

  it('a failed write leaves what was there and no temporary file', () => {
    const target = path.join(dir, 'a-folder');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), '原稿');
    assert.throws(() => writeFileAtomic(target, '覆盖'));
    assert.equal(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8'), '原稿');
    assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.tmp')), fs.readdirSync(dir).join(', '));
  });
});
