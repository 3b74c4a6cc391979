/**
 * Loading the curated data: the built-in rule files (data/rules/*.json), the glossary
 * (data/glossary.json) and user files of the same formats. Every file is validated against its
 * JSON Schema (data/schema/); a malformed file is refused with a DataError naming the file and
 * the problem, and the built-in data keeps working. User rule files also run their own examples
 * at load time (like textlint-rule-prh's specs), so a rule that does not do what it says is refused.
 */
import fs = require('fs');
import path = require('path');
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { GlossaryEntry, GlossaryFile, RuleEntry, RuleFile } from './model';
import { unsafeRegexReason } from './safe-regex';

export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataError';
  }
}

/** The data/ folder: next to src/ when run from source, next to dist/ when bundled. */
export function dataDir(): string {
  const candidates = [path.resolve(__dirname, '../../data'), path.resolve(__dirname, '../data')];
  for (const c of candidates) if (fs.existsSync(path.join(c, 'rules'))) return c;
  return candidates[0];
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
export type SchemaKind = 'rules' | 'glossary' | 'patterns' | 'gongwenrc';

/** A short hash of a schema file's text (the generated validators record the one they were made from). */
export function schemaHash(text: string): string {
  // crypto is loaded here, on first use (a validation), not with every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('crypto') as typeof import('crypto'))
    .createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The validator of a schema: the one generated at build time (src/core/generated/validators.js,
 * by scripts/generate.ts) while the schema file is as it was then; else ajv compiles the schema
 * (ajv is then loaded, on this first use only). Built-in data is validated when it is precompiled
 * (scripts/precompile.ts), so at run time only user files, patterns and .gongwenrc.json are.
 */
function validator(kind: SchemaKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    const text = fs.readFileSync(path.join(dataDir(), 'schema', `${kind}.schema.json`), 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require('./generated/validators') as typeof import('./generated/validators');
    if (generated.schemaHashes[kind] === schemaHash(text)) {
      v = generated[kind];
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
      ajv ??= new AjvClass({ allErrors: false, strict: false });
      const schema = JSON.parse(text);
      delete schema.$schema;
      v = ajv.compile(schema);
    }
    validators.set(kind, v);
  }
  return v;
}

/** Whether the generated validator of a schema is in use (false: the schema changed since; tests). */
export function usesGeneratedValidator(kind: SchemaKind): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return validator(kind) === (require('./generated/validators') as typeof import('./generated/validators'))[kind];
}

/** Reads a JSON file (BOM allowed); problems become a DataError naming the file. */
export function readJson(file: string): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(file, code === 'ENOENT' ? '文件不存在' : `无法读取（${code ?? (e as Error).message}）`);
  }
  try {
    return JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  } catch (e) {
    throw new DataError(file, `不是有效的 JSON：${(e as Error).message}`);
  }
}

/** Validates parsed JSON against a schema; the first error as a readable Chinese sentence. */
export function schemaProblem(kind: SchemaKind, value: unknown): string | undefined {
  const v = validator(kind);
  if (v(value)) return undefined;
  const e = v.errors?.[0];
  return e ? `格式不符：${describeSchemaError(e)}` : '格式不符';
}

/** What a JSON Schema error says, in Chinese: where, then what is wrong. */
export function describeSchemaError(e: {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}): string {
  const where = e.instancePath ? decodeURIComponent(e.instancePath.replace(/~1/g, '/').replace(/~0/g, '~')) : '（顶层）';
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where} 有多余字段 “${String(p.additionalProperty)}”`;
    case 'required':
      return `${where} 缺少字段 “${String(p.missingProperty)}”`;
    case 'enum':
      return `${where} 应为 ${(p.allowedValues as unknown[]).map(String).join('、')} 之一`;
    case 'type':
      return `${where} 应为${TYPE_CN[String(p.type)] ?? String(p.type)}`;
    case 'pattern':
      if (p.propertyName !== undefined) return `${where} 的字段名 “${String(p.propertyName)}” 格式不对`;
      return `${where} 格式不对（应符合 ${String(p.pattern)}）`;
    case 'minLength':
      return `${where} 不能为空`;
    case 'uniqueItems':
      return `${where} 有重复项`;
    case 'propertyNames':
      return `${where} 的字段名 “${String(p.propertyName)}” 不合规定`;
    default:
      return `${where} ${e.message ?? ''}`.trim();
  }
}

const TYPE_CN: Record<string, string> = {
  object: '对象（{…}）',
  array: '数组（[…]）',
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: 'true 或 false',
};

export function readRuleFile(file: string): RuleEntry[] {
  const json = readJson(file);
  const problem = schemaProblem('rules', json);
  if (problem) throw new DataError(file, problem);
  const rules = (json as RuleFile).rules;
  for (const r of rules) {
    for (const src of r.regex ?? []) {
      const why = unsafeRegexReason(src);
      if (why) throw new DataError(file, `规则 ${r.id} 的正则表达式被拒绝：${why}`);
    }
  }
  return rules;
}

export function readGlossaryFile(file: string): GlossaryEntry[] {
  const json = readJson(file);
  const problem = schemaProblem('glossary', json);
  if (problem) throw new DataError(file, problem);
  return (json as GlossaryFile).entries;
}

export function builtinRuleFiles(): string[] {
  const dir = path.join(dataDir(), 'rules');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function builtinGlossaryFile(): string {
  return path.join(dataDir(), 'glossary.json');
}

export interface RawData {
  rules: Array<RuleEntry & { file: string }>;
  glossary: Array<GlossaryEntry & { file: string }>;
}

/** Reads and validates rule and glossary files; ids must be unique across files. */
export function readData(ruleFiles: string[], glossaryFiles: string[]): RawData {
  const rules: RawData['rules'] = [];
  const seen = new Map<string, string>();
  for (const f of ruleFiles) {
    for (const r of readRuleFile(f)) {
      const prev = seen.get(r.id);
      if (prev) throw new DataError(f, `规则编号 ${r.id} 与 ${path.basename(prev)} 中的规则重复`);
      seen.set(r.id, f);
      rules.push({ ...r, file: f });
    }
  }
  const glossary: RawData['glossary'] = [];
  for (const f of glossaryFiles) {
    if (!fs.existsSync(f) && glossaryFiles.length === 1 && f === builtinGlossaryFile()) continue;
    for (const g of readGlossaryFile(f)) glossary.push({ ...g, file: f });
  }
  return { rules, glossary };
}
