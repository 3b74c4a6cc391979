/**
 * Reading a patterns file (data/patterns.json or one given with --patterns): JSON, validated
 * against data/schema/patterns.schema.json when the schema is present, else by a structural check
 * of the fields the engine uses. Problems become a DataError naming the file.
 */
import fs = require('fs');
import path = require('path');
import { builtinGlossaryFile, builtinRuleFiles, DataError, dataDir, readData, readJson, schemaProblem } from '../data';
import { Dataset, loadBuiltinDataset } from '../dataset';
import type { Patterns } from '../patterns';
import { canonProblem, type CanonEntry } from './canon';
import { attachPhrases, decodeStore } from './binary';
import { attachStore, modelProblem } from './ngram';

export { DataError as PatternsError };

export function builtinPatternsFile(): string {
  return path.join(dataDir(), 'patterns.json');
}

export function builtinCanonFile(): string {
  return path.join(dataDir(), 'canon.json');
}

/**
 * The curated standard formulations (data/canon.json, or `file`); none while the built-in file
 * is absent. A file given explicitly must exist and be well formed.
 */
export function loadCanon(file?: string): CanonEntry[] {
  const f = file ?? builtinCanonFile();
  if (!file && !fs.existsSync(f)) return [];
  const json = readJson(f);
  const problem = canonProblem(json);
  if (problem) throw new DataError(f, problem);
  return (json as { entries: CanonEntry[] }).entries;
}

export function loadPatterns(file: string = builtinPatternsFile()): Patterns {
  return checkedPatterns(readJson(file), file);
}

/**
 * A parsed patterns file, checked (a DataError naming the file when it is not usable), with its
 * continuation model read from the binary file beside it when it is kept there (see binary.ts):
 * a missing, stale or damaged binary file is an error naming it, asking to re-mine.
 */
export function checkedPatterns(json: unknown, file: string): Patterns {
  const problem = patternsProblem(json);
  if (problem) throw new DataError(file, problem);
  const p = json as Patterns;
  const b = p.model?.binary;
  if (p.model && b) {
    const bin = path.join(path.dirname(file), b.file);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(bin);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new DataError(bin, `续写模型文件${code === 'ENOENT' ? '不存在' : `无法读取（${code ?? (e as Error).message}）`}，请重新挖掘（${path.basename(file)} 引用它）`);
    }
    try {
      if (buf.length !== b.bytes) throw new Error('文件大小与模式文件所记不符');
      const { store, phrases } = decodeStore(buf, { stamp: b.stamp, order: p.model.order, discounts: p.model.discounts });
      attachStore(p.model, store);
      if (b.phrases !== undefined && phrases.length !== b.phrases) throw new Error('短语条数与模式文件所记不符');
      attachPhrases(p.model, phrases);
    } catch (e) {
      throw new DataError(bin, `续写模型文件不可用：${(e as Error).message}，请重新挖掘`);
    }
  }
  return p;
}

/** The first problem of a parsed patterns object, in Chinese; undefined when it is usable. */
export function patternsProblem(json: unknown): string | undefined {
  if (fs.existsSync(path.join(dataDir(), 'schema', 'patterns.schema.json'))) {
    const p = schemaProblem('patterns', json);
    if (p) return p;
  }
  const model = json && typeof json === 'object' ? (json as { model?: unknown }).model : undefined;
  if (model !== undefined) {
    const m = modelProblem(model);
    if (m) return `格式不符：/model：${m}`;
  }
  return structuralProblem(json);
}

function structuralProblem(json: unknown): string | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return '格式不符：顶层应为对象（模式文件）';
  const o = json as Record<string, unknown>;
  const lists: Record<string, string[]> = {
    phrases: ['text'],
    collocations: ['head', 'next'],
    parallels: ['template', 'separator'],
    enumerations: ['family'],
    concepts: ['text'],
    sectionTemplates: ['template'],
    openings: ['text'],
    closings: ['text'],
  };
  for (const [k, strings] of Object.entries(lists)) {
    const v = o[k];
    if (!Array.isArray(v)) return `格式不符：缺少数组字段 “${k}”`;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as Record<string, unknown>;
      if (!x || typeof x !== 'object') return `格式不符：/${k}/${i} 应为对象`;
      for (const s of strings) if (typeof x[s] !== 'string') return `格式不符：/${k}/${i}/${s} 应为字符串`;
      if (typeof x.count !== 'number' || typeof x.docs !== 'number') return `格式不符：/${k}/${i} 缺少 count/docs`;
    }
  }
  for (const [k, f] of [['parallels', 'items'], ['concepts', 'expansion'], ['sectionTemplates', 'instances']] as const) {
    for (const [i, x] of (o[k] as Array<Record<string, unknown>>).entries()) {
      if (!Array.isArray(x[f]) || !(x[f] as unknown[]).every((s) => typeof s === 'string')) return `格式不符：/${k}/${i}/${f} 应为字符串数组`;
    }
  }
  return undefined;
}

/**
 * The dataset the completer filters with: the built-in rules and glossary. While the glossary file
 * is absent (a fresh checkout being built), completion still works from the rules alone.
 */
export function loadCompletionDataset(): Dataset {
  if (!fs.existsSync(builtinGlossaryFile())) return new Dataset(readData(builtinRuleFiles(), []));
  return loadBuiltinDataset();
}
