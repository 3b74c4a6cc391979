/** `gongwen check`: findings for files and folders, as text lines or JSON. */
import { check, checkInChunks, CHUNK_CHARS } from '../../core/check';
import { TextDoc } from '../../core/text';
import type { Finding } from '../../core/types';
import { parseArgs } from '../args';
import { CHECK_EXTENSIONS, expandPaths, isDocx, languageOf, readInput } from '../files';
import { RULE_FLAG_NAMES, RULE_OPTION_NAMES, ruleOptions } from '../rule-options';
import { UsageError, type Command } from '../io';
import { shortRunTiering, type ShortRunTiering } from '../jit';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  ruleId: string;
  category: string;
  message: string;
  fix?: string;
  reason?: string;
  since?: string;
  source?: string;
}

/** Characters of output per write (a batch of that many UTF-16 units stays a young-generation string). */
const BATCH_CHARS = 32768;
/** Distinct tails kept per message (see `JsonLines.tail`). */
const MAX_SAME = 16;
/** Bytes of JSON output per write. */
const JSON_CHUNK = 1 << 16;

const SEVERITY_CN: Record<string, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };

// Rule options (--date, --rules, --glossary, the project configuration) are read in one place
// for every command that checks.
export { datasetFromArgs, parseDateArg } from '../rule-options';

export function toJson(file: string, doc: TextDoc, f: Finding): JsonFinding {
  const s = doc.positionAt(f.start);
  const e = doc.positionAt(f.end);
  const j: JsonFinding = {
    file,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    severity: f.severity,
    ruleId: f.ruleId,
    category: f.category,
    message: f.message,
  };
  if (f.fix) j.fix = f.fix.text;
  if (f.reason) j.reason = f.reason;
  if (f.since) j.since = f.since;
  if (f.source) j.source = f.source;
  return j;
}

/**
 * Writes an ASCII string into `buf` at `pos`; returns the bytes written. Node's own binding when it
 * has one (`Buffer#write` checks its arguments in JavaScript, a cost per call in a short run).
 */
const writeAscii: (buf: Buffer, s: string, pos: number) => number =
  typeof (Buffer.prototype as { latin1Write?: unknown }).latin1Write === 'function'
    ? (buf, s, pos) => (buf as unknown as { latin1Write(s: string, pos: number): number }).latin1Write(s, pos)
    : (buf, s, pos) => buf.write(s, pos, 'latin1');

/**
 * The JSON lines of one file's findings, as UTF-8: the very bytes of
 * `JSON.stringify(toJson(file, doc, f))` per line, made for less. In a short (unoptimized) run an
 * object per finding, its serialization and the strings' conversion to UTF-8 were most of the
 * output's cost (about 3 300 findings a MB of the bench text, 1.4 MB of JSON). Here the part after
 * the positions (severity, rule, category, message, fix, reason, since, source) is serialized and
 * encoded once per distinct value and copied: a rule's findings mostly repeat it word for word.
 * Each line ends with a newline (the last one too), as `io.out` ended each batch.
 */
export class JsonLines {
  private readonly head: Buffer;
  private readonly tails = new Map<string, Array<{ f: Finding; bytes: Buffer }>>();
  private readonly length: number;
  private buf = Buffer.allocUnsafe(JSON_CHUNK);
  private pos = 0;

  constructor(
    file: string,
    private readonly doc: TextDoc,
    private readonly write: (bytes: Buffer) => void,
  ) {
    this.head = Buffer.from(`{"file":${JSON.stringify(file)},"line":`);
    this.length = doc.text.length;
  }

  add(f: Finding, comma: boolean): void {
    const { doc } = this;
    const starts = doc.lineStarts;
    const s = Math.max(0, Math.min(f.start, this.length));
    const e = Math.max(0, Math.min(f.end, this.length));
    const sl = doc.lineIndexAt(s);
    const el = e >= starts[sl] && (sl + 1 >= starts.length || e < starts[sl + 1]) ? sl : doc.lineIndexAt(e);
    const tail = this.tail(f);
    const at = `${sl + 1},"column":${s - starts[sl] + 1},"endLine":${el + 1},"endColumn":${e - starts[el] + 1},`;
    const room = 1 + this.head.length + at.length + tail.length + 1;
    if (this.pos + room > this.buf.length) this.flush(room);
    const buf = this.buf;
    let pos = this.pos;
    if (comma) buf[pos++] = 0x2c;
    buf.set(this.head, pos);
    pos += this.head.length;
    pos += writeAscii(buf, at, pos);
    buf.set(tail, pos);
    pos += tail.length;
    buf[pos++] = 0x0a;
    this.pos = pos;
  }

  end(): void {
    this.flush(0);
  }

  private flush(room: number): void {
    if (this.pos) this.write(this.buf.subarray(0, this.pos));
    // `outBytes` is done with the bytes when it returns: the buffer is used again (fresh pages
    // cost more than the bytes, about 3 µs a page on the machine of docs/benchmarks.md).
    if (room > this.buf.length) this.buf = Buffer.allocUnsafe(room);
    this.pos = 0;
  }

