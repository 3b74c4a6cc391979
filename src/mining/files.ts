/** Finding the documents to mine and reading them as text (.txt, .md, .docx). */
import { readdirSync, statSync, readFileSync } from 'fs';
import { join, relative, extname, basename, sep } from 'path';
import { decodeBytes } from '../core/decode';
import { docxText } from './docx';

export const EXTENSIONS = ['.txt', '.md', '.docx'];

export interface DocFile {
  abs: string;
  /** Path relative to the root it was found under (the file name for a file given directly), with / separators. */
  rel: string;
  size: number;
}

/** README files document a folder; they are not the user's writing. */
function isReadme(name: string): boolean {
  return /^readme(\.|$)/i.test(name);
}

/**
 * Expand the given files and folders (recursively) into documents, sorted by relative path.
 * Throws with the path when something given does not exist.
 */
export function listDocuments(paths: string[]): DocFile[] {
  const out: DocFile[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new Error(`找不到路径：${p}`);
    }
    if (st.isDirectory()) {
      const walk = (dir: string) => {
        for (const name of readdirSync(dir).sort()) {
          if (name.startsWith('.') || name === 'node_modules') continue;
          const abs = join(dir, name);
          let s;
          try {
            s = statSync(abs);
          } catch {
            continue;
          }
          if (s.isDirectory()) walk(abs);
          else if (s.isFile() && EXTENSIONS.includes(extname(name).toLowerCase()) && !isReadme(name) && !name.startsWith('~$')) {
            out.push({ abs, rel: relative(p, abs).split(sep).join('/'), size: s.size });
          }
        }
      };
      walk(p);
    } else {
      out.push({ abs: p, rel: basename(p), size: st.size });
    }
  }
  const seen = new Set<string>();
  return out
    .filter((d) => (seen.has(d.abs) ? false : (seen.add(d.abs), true)))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
}

/** Read one document as text; throws an Error with a Chinese reason when it cannot. */
export async function readDocument(d: DocFile): Promise<{ text: string; markdown: boolean }> {
  const bytes = readFileSync(d.abs);
  const ext = extname(d.abs).toLowerCase();
  if (ext === '.docx') {
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('不是有效的 .docx 文件');
    try {
      return { text: await docxText(bytes), markdown: false };
    } catch (e) {
      throw new Error(`无法读取 .docx：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  return { text: decodeBytes(bytes).text, markdown: ext === '.md' };
}
