/**
 * The automaton's scan loop as a small WebAssembly function (used by src/core/ahocorasick.ts).
 *
 * Why: a command-line check is one pass over each piece of code, so the scan loop runs in V8's
 * interpreter, at about 60–80 ns a UTF-16 unit (20–30 ms for 1 MB of Chinese text). WebAssembly is
 * compiled by V8's baseline compiler (Liftoff) when the module is made, in well under a
 * millisecond, and runs the same loop at a few ns a unit from the first character on. In a
 * long-running process (the editor) V8 later optimizes the module on its own.
 *
 * The module is assembled from a listing in src/core/ac-wasm-asm.ts; its bytes are kept here as
 * text (`SCAN_WASM`). It walks the automaton's edge lists and fail links, as
 * `AhoCorasick.scanEdges` does, so it needs no full transition table (the precompiled data then
 * does not carry it: 4.7 MB less to read at start).
 *
 * Memory (one `WebAssembly.Memory` per automaton, grown as texts need, never shrunk):
 *   [0, 8)            the number of marks of the last scan
 *   tables            unit (i32 × 65536: root transition | alphabet index << 16 | mark << 31),
 *                     edgeStart, edgeChar (u16), edgeTo, fail, outStart, outList, lengths
 *   per scan          the text's units (u16), the marks (i32), the hits: pattern, start, end
 *                     (i32 each, `cap` entries)
 * `scan` returns the number of hits, or -1 when more than `cap` (the caller grows and scans again).
 */

// The few parts of the WebAssembly JS API used here (tsconfig has no DOM lib, and @types/node 20
// does not declare them).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number }) => WasmMemory;
}
declare const WebAssembly: WasmApi | undefined;

/** Whether this process runs WebAssembly (`node --jitless` does not). */
export const WASM_AVAILABLE = typeof WebAssembly === 'object' && typeof WebAssembly?.Module === 'function';
const wasm = (): WasmApi => WebAssembly!;

/**
 * The module (about 450 bytes), as assembled by src/core/ac-wasm-asm.ts from its listing: imports
 * its memory as env.mem and exports `scan(codes, len, marks, hitPattern, hitStart, hitEnd, cap,
 * unit, edgeStart, edgeChar, edgeTo, fail, outStart, outList, lengths, firstOut)`, all i32.
 */
export const SCAN_WASM = 'AGFzbQEAAAABFQFgEH9/f39/f39/f39/f39/f38BfwIMAQNlbnYDbWVtAgABAwIBAAcIAQRzY2FuAAAKggMB/wIBCn8CQANAIBAgAU8NASAHIAAgEEEBdGovAQBBAnRqKAIAIRIgEkEASARAIAIgGUECdGogEDYCACAZQQFqIRkLAkAgEUUEQCASQf//A3EhEQUgEkEQdkH//wFxIhNFBEBBACERDAILA0AgCCARQQJ0aigCACEUIAggEUECdGooAgQhFQJAA0AgFCAVTg0BIAkgFEEBdGovAQAgE0YEQCAKIBRBAnRqKAIAIREMBQsgFEEBaiEUDAALCyALIBFBAnRqKAIAIhFFBEAgEkH//wNxIREMAwsMAAsLCyARIA9OBEAgDCARQQJ0aigCACEWIAwgEUECdGooAgQhFQJAA0AgFiAVTg0BIBggBk4EQEF/DwsgDSAWQQJ0aigCACEXIAMgGEECdGogFzYCACAEIBhBAnRqIBBBAWogDiAXQQJ0aigCAGs2AgAgBSAYQQJ0aiAQQQFqNgIAIBhBAWohGCAWQQFqIRYMAAsLCyAQQQFqIRAMAAsLQQAgGTYCACAYCw==';

let compiled: object | undefined;

/** The compiled module (once per process). */
function scanModule(): object {
  return (compiled ??= new (wasm().Module)(Buffer.from(SCAN_WASM, 'base64')));
}

/** The automaton's tables the scan reads (see `AcTables` in src/core/ahocorasick.ts). */
export interface ScanTables {
  unit: Int32Array;
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeTo: Int32Array;
  fail: Int32Array;
  outStart: Int32Array;
  outList: Int32Array;
  lengths: Int32Array;
  firstOut: number;
}

/** What a scan found, as views of the scanner's memory: valid until its next scan. */
export interface WasmScanResult {
  pattern: Int32Array;
  start: Int32Array;
  end: Int32Array;
  marks: Int32Array;
}

const PAGE = 65536;
const align8 = (n: number) => (n + 7) & ~7;
const TABLE_NAMES = ['unit', 'edgeStart', 'edgeChar', 'edgeTo', 'fail', 'outStart', 'outList', 'lengths'] as const;

/** One automaton's tables in a WebAssembly memory, and the scan over them. */
export class WasmScanner {
  private readonly memory: WasmMemory;
  private readonly run: (...args: number[]) => number;
  /** Byte offsets of the tables, in TABLE_NAMES order. */
  private readonly offsets: number[] = [];
  private readonly firstOut: number;
  /** Where the per-scan regions start. */
  private readonly base: number;
  /** Room for hits in the next scan (doubled when a scan finds more). */
  private cap = 1024;

  constructor(t: ScanTables) {
    let at = 8;
    for (const n of TABLE_NAMES) {
      this.offsets.push(at);
      at = align8(at + t[n].byteLength);
    }
    this.base = at;
    this.firstOut = t.firstOut;
    this.memory = new (wasm().Memory)({ initial: Math.ceil(at / PAGE) + 1 });
    const bytes = new Uint8Array(this.memory.buffer);
    TABLE_NAMES.forEach((n, k) => {
      const a = t[n];
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), this.offsets[k]);
    });
    const instance = new (wasm().Instance)(scanModule(), { env: { mem: this.memory } });
    this.run = instance.exports.scan as (...args: number[]) => number;
  }

  /** The hits (by end position) and the marks of `codes`. */
  scan(codes: Uint16Array): WasmScanResult {
    const len = codes.length;
    // Room for one hit per 16 units (the bench text has one per 90); a text with more scans again.
    this.cap = Math.max(this.cap, len >> 4);
    for (;;) {
      const at = this.base;
      const marks = align8(at + len * 2);
      const hitPattern = align8(marks + len * 4);
      const hitStart = hitPattern + this.cap * 4;
      const hitEnd = hitStart + this.cap * 4;
      const need = hitEnd + this.cap * 4;
      const have = this.memory.buffer.byteLength;
      if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
      const buf = this.memory.buffer;
      new Uint16Array(buf, at, len).set(codes);
      const [unit, edgeStart, edgeChar, edgeTo, fail, outStart, outList, lengths] = this.offsets;
      const n = this.run(at, len, marks, hitPattern, hitStart, hitEnd, this.cap, unit, edgeStart, edgeChar, edgeTo, fail, outStart, outList, lengths, this.firstOut);
      if (n < 0) {
        this.cap *= 2;
        continue;
      }
      return {
        pattern: new Int32Array(buf, hitPattern, n),
        start: new Int32Array(buf, hitStart, n),
        end: new Int32Array(buf, hitEnd, n),
        marks: new Int32Array(buf, marks, new Int32Array(buf, 0, 1)[0]),
      };
    }
  }

  /** Bytes of memory held (the tables and the largest text scanned so far). */
  get size(): number {
    return this.memory.buffer.byteLength;
  }
}
