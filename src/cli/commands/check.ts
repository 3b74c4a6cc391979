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
/** Findings serialized per JSON.stringify call (about 30 K characters of JSON). */
const JSON_PIECE = 100;

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
      for (const f of findings) counts[f.severity]++;
      // One line per finding, each but the very first led by a comma. Serialized a piece of
      // findings per call and cut into lines after: a finding holds strings and numbers only, and
      // a string's quotes are escaped, so `},{"file":` occurs only between two findings. The same
      // bytes as a JSON.stringify per finding, in about two thirds of the time of a short
      // (unoptimized) run. Pieces, not the whole file's findings at once: each string then stays
      // small enough for V8's young generation (a string of megabytes is allocated in the old
      // generation, and a few of them cost a full collection).
      for (let i = 0; i < findings.length; i += JSON_PIECE) {
        const piece = findings.slice(i, i + JSON_PIECE).map((f) => toJson(file, doc, f));
        put(`${emitted ? ',' : ''}${JSON.stringify(piece).slice(1, -1).replace(/\},\{"file":/g, '}\n,{"file":')}`);
        emitted += piece.length;
      }
      flush();
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
