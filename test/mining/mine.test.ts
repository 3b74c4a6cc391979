import { strict as assert } from 'assert';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, copyFileSync, mkdirSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deflateRawSync } from 'zlib';
import { spawnSync } from 'child_process';
import Ajv from 'ajv';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import type { Patterns } from '../../src/core/patterns';
import { mineDocuments } from '../../src/mining/run';
import { serialize, mergePatterns, KINDS, KEY } from '../../src/mining/output';
import { cleanDocument } from '../../src/mining/clean';
import { maxCountOfContaining } from '../../src/mining/miner';
import { glossaryTerms, loadSegmenter } from '../../src/mining/segment';
import { NgramModel } from '../../src/core/completion/ngram';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'data', 'corpus');

function io() {
  const o = { out: [] as string[], err: [] as string[] };
  const cli: CliIO = { out: (s) => void o.out.push(s), err: (s) => void o.err.push(s), readStdin: async () => '' };
  return { o, cli };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'gw-mine-'));

let seed: Patterns;
before(async function () {
  this.timeout(60000);
  seed = await mineDocuments([CORPUS]);
});

describe('mining the seed corpus', () => {
  it('finds the phrases a drafter would name', () => {
    const texts = new Set(seed.phrases.map((p) => p.text));
    for (const t of ['两个维护', '学懂弄通做实', '对标对表', '旗帜鲜明讲政治', '思想上政治上行动上', '以习近平同志为核心的党中央']) {
      assert.ok(texts.has(t), `missing phrase ${t}`);
    }
  });

  it('keeps the top 200 phrases well formed', () => {
    // characters that never open a phrase, and function words that never close one
    const FUNC = /^([的了和与及等着地得之]|而且|并且|以及|或者)|([的了和与及在是对把将被于也都就而并或之其这那要着等]|以及|我们|关于|对于|通过|按照|根据)$/;
    const top = seed.phrases.slice(0, 200);
    assert.ok(top.length >= 150, `only ${top.length} phrases`);
    for (const p of top) {
      assert.ok(/^[\u3400-\u9fff]+$/.test(p.text), `punctuation or non-Chinese in ${p.text}`);
      assert.ok(!FUNC.test(p.text), `function word at edge: ${p.text}`);
      assert.ok(!/优知文库|会员分享|在线阅读/.test(p.text), `noise ${p.text}`);
      assert.ok(p.count >= 2 && p.docs >= 1);
    }
    // fragments of longer phrases are not phrases
    assert.ok(!seed.phrases.some((p) => p.text === '的党中央' || p.text === '学懂弄通'));
  });

  it('finds parallels with their templates', () => {
    const by = new Map(seed.parallels.map((p) => [p.template, p]));
    const deep = by.get('往*里走');
    assert.ok(deep, 'no 往*里走');
    assert.deepEqual(deep.items, ['往深里走', '往心里走', '往实里走']);
    assert.equal(deep.count, 2);
    assert.equal(deep.docs, 2);
    assert.ok(by.get('*到位')?.items.includes('谋划到位'));
    assert.ok(by.get('*紧紧跟上')?.items.includes('服务保障紧紧跟上'));
  });

  it('finds enumerations by family and length', () => {
    const e = seed.enumerations.find((x) => x.family === '一是' && x.length === 3);
    assert.ok(e && e.count >= 4, 'no 一是…三是 runs');
    assert.ok(seed.enumerations.some((x) => x.family === '一要' && x.length === 5));
    assert.ok(seed.enumerations.some((x) => x.family === '一、' && x.length === 3 && x.examples.some((ex) => ex.doc.startsWith('004'))));
  });

  it('spells out concepts the corpus expands (灯下黑, 五对关系)', () => {
    const c = new Map(seed.concepts.map((x) => [x.text, x]));
    assert.deepEqual(c.get('灯下黑')?.expansion, ['政治意识淡化', '党的领导弱化', '党建工作虚化', '责任落实软化']);
    assert.equal(c.get('五对关系')?.expansion.length, 5);
    assert.equal(c.get('五对关系')?.expansion[0], '共性和个性');
    assert.ok(c.has('两个维护'));
  });

  it('finds heading templates, openings and closings', () => {
    const t = seed.sectionTemplates.find((x) => x.template === '从党史中汲取…的营养');
    assert.ok(t && t.instances.length === 4);
    assert.ok(seed.openings.some((o) => o.text === '同志们：' && o.docs === 2));
    assert.ok(seed.openings.some((o) => o.text.includes('讲三点意见')));
    assert.ok(seed.closings.some((o) => o.text.startsWith('让我们')));
  });

  it('the continuation model holds the exact word n-gram counts of the text', () => {
    // count by brute force over the same tokens the miner reads (cleaned lines, segmented)
    const jieba = loadSegmenter(glossaryTerms());
    const streams: string[][] = [];
    for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.txt')).sort()) {
      for (const l of cleanDocument(readFileSync(join(CORPUS, f), 'utf8'))) streams.push(jieba.cut(l.text, true).map((w) => w.trim() || ' '));
    }
    const brute = (g: string[]) => {
      let n = 0;
      for (const t of streams) for (let i = 0; i + g.length <= t.length; i++) if (g.every((w, k) => t[i + k] === w)) n++;
      return n;
    };
    const m = new NgramModel([{ model: seed.model!, weight: 1 }]);
    const st = m.stores[0];
    let checked = 0;
    // every n-gram of the first lines of two documents, up to the model's order
    for (const t of [streams[1], streams[20]]) {
      for (let i = 0; i < t.length; i++) {
        for (let n = 1; n <= Math.min(6, t.length - i); n++) {
          const g = t.slice(i, i + n);
          const c = brute(g);
          let node = 0;
          for (const w of g) node = node === -1 ? -1 : st.child(node, st.words.indexOf(w));
          const stored = node === -1 ? 0 : st.count[node];
          // stored when seen twice (single words always); then exactly
          if (n === 1 || c >= 2) assert.equal(stored, c, `${g.join(' ')}: ${stored} stored, ${c} in the text`);
          else assert.equal(stored, 0, g.join(' '));
          checked++;
        }
      }
    }
    assert.ok(checked > 200);
  });

  it('drops a phrase inside a longer one exactly as comparing every pair would', () => {
    // texts of real mined phrases and their parts, with counts
    const items = seed.phrases.slice(0, 300).flatMap((p) => [p, { text: p.text.slice(1), count: p.count + 1 }, { text: p.text.slice(0, -1), count: p.count }]);
    const fast = maxCountOfContaining(items);
    for (const a of items) {
      let slow = 0;
      for (const b of items) if (b.text.length > a.text.length && b.text.includes(a.text)) slow = Math.max(slow, b.count);
      assert.equal(fast.get(a.text) ?? 0, slow, a.text);
    }
  });

  it('collocations: what follows what', () => {
    assert.ok(seed.collocations.some((c) => c.head.endsWith('做到') && c.next === '“两个维护”'));
  });

  it('never writes absolute paths and validates against the schema', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'data', 'schema', 'patterns.schema.json'), 'utf8')));
    assert.ok(validate(seed), JSON.stringify(validate.errors?.slice(0, 3)));
    const shipped = JSON.parse(readFileSync(join(ROOT, 'data', 'patterns.json'), 'utf8'));
    assert.ok(validate(shipped), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok(!serialize(seed).includes(ROOT));
  });

  it('data/patterns.json is up to date (re-mining data/corpus gives the same bytes)', () => {
    assert.equal(readFileSync(join(ROOT, 'data', 'patterns.json'), 'utf8'), serialize(seed), 'stale: run npm run mine');
  });

  it('is deterministic', async () => {
    const again = await mineDocuments([CORPUS]);
    assert.equal(serialize(again), serialize(seed));
  });
});

