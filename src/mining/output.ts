/** Writing, reading, validating and merging patterns files. */
import { randomBytes } from 'crypto';
import { writeFileAtomic as writeAtomic } from '../core/atomic';
import { existsSync, readFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { encodeStore } from '../core/completion/binary';
import { NgramStore, type SerializedModel } from '../core/completion/ngram';
import { emptyPatterns, type Patterns, type Counted, type Example } from '../core/patterns';
import { byCount } from './miner';
import { mergeModels } from '../core/completion/train';

export const KINDS = ['phrases', 'collocations', 'parallels', 'enumerations', 'concepts', 'sectionTemplates', 'openings', 'closings'] as const;

/** Identity of an entry within its kind (what merge adds up). */
export const KEY: Record<(typeof KINDS)[number], (e: any) => string> = {
  phrases: (e) => e.text,
  collocations: (e) => `${e.head}\t${e.next}`,
  parallels: (e) => `${e.template}\t${e.separator}`,
  enumerations: (e) => `${e.family}\t${String(e.length).padStart(3, '0')}`,
  concepts: (e) => e.text,
  sectionTemplates: (e) => e.template,
  openings: (e) => e.text,
  closings: (e) => e.text,
};

export function serialize(p: Patterns): string {
  return JSON.stringify(p, null, 1) + '\n';
}

/**
 * What completion reads of a patterns file, written compactly: the model, the phrases (as known
 * units, without examples), parallels, enumerations and concepts. The editor keeps its re-mined
 * archive in this form: a 2 MB archive's full file is ~6.6 MB of JSON, this one ~2 MB, so it loads
 * in a fraction of the time. Still a valid patterns file (the other kinds empty).
 */
export function completionView(p: Patterns): string {
  const view: Patterns = {
    ...emptyPatterns(),
    source: p.source,
    phrases: p.phrases.map((x) => ({ text: x.text, count: x.count, docs: x.docs, examples: [] })),
    parallels: p.parallels,
    enumerations: p.enumerations,
    concepts: p.concepts,
    ...(p.model ? { model: p.model } : {}),
  };
  return JSON.stringify(view) + '\n';
}

/**
 * Writes the completion view of `p` to `file` as the editor keeps it: the continuation model in a
 * binary file beside it (`<name>.model.bin`: the arrays the run time uses, so loading is a read and
 * a check, see core/completion/binary.ts) with the phrases' texts, the rest as JSON naming that
 * file with a fresh random stamp written into both. Each file is written atomically, the binary one first: a reader sees
 * the old pair, or the new pair, or (between the two renames) a stamp that does not match — an
 * error asking to re-mine, never a mix.
 */
export function writeCompletionView(file: string, p: Patterns): void {
  if (!p.model) {
    writeAtomic(file, completionView(p));
    return;
  }
  const stamp = randomBytes(16).toString('hex');
  const name = basename(file).replace(/\.json$/i, '') + '.model.bin';
  const store = new NgramStore(p.model);
  // the phrases go with it, as texts (a phrase that is a word of the model is no unit: left out)
  const words = new Set(store.words);
  const phrases = p.phrases.map((x) => x.text).filter((t) => !words.has(t));
  const bin = encodeStore(store, stamp, phrases);
  writeAtomic(join(dirname(file), name), bin);
  const model: SerializedModel = { ...p.model, words: '', data: '', binary: { file: name, stamp, bytes: bin.length, phrases: phrases.length } };
  writeAtomic(file, completionView({ ...p, phrases: [], model }));
}

/** Is this parsed JSON a patterns file? Returns a reason when not. */
export function patternsProblem(j: unknown): string | undefined {
  if (!j || typeof j !== 'object' || Array.isArray(j)) return '不是 JSON 对象';
  const o = j as Record<string, unknown>;
  if (o.version !== 1) return '缺少 version: 1';
  const src = o.source as Record<string, unknown> | undefined;
  if (!src || typeof src.documents !== 'number' || typeof src.characters !== 'number') return '缺少 source';
  for (const k of KINDS) {
    const arr = o[k];
    if (!Array.isArray(arr)) return `缺少数组 ${k}`;
    for (const e of arr) {
      if (!e || typeof e !== 'object') return `${k} 含非对象条目`;
      const c = e as Record<string, unknown>;
      if (typeof c.count !== 'number' || typeof c.docs !== 'number' || !Array.isArray(c.examples)) return `${k} 条目缺少 count/docs/examples`;
      try {
        if (typeof KEY[k](c) !== 'string' || KEY[k](c).includes('undefined')) return `${k} 条目缺少关键字段`;
      } catch {
        return `${k} 条目缺少关键字段`;
      }
    }
  }
  return undefined;
}

/** Read a patterns file; throws Error naming the file when it is not one. */
export function readPatterns(file: string): Patterns {
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}：无法读取或不是 JSON（${e instanceof Error ? e.message.split('\n')[0] : e}）`);
  }
  const why = patternsProblem(j);
  if (why) throw new Error(`${file}：不是模式文件（${why}）`);
  // the editor's form (model and phrases in a binary file beside it) is for completion only
  if ((j as Patterns).model?.binary) throw new Error(`${file}：是编辑器保存的补全文件（模型在旁边的二进制文件里），不能合并；请合并 gongwen mine 写出的模式文件`);
  return j as Patterns;
}

/** Throws when `file` exists and is not a patterns file (never overwrite a user's other file). */
export function checkOverwritable(file: string): void {
  if (!existsSync(file)) return;
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`拒绝覆盖 ${file}：该文件已存在且不是模式文件`);
  }
  if (patternsProblem(j)) throw new Error(`拒绝覆盖 ${file}：该文件已存在且不是模式文件`);
}

/** Write atomically (src/core/atomic.ts). */
export { writeAtomic };

const exOrder = (a: Example, b: Example) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : a.line - b.line);

/** Merge patterns: counts and docs add up; examples keep the first two in (doc, line) order; lists are unioned; the continuation models' counts add up. */
export function mergePatterns(list: Patterns[]): Patterns {
  const out: Patterns = emptyPatterns();
  for (const p of list) {
    out.source.documents += p.source.documents;
    out.source.characters += p.source.characters;
  }
  for (const k of KINDS) {
    const m = new Map<string, Counted & Record<string, unknown>>();
    for (const p of list) {
      for (const e of p[k] as unknown as (Counted & Record<string, unknown>)[]) {
        const key = KEY[k](e);
        const cur = m.get(key);
        if (!cur) {
          m.set(key, JSON.parse(JSON.stringify(e)));
          continue;
        }
        cur.count += e.count;
        cur.docs += e.docs;
        const seen = new Set<string>();
        cur.examples = [...cur.examples, ...e.examples]
          .sort(exOrder)
          .filter((x) => (seen.has(`${x.doc}:${x.line}`) ? false : (seen.add(`${x.doc}:${x.line}`), true)))
          .slice(0, 2);
        for (const f of ['items', 'instances'] as const) {
          if (Array.isArray(cur[f]) && Array.isArray(e[f])) {
            const arr = cur[f] as string[];
            for (const x of e[f] as string[]) if (arr.length < 12 && !arr.includes(x)) arr.push(x);
          }
        }
        if (k === 'concepts' && !(cur.expansion as string[]).length) cur.expansion = e.expansion;
      }
    }
    (out as any)[k] = [...m.values()].sort(byCount(KEY[k]));
  }
  const models = list.map((p) => p.model).filter((m): m is NonNullable<typeof m> => !!m);
  if (models.length) out.model = mergeModels(models);
  return out;
}