  /**
   * `"severity":…}` as UTF-8: the rest of the finding's JSON object, after the positions (what
   * `toJson` gives, without the file and positions). Kept by message, for at most `MAX_SAME`
   * variants of one message: a message whose fixes all differ is then serialized per finding.
   */
  private tail(f: Finding): Buffer {
    let same = this.tails.get(f.message);
    if (!same) this.tails.set(f.message, (same = []));
    const fix = f.fix?.text;
    for (let i = 0; i < same.length; i++) {
      const g = same[i].f;
      if (g.severity === f.severity && g.ruleId === f.ruleId && g.category === f.category && g.fix?.text === fix && g.reason === f.reason && g.since === f.since && g.source === f.source) return same[i].bytes;
    }
    const { file, line, column, endLine, endColumn, ...rest } = toJson('', this.doc, f);
    const bytes = Buffer.from(JSON.stringify(rest).slice(1));
    if (same.length < MAX_SAME) same.push({ f, bytes });
    return bytes;
  }
}

export const run: Command = async (argv, io) => {
  const tiering = shortRunTiering();
  try {
    return await checkFiles(argv, io, tiering);
  } finally {
    tiering.end();
  }
};

const checkFiles = async (argv: string[], io: Parameters<Command>[1], tiering: ShortRunTiering): Promise<number> => {
  const a = parseArgs(argv, ['format', ...RULE_OPTION_NAMES], [...RULE_FLAG_NAMES]);
  const format = a.opts.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json：${format}`);
  if (!a.positional.length) throw new UsageError('请给出要检查的文件或文件夹，例如 gongwen check 讲话稿.txt');
  const rules = ruleOptions(a);
  const date = rules.date;
  const { files, problems } = expandPaths(a.positional, CHECK_EXTENSIONS);
  rules.prepare(files);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const dates = new Set<string>();
  let emitted = 0;
  // Lines go out in batches (one write per ~32 K characters, not one per finding: a write costs
  // more than the line, about 40 ms a MB of draft); every file's lines are out before the next
  // file is read.
  let batch: string[] = [];
  let batchChars = 0;
  const put = (line: string) => {
    batch.push(line);
    batchChars += line.length;
    if (batchChars >= BATCH_CHARS) flush();
  };
  const flush = () => {
    if (batch.length) io.out(batch.join('\n'));
    batch = [];
    batchChars = 0;
  };
  if (format === 'json') put('[');
  const emit = (file: string, doc: TextDoc, findings: Finding[]) => {
    if (format === 'json') {
      if (!findings.length) return;
      for (let i = 0; i < findings.length; i++) counts[findings[i].severity]++;
      // One line per finding, each but the very first led by a comma, written as bytes (see JsonLines).
      flush();
      const lines = new JsonLines(file, doc, (b) => (io.outBytes ? io.outBytes(b) : io.out(b.toString('utf8'))));
      for (let i = 0; i < findings.length; i++) lines.add(findings[i], emitted++ > 0);
      lines.end();
      return;
    }
    for (const f of findings) {
      counts[f.severity]++;
      const j = toJson(file, doc, f);
      put(`${file}:${j.line}:${j.column} ${f.severity} ${f.ruleId} ${f.message}${fixNote(f)}`);
      emitted++;
    }
    flush();
  };
  for (const file of files) {
    // Reading a Word file (unzipping, parsing its XML) is heavy library code that the optimizing
    // compiler does pay for (an 8 MB draft as .docx: 4.1 s of CPU with it, 6.0 s without).
    if (isDocx(file)) tiering.end();
    const r = await readInput(file);
    if (!r.ok) {
      problems.push(r.problem);
      continue;
    }
    const doc = new TextDoc(r.text);
    const opts = { ...rules.forFile(file), language: languageOf(file) };
    if (r.text.length > CHUNK_CHARS) {
      const mb = (Buffer.byteLength(r.text) / 2 ** 20).toFixed(1);
      io.err(`gongwen: ${file}: 文件较大（${mb} MB），分块检查；提纲编号与预告项数只在每块之内核对`);
      dates.add(
        checkInChunks(r.text, opts, (fs) => {
          emit(file, doc, fs);
          tiering.checked(CHUNK_CHARS); // at most a chunk's length: close enough to decide when to optimize
        }).date,
      );
    } else {
      const result = check(r.text, opts);
      dates.add(result.date);
      emit(file, doc, result.findings);
      tiering.checked(r.text.length);
    }
  }
  if (format === 'json') put(']');
  flush();
  for (const p of problems) io.err(`gongwen: ${p.file}: ${p.message}`);
  const summary = `检查了 ${files.length - problems.filter((p) => files.includes(p.file)).length} 个文件（参考日期 ${[...dates].join('、') || date || '—'}）：${counts.error} 个${SEVERITY_CN.error}，${counts.warning} 个${SEVERITY_CN.warning}，${counts.info} 个${SEVERITY_CN.info}，${counts.hint} 个${SEVERITY_CN.hint}`;
  io.err(summary);
  if (problems.length) return 2;
  return counts.error + counts.warning > 0 ? 1 : 0;
};

/** How a fix reads in a text line: → 替换文字 / → 插入“是” / → 删除“、”. */
export function fixNote(f: Finding): string {
  if (!f.fix) return '';
  if (f.fix.start === f.fix.end) return ` → 插入“${f.fix.text}”`;
  if (!f.fix.text) return ' → 删除';
  return ` → ${f.fix.text}`;
}