describe('cleaning scraped text', () => {
  it('drops the site banner and page numbers glued to line starts, keeps real list numbers', () => {
    const lines = cleanDocument(readFileSync(join(CORPUS, '003_e202da5d409c69b3.txt'), 'utf8'));
    const all = lines.map((l) => l.text).join('\n');
    assert.ok(!all.includes('会员分享'));
    assert.ok(all.includes('作为机关党建工作者'), 'page break inside 工作者 not rejoined');
    assert.ok(!/^\d+、/m.test(all));
    assert.ok(!all.includes('(be)'));
    const legit = cleanDocument('工作要求如下：\n1、加强学习。\n2、改进作风。\n');
    assert.equal(legit[1].text, '1、加强学习。');
  });
});

describe('merge', () => {
  it('adds counts of two halves', async () => {
    const d1 = tmp();
    const d2 = tmp();
    const files = ['000_aadf67c685c78a25.txt', '001_adaabb19d8d79920.txt', '002_62cb6a94fe40cc07.txt', '003_e202da5d409c69b3.txt', '004_85827a7d0dd7b7d7.txt'];
    files.forEach((f, i) => copyFileSync(join(CORPUS, f), join(i < 2 ? d1 : d2, f)));
    const a = await mineDocuments([d1]);
    const b = await mineDocuments([d2]);
    writeFileSync(join(d1, 'a.json'), serialize(a));
    writeFileSync(join(d2, 'b.json'), serialize(b));
    const out = join(tmp(), 'c.json');
    const { o, cli } = io();
    assert.equal(await main(['merge', join(d1, 'a.json'), join(d2, 'b.json'), '--out', out], cli), 0, o.err.join('\n'));
    const c = JSON.parse(readFileSync(out, 'utf8')) as Patterns;
    assert.equal(c.source.documents, 5);
    for (const k of KINDS) {
      const count = (p: Patterns, key: string) => (p[k] as any[]).find((e) => KEY[k](e) === key)?.count ?? 0;
      for (const e of c[k] as any[]) assert.equal(e.count, count(a, KEY[k](e)) + count(b, KEY[k](e)), `${k} ${KEY[k](e)}`);
    }
    assert.deepEqual(mergePatterns([a, b]), c);
    // the continuation models' counts add up too
    const [ma, mb, mc] = [a, b, c].map((p) => new NgramModel([{ model: p.model!, weight: 1 }]));
    const countOf = (m: NgramModel, words: string[]) => {
      const st = m.stores[0];
      let node = 0;
      for (const w of words) node = node === -1 ? -1 : st.child(node, st.words.indexOf(w));
      return node === -1 ? 0 : st.count[node];
    };
    for (const g of [['机关'], ['两个维护'], ['机关', '党建'], ['坚决', '做到', '“', '两个维护']]) {
      assert.equal(countOf(mc, g), countOf(ma, g) + countOf(mb, g), g.join(' '));
    }
    assert.ok(countOf(mc, ['机关', '党建']) > 0);
    // bad input named, exit 2
    writeFileSync(join(d1, 'bad.json'), '{"x":1}');
    const r = io();
    assert.equal(await main(['merge', join(d1, 'a.json'), join(d1, 'bad.json'), '--out', join(d1, 'z.json')], r.cli), 2);
    assert.match(r.o.err.join(''), /bad\.json/);
  });
});

