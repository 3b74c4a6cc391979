import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { decodeBytes, DecodeError } from '../../src/core/decode';
import { ROOT } from '../support/data';

/** What decodeBytes gave for UTF-8 before its fast path: the fatal TextDecoder after a BOM. */
function reference(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(bom ? 3 : 0));
}

describe('decodeBytes (UTF-8 fast path)', () => {
  it('gives what the fatal TextDecoder gives, on any valid UTF-8 with or without BOMs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 0, max: 2 }), (s, boms) => {
        const bytes = Buffer.concat([Buffer.from('\ufeff'.repeat(boms), 'utf8'), Buffer.from(s, 'utf8')]);
        let got: string;
        try {
          got = decodeBytes(bytes).text;
        } catch (e) {
          // Control characters: refused as binary before any decoding, whichever decoder.
          assert.ok(e instanceof DecodeError);
          return;
        }
        assert.equal(got, reference(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes the seed corpus as the TextDecoder does', () => {
    const dir = path.join(ROOT, 'data', 'corpus');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
      const bytes = fs.readFileSync(path.join(dir, f));
      const d = decodeBytes(bytes);
      assert.equal(d.encoding, 'utf-8');
      assert.equal(d.text, reference(bytes), f);
    }
  });

  it('leaves invalid UTF-8 to the decoders: GB18030 text is still read as GB18030', () => {
    // 中文 in GBK.
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]);
    assert.deepEqual(decodeBytes(gbk), { text: '中文', encoding: 'gb18030' });
    // A lone continuation byte after a BOM: neither UTF-8 nor tried as GB18030.
    assert.throws(() => decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x80])), DecodeError);
  });

  it('decodes an empty file to an empty text', () => {
    assert.deepEqual(decodeBytes(new Uint8Array(0)), { text: '', encoding: 'utf-8' });
  });
});
