/**
 * Reading the CLI's inputs: files and folders (recursive) of drafts, decoded from UTF-8,
 * UTF-16 with BOM or GB18030. Problems become one-line messages naming the file.
 */
import fs = require('fs');
import path = require('path');
import { decodeBytes, DecodeError } from '../core/decode';
import { normalizeInput } from '../core/text';

export const DRAFT_EXTENSIONS = ['.txt', '.md', '.markdown'];
/** What check, outline and report read: the text drafts and Word files. */
export const CHECK_EXTENSIONS = [...DRAFT_EXTENSIONS, '.docx'];

export interface InputProblem {
  file: string;
  message: string;
}

/** Expands files and folders into draft files; problems (missing paths) are collected. */
export function expandPaths(paths: string[], exts = DRAFT_EXTENSIONS): { files: string[]; problems: InputProblem[] } {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: dir, message: `无法读取文件夹（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      // hidden files, and Word's lock files (~$稿子.docx) beside an open document
      if (ent.name.startsWith('.') || ent.name.startsWith('~$') || ent.name === 'node_modules') continue;
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && exts.includes(path.extname(ent.name).toLowerCase())) files.push(p);
    }
  };
  for (const p of paths) {
    // `-`: the draft on standard input (read once, as a text file).
    if (p === STDIN) {
      if (!files.includes(STDIN)) files.push(STDIN);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      problems.push({ file: p, message: '文件或文件夹不存在' });
      continue;
    }
    if (st.isDirectory()) {
      const before = files.length;
      walk(p);
      // A mistyped or empty folder is said, not passed over as "0 files, no findings".
      if (files.length === before) problems.push({ file: p, message: `文件夹中没有可检查的文稿（${exts.join('、')}）` });
    } else files.push(p);
  }
  return { files, problems };
}

export type ReadResult =
  | { ok: true; text: string; encoding: string; /** .docx: the paragraph of each line */ paragraphOfLine?: number[] }
  | { ok: false; problem: InputProblem };

/** The path that names standard input. */
export const STDIN = '-';

export function readDraft(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file === STDIN ? 0 : file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '是文件夹，不是文件' : `无法读取（${code ?? (e as Error).message}）`;
    return { ok: false, problem: { file, message } };
  }
  try {
    const d = decodeBytes(bytes);
    return { ok: true, text: normalizeInput(d.text), encoding: d.encoding };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, problem: { file, message: e.message } };
    throw e;
  }
}

export function isDocx(file: string): boolean {
  return path.extname(file).toLowerCase() === '.docx';
}

/**
 * Reads a draft for checking: a .docx as its body text (one paragraph per line, see
 * src/docx/text.ts), anything else as a text file (readDraft).
 */
export async function readInput(file: string): Promise<ReadResult> {
  if (!isDocx(file)) return readDraft(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return readDraft(file); // the same messages for a missing or unreadable file
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readDocx, DocxError } = require('../docx/package') as typeof import('../docx/package');
  try {
    const d = await readDocx(bytes);
    return { ok: true, text: d.text, encoding: 'docx', paragraphOfLine: d.paragraphOfLine };
  } catch (e) {
    if (e instanceof DocxError) return { ok: false, problem: { file, message: e.message } };
    return { ok: false, problem: { file, message: `Word 文档无法读取（${String((e as Error)?.message ?? e).split('\n')[0]}）` } };
  }
}

export function languageOf(file: string): 'markdown' | 'plaintext' {
  const ext = path.extname(file).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'plaintext';
}