/** A minimal .docx: a stored-or-deflated zip with [Content_Types].xml, _rels and word/document.xml. */
function makeDocx(paragraphs: string[]): Buffer {
  const files: [string, string][] = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`],
  ];
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const comp = deflateRawSync(data);
    const nm = Buffer.from(name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(0, 10); lh.writeUInt32LE(crc(data), 14); lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(nm.length, 26); lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0, 8); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(0, 12); ch.writeUInt32LE(crc(data), 16); ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(nm.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, nm, comp);
    centrals.push(ch, nm);
    offset += 30 + nm.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('mine: inputs and the CLI', () => {
  const SENT = '一是坚决做到两个维护，认识到位、谋划到位、落实到位。二是学懂弄通做实，对标对表。';
  it('reads GB18030, UTF-16LE with BOM, .md and .docx; skips binary with a warning', async () => {
    const d = tmp();
    mkdirSync(join(d, 'sub'));
    // 中文 in GB18030 = D6 D0 CE C4; a sentence: 中文 repeated around ASCII-safe punctuation
    const gb = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xa3, 0xac, 0xd6, 0xd0, 0xce, 0xc4, 0xa1, 0xa3, 0x0a]); // 中文，中文。
    writeFileSync(join(d, 'gb.txt'), gb);
    writeFileSync(join(d, 'sub', 'u16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SENT + '\n', 'utf16le')]));
    writeFileSync(join(d, 'note.md'), `# 标题\n\n**${SENT}**\n`);
    writeFileSync(join(d, 'doc.docx'), makeDocx([SENT, SENT]));
    writeFileSync(join(d, 'bin.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 7]));
    const out = join(d, 'p.json');
    const { o, cli } = io();
    assert.equal(await main(['mine', d, '--out', out], cli), 0, o.err.join('\n'));
    assert.match(o.err.join('\n'), /跳过 bin\.txt/);
    const p = JSON.parse(readFileSync(out, 'utf8')) as Patterns;
    assert.equal(p.source.documents, 4);
    const docs = new Set(p.parallels.flatMap((x) => x.examples.map((e) => e.doc)));
    const par = p.parallels.find((x) => x.template === '*到位');
    assert.ok(par, 'no *到位');
    assert.equal(par.count, 4); // u16, md, docx×2
    assert.ok([...docs].every((x) => !x.startsWith('/')));
    assert.ok(p.parallels.some((x) => x.examples.some((e) => e.doc === 'sub/u16.txt')) || docs.has('doc.docx'));
    assert.ok(p.phrases.some((x) => x.text === '学懂弄通做实' || x.text === '对标对表'));
  });

  it('refuses a missing path and a non-patterns --out file with exit 2', async () => {
    const d = tmp();
    const r = io();
    assert.equal(await main(['mine', join(d, 'nope')], r.cli), 2);
    assert.match(r.o.err.join(''), /找不到路径/);
    const mine = join(d, 'notes.json');
    writeFileSync(mine, '{"my":"notes"}');
    const r2 = io();
    assert.equal(await main(['mine', CORPUS, '--out', mine], r2.cli), 2);
    assert.equal(readFileSync(mine, 'utf8'), '{"my":"notes"}');
    assert.ok(!existsSync(join(d, 'p.json')));
    // An --out whose folder does not exist: refused before any mining, one line naming it.
    for (const cmd of ['mine', 'merge']) {
      const r3 = io();
      const input = cmd === 'mine' ? CORPUS : join(__dirname, '..', '..', 'data', 'patterns.json');
      assert.equal(await main([cmd, input, '--out', join(d, 'no-such-folder', 'p.json')], r3.cli), 2);
      assert.equal(r3.o.err.length, 1, r3.o.err.join('\n'));
      assert.match(r3.o.err[0], /^gongwen: 无法写出 .*no-such-folder.*不存在$/);
    }
    // A write that fails (Linux: /proc takes no new files) is a usage error naming the file, not an internal one.
    if (process.platform === 'linux') {
      const r4 = io();
      assert.equal(await main(['merge', join(__dirname, '..', '..', 'data', 'patterns.json'), '--out', '/proc/gongwen-test.json'], r4.cli), 2);
      assert.match(r4.o.err.join('\n'), /^gongwen: 无法写出 \/proc\/gongwen-test\.json（/);
      assert.doesNotMatch(r4.o.err.join('\n'), /内部错误/);
    }
  });

  it('without nodejieba: exit 2, one line naming it and how to install it, nothing written', () => {
    const d = tmp();
    const out = join(d, 'p.json');
    const root = join(__dirname, '..', '..');
    const r = spawnSync(
      process.execPath,
      ['--require', join(root, 'test', 'support', 'without-nodejieba.cjs'), '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'mine', CORPUS, '--out', out],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^gongwen: 无法加载分词组件 nodejieba.*npm install nodejieba@3\.4\.4.*其他功能不受影响/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(out));
    // The checker needs no native module: the same process set-up checks a draft.
    const c = spawnSync(
      process.execPath,
      ['--require', join(root, 'test', 'support', 'without-nodejieba.cjs'), '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'check', join(root, 'data', 'samples', 'sample-speech.txt')],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(c.status, 1, c.stderr);
    assert.match(c.stdout, /core-not-general-secretary/);
  });
});
