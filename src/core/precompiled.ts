/**
 * The built-in data, validated and compiled at build time (scripts/precompile.ts, run by
 * `npm run build`) into one file beside the bundles, `dist/builtin-data.bin`, loaded with one read:
 * the data files as they were validated (so no JSON Schema validation at run time), the misquote
 * anchors (no pass over the data's prose) and the automaton's tables (no construction).
 *
 * It is used only when it certainly says what building the data afresh would say:
 * - by a bundle of the same sources (the build id, a hash of src/, is compiled into the bundles
 *   and written into the file; code run from sources, as the tests do, builds the data itself);
 * - while the data files are byte for byte those it was made from (data/rules/*.json,
 *   data/glossary.json, data/data-version.json are read and compared: editing a rule makes the
 *   bundle build the data afresh).
 * The rules are stored one by one (each entry's JSON), with the automaton's patterns and whose
 * they are: a check parses and compiles only the rules its text hits (`Dataset`, `LazyRule`).
 * Otherwise the data is read, validated and compiled as before (`GONGWEN_TRACE_DATA=1` says which;
 * `GONGWEN_NO_PRECOMPILED=1` always builds it, for the benchmark).
 *
 * Layout: "GWDATA02", a uint32 (LE) header length, the header (JSON), then the blobs (the data
 * files' bytes and the typed arrays), each at an offset that is a multiple of 8.
 */
import fs = require('fs');
import path = require('path');
import type { AcTables } from './ahocorasick';
import { builtinGlossaryFile, builtinRuleFiles, dataDir, type RawData } from './data';
import { LITERAL_ROLES as ROLES, type LiteralOwner } from './literal-owner';
import type { GlossaryFile, RuleEntry } from './model';
import type { AnchorChoice } from './rules/misquote-index';

/** The parts of a Dataset that cost most to compute (`Dataset.compiledParts`), stored here. */
export interface CompiledParts {
  anchors: AnchorChoice;
  automaton: AcTables;
  /** The rules by index, read on demand, and the automaton's patterns with their owners. */
  rules?: RuleTable;
}

export interface RuleTable {
  ids: readonly string[];
  /** Rule i's entry (with its file's path). */
  entry(i: number): RuleEntry & { file?: string };
  literals: string[];
  owners: LiteralOwner[];
}

declare const __GONGWEN_BUILD_ID__: string | undefined;

/** The build id compiled into a bundle (`scripts/build.mjs`); undefined when run from sources. */
export const BUILD_ID: string | undefined = typeof __GONGWEN_BUILD_ID__ === 'string' ? __GONGWEN_BUILD_ID__ : undefined;

export const PRECOMPILED_NAME = 'builtin-data.bin';
const MAGIC = 'GWDATA02';

type BlobKind = 'bytes' | 'u16' | 'i32';
const TABLES: Array<[keyof AcTables, BlobKind]> = [
  ['alpha', 'u16'],
  ['root', 'i32'],
  ['rootNext', 'i32'],
  ['edgeStart', 'i32'],
  ['edgeChar', 'u16'],
  ['edgeTo', 'i32'],
  ['fail', 'i32'],
  ['outStart', 'i32'],
  ['outList', 'i32'],
  ['lengths', 'i32'],
  ['unit', 'i32'],
];

interface Header {
  buildId: string;
  /** The data files, relative to the data folder ('/'-separated), in the order they are read. */
  ruleFiles: string[];
  glossaryFile: string;
  versionFile: string;
  anchors: string[];
  firstOut: number;
  width: number;
  /** Per rule: its id, and its file (an index into `ruleFiles`); its entry is blob `ruleText` from `ruleAt[i]` to `ruleAt[i + 1]`. */
  ruleIds: string[];
  ruleFile: number[];
  /** The automaton's patterns, and per pattern its owner: rule, role (index into ROLES), anchor (-1: none). */
  literals: string[];
  owners: number[];
  /** name → [kind, byte offset from the start of the file, length in elements]. */
  blobs: Record<string, [BlobKind, number, number]>;
}

