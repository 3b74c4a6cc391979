/**
 * The assembler of the automaton's WebAssembly scan (src/core/ac-wasm.ts holds its output as
 * `SCAN_WASM`, so a run does not assemble it: test/core/engine.test.ts checks that the two agree).
 * After changing the listing: `npx tsx src/core/ac-wasm-asm.ts` prints the new base64 text.
 */
// A tiny assembler: just what the listing uses.

const I32 = 0x7f;
const VOID = 0x40;
const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f,
  get: 0x20, set: 0x21, tee: 0x22, load: 0x28, load16u: 0x2f, store: 0x36, const: 0x41,
  eqz: 0x45, eq: 0x46, ltS: 0x48, geS: 0x4e, geU: 0x4f, add: 0x6a, sub: 0x6b, and: 0x71, shl: 0x74, shrU: 0x76,
} as const;

function leb(n: number): number[] {
  // Signed LEB128 (i32.const).
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** Emits a function body; labels are named, and `br`/`brIf` compute their depth. */
class Code {
  readonly bytes: number[] = [];
  private labels: Array<string | undefined> = [];
  constructor(private readonly locals: readonly string[]) {}
  private local(n: string): number {
    const i = this.locals.indexOf(n);
    if (i < 0) throw new Error(`no local ${n}`);
    return i;
  }
  get(n: string): this {
    this.bytes.push(OP.get, ...uleb(this.local(n)));
    return this;
  }
  set(n: string): this {
    this.bytes.push(OP.set, ...uleb(this.local(n)));
    return this;
  }
  tee(n: string): this {
    this.bytes.push(OP.tee, ...uleb(this.local(n)));
    return this;
  }
  i32(v: number): this {
    this.bytes.push(OP.const, ...leb(v | 0));
    return this;
  }
  op(...ops: number[]): this {
    this.bytes.push(...ops);
    return this;
  }
  /** The address `base + (index << 2)` (an i32 array's element), both given as locals. */
  at(base: string, index: string): this {
    return this.get(base).get(index).i32(2).op(OP.shl, OP.add);
  }
  load(offset = 0): this {
    this.bytes.push(OP.load, 2, ...uleb(offset));
    return this;
  }
  load16u(): this {
    this.bytes.push(OP.load16u, 1, 0);
    return this;
  }
  store(): this {
    this.bytes.push(OP.store, 2, 0);
    return this;
  }
  open(kind: 'block' | 'loop' | 'if', label?: string): this {
    this.bytes.push(OP[kind], VOID);
    this.labels.push(label);
    return this;
  }
  else(): this {
    this.bytes.push(OP.else);
    return this;
  }
  close(): this {
    this.bytes.push(OP.end);
    this.labels.pop();
    return this;
  }
  private depth(label: string): number {
    const i = this.labels.lastIndexOf(label);
    if (i < 0) throw new Error(`no label ${label}`);
    return this.labels.length - 1 - i;
  }
  br(label: string): this {
    this.bytes.push(OP.br, ...uleb(this.depth(label)));
    return this;
  }
  brIf(label: string): this {
    this.bytes.push(OP.brIf, ...uleb(this.depth(label)));
    return this;
  }
  /** local += by */
  inc(n: string, by = 1): this {
    return this.get(n).i32(by).op(OP.add).set(n);
  }
}

const PARAMS = [
  'codes', 'len', 'marks', 'hitPattern', 'hitStart', 'hitEnd', 'cap',
  'unit', 'edgeStart', 'edgeChar', 'edgeTo', 'fail', 'outStart', 'outList', 'lengths', 'firstOut',
] as const;
const LOCALS = ['i', 's', 'u', 'a', 'e', 'end', 'k', 'id', 'h', 'nm'] as const;

/** The scan (see src/core/ac-wasm.ts): the same steps as `AhoCorasick.scanEdges`. */
function scanBody(): number[] {
  const c = new Code([...PARAMS, ...LOCALS]);
  c.open('block', 'done').open('loop', 'chars');
  c.get('i').get('len').op(OP.geU).brIf('done');
  // u = unit[codes[i]]
  c.get('unit').get('codes').get('i').i32(1).op(OP.shl, OP.add).load16u().i32(2).op(OP.shl, OP.add).load().set('u');
  // A mark (bit 31): marks[nm++] = i.
  c.get('u').i32(0).op(OP.ltS).open('if');
  c.at('marks', 'nm').get('i').store().inc('nm');
  c.close();
  c.open('block', 'next');
  c.get('s').op(OP.eqz).open('if');
  c.get('u').i32(0xffff).op(OP.and).set('s'); // at the root: its transition, one load
  c.else();
  // Outside the patterns' alphabet: back to the root (which has no outputs).
  c.get('u').i32(16).op(OP.shrU).i32(0x7fff).op(OP.and).tee('a').op(OP.eqz).open('if');
  c.i32(0).set('s').br('next');
  c.close();
  c.open('loop', 'follow');
  // The state's edges, edgeStart[s] .. edgeStart[s + 1], searched for the letter.
  c.at('edgeStart', 's').load().set('e');
  c.at('edgeStart', 's').load(4).set('end');
  c.open('block', 'notFound').open('loop', 'search');
  c.get('e').get('end').op(OP.geS).brIf('notFound');
  c.get('edgeChar').get('e').i32(1).op(OP.shl, OP.add).load16u().get('a').op(OP.eq).open('if');
  c.at('edgeTo', 'e').load().set('s').br('next');
  c.close();
  c.inc('e').br('search');
  c.close().close();
  // No edge: follow the fail link; at the root, take the root's transition.
  c.at('fail', 's').load().tee('s').op(OP.eqz).open('if');
  c.get('u').i32(0xffff).op(OP.and).set('s').br('next');
  c.close();
  c.br('follow');
  c.close(); // follow
  c.close(); // if s == 0 … else
  c.close(); // next
  // Outputs (states from firstOut on): the patterns ending here.
  c.get('s').get('firstOut').op(OP.geS).open('if');
  c.at('outStart', 's').load().set('k');
  c.at('outStart', 's').load(4).set('end');
  c.open('block', 'outDone').open('loop', 'out');
  c.get('k').get('end').op(OP.geS).brIf('outDone');
  c.get('h').get('cap').op(OP.geS).open('if');
  c.i32(-1).op(OP.return);
  c.close();
  c.at('outList', 'k').load().set('id');
  c.at('hitPattern', 'h').get('id').store();
  c.at('hitStart', 'h').get('i').i32(1).op(OP.add).at('lengths', 'id').load().op(OP.sub).store();
  c.at('hitEnd', 'h').get('i').i32(1).op(OP.add).store();
  c.inc('h').inc('k').br('out');
  c.close().close();
  c.close(); // if outputs
  c.inc('i').br('chars');
  c.close().close(); // chars, done
  // The number of marks at address 0; the number of hits returned.
  c.i32(0).get('nm').store();
  c.get('h');
  c.op(OP.end);
  return [...vec([[LOCALS.length, I32]]), ...c.bytes];
}

/** The module's bytes: imports its memory as env.mem, exports `scan`. */
export function scanModuleBytes(): Uint8Array {
  const type = [0x60, ...vec(PARAMS.map(() => [I32])), ...vec([[I32]])];
  const body = scanBody();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('scan'), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

if (require.main === module) console.log(Buffer.from(scanModuleBytes()).toString('base64'));