const rel = (dir: string, f: string) => path.relative(dir, f).split(path.sep).join('/');

/**
 * The precompiled file of the built-in dataset, from its `compiledParts()`, with the data files as
 * they are now (those it was built from).
 */
export function serializeBuiltin(parts: CompiledParts, buildId: string): Buffer {
  const dir = dataDir();
  const ruleFiles = builtinRuleFiles();
  const versionFile = path.join(dir, 'data-version.json');
  const tables = parts.automaton;
  const blobs: Array<[string, BlobKind, Uint8Array | Uint16Array | Int32Array]> = [];
  for (const f of [...ruleFiles, builtinGlossaryFile(), versionFile]) blobs.push([`file:${rel(dir, f)}`, 'bytes', fs.readFileSync(f)]);
  for (const [name, kind] of TABLES) {
    const a = tables[name] as Uint16Array | Int32Array | undefined;
    if (a) blobs.push([name, kind, a]);
  }
  blobs.push(['anchorStart', 'i32', parts.anchors.anchorStart], ['anchorClauses', 'i32', parts.anchors.anchorClauses], ['required', 'i32', parts.anchors.required]);
  const table = parts.rules;
  if (!table) throw new Error('serializeBuiltin: no rule table');
  // Each rule's entry as JSON, without its file (stored as an index, joined to the data folder on load).
  const fileIndex = new Map(ruleFiles.map((f, i) => [path.resolve(f), i]));
  const ruleFile: number[] = [];
  const texts: Buffer[] = [];
  const ruleAt = new Int32Array(table.ids.length + 1);
  table.ids.forEach((_, i) => {
    const { file, ...entry } = table.entry(i);
    const k = file === undefined ? undefined : fileIndex.get(path.resolve(file));
    if (k === undefined) throw new Error(`serializeBuiltin: rule ${entry.id} is not of a built-in rule file`);
    ruleFile.push(k);
    texts.push(Buffer.from(JSON.stringify(entry), 'utf8'));
    ruleAt[i + 1] = ruleAt[i] + texts[i].length;
  });
  blobs.push(['ruleText', 'bytes', Buffer.concat(texts)], ['ruleAt', 'i32', ruleAt]);
  const header: Header = {
    buildId,
    ruleFiles: ruleFiles.map((f) => rel(dir, f)),
    glossaryFile: rel(dir, builtinGlossaryFile()),
    versionFile: rel(dir, versionFile),
    anchors: parts.anchors.anchors,
    firstOut: tables.firstOut,
    width: tables.width,
    ruleIds: [...table.ids],
    ruleFile,
    literals: table.literals,
    owners: table.owners.flatMap((o) => [o.rule, ROLES.indexOf(o.role), o.anchor ?? -1]),
    blobs: {},
  };
  // The blobs' offsets depend on the header's length and the header holds them: lay out until stable.
  let json = '';
  for (let room = 0; ; ) {
    let at = align8(12 + room);
    header.blobs = {};
    for (const [name, kind, a] of blobs) {
      header.blobs[name] = [kind, at, a.length];
      at = align8(at + a.byteLength);
    }
    json = JSON.stringify(header);
    if (Buffer.byteLength(json) <= room) break;
    room = Buffer.byteLength(json) + 64;
  }
  const last = blobs[blobs.length - 1];
  const out = Buffer.alloc(header.blobs[last[0]][1] + last[2].byteLength);
  out.write(MAGIC, 0, 'latin1');
  const headerBytes = Buffer.from(json, 'utf8');
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  for (const [name, , a] of blobs) Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, header.blobs[name][1]);
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

export type PrecompiledResult = { raw: RawData; compiled: CompiledParts } | { why: string };

/**
 * What a precompiled file holds, if it is of this build and of the data files as they are: the
 * raw data and the parts a Dataset built from it loads instead of computing.
 */
export function loadPrecompiled(file: string, buildId: string | undefined): PrecompiledResult {
  if (!buildId) return { why: '从源代码运行' };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return { why: `没有 ${path.basename(file)}` };
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return { why: '文件格式不符' };
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + buf.readUInt32LE(8))) as Header;
  } catch {
    return { why: '文件头无法读取' };
  }
  if (header.buildId !== buildId) return { why: '不是本次构建生成的' };
  const blob = (name: string) => header.blobs[name];
  const ab = buf.buffer as ArrayBuffer;
  const view = (name: string): Uint16Array | Int32Array => {
    const [kind, off, len] = blob(name);
    const at = buf.byteOffset + off;
    const Ctor = kind === 'u16' ? Uint16Array : Int32Array;
    // A view when aligned (a large read has a buffer of its own), else a copy.
    return at % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(ab, at, len) : new Ctor(ab.slice(at, at + len * Ctor.BYTES_PER_ELEMENT));
  };

  // The data files must be those it was made from, and no other rule file may have been added.
  const dir = dataDir();
  const ruleFiles = builtinRuleFiles();
  if (ruleFiles.length !== header.ruleFiles.length || ruleFiles.some((f, i) => rel(dir, f) !== header.ruleFiles[i])) return { why: '规则文件在构建之后有增减' };
  const current = new Map<string, Buffer>();
  for (const name of [...header.ruleFiles, header.glossaryFile, header.versionFile]) {
    let now: Buffer;
    try {
      now = fs.readFileSync(path.join(dir, name));
    } catch {
      return { why: `缺少数据文件 ${name}` };
    }
    const [, off, len] = blob(`file:${name}`);
    if (!now.equals(buf.subarray(off, off + len))) return { why: `数据文件 ${name} 在构建之后改过` };
    current.set(name, now);
  }
  const json = (name: string) => JSON.parse(current.get(name)!.toString('utf8').replace(/^\ufeff/, '')) as unknown;
  // Each entry is a fresh object of JSON.parse: it takes its file's path itself (one path per file).
  const withFile = <T extends object>(entries: T[], file: string) => {
    for (const e of entries) (e as T & { file: string }).file = file;
    return entries as Array<T & { file: string }>;
  };
  // The rules are not parsed here: `rules.entry(i)` reads one when the dataset first needs it.
  const raw: RawData = {
    rules: [],
    glossary: withFile((json(header.glossaryFile) as GlossaryFile).entries, path.join(dir, header.glossaryFile)),
  };
  const ruleFilePaths = header.ruleFiles.map((name) => path.join(dir, name));
  const [, textAt] = blob('ruleText');
  const ruleAt = view('ruleAt') as Int32Array;
  const owners: LiteralOwner[] = [];
  for (let k = 0; k < header.owners.length; k += 3) {
    const rule = header.owners[k];
    const role = ROLES[header.owners[k + 1]];
    const anchor = header.owners[k + 2];
    owners.push(anchor >= 0 ? { rule, role, anchor } : { rule, role });
  }
  const rules: RuleTable = {
    ids: header.ruleIds,
    entry: (i) => {
      const entry = JSON.parse(buf.toString('utf8', textAt + ruleAt[i], textAt + ruleAt[i + 1])) as RuleEntry & { file?: string };
      entry.file = ruleFilePaths[header.ruleFile[i]];
      return entry;
    },
    literals: header.literals,
    owners,
  };
  const automaton = {
    firstOut: header.firstOut,
    width: header.width,
    ...Object.fromEntries(TABLES.filter(([name]) => blob(name)).map(([name]) => [name, view(name)])),
  } as unknown as AcTables;
  const compiled: CompiledParts = {
    anchors: {
      anchors: header.anchors,
      anchorStart: view('anchorStart') as Int32Array,
      anchorClauses: view('anchorClauses') as Int32Array,
      required: view('required') as Int32Array,
    },
    automaton,
    rules,
  };
  return { raw, compiled };
}

/** Where the bundles look for the precompiled file: beside themselves. */
export function precompiledFile(): string {
  return path.join(__dirname, PRECOMPILED_NAME);
}
