/**
 * Loading the curated data: the built-in rule files (data/rules/*.json), the glossary
 * (data/glossary.json) and user files of the same formats. Every file is validated against its
 * JSON Schema (data/schema/); a malformed file is refused with a DataError naming the file and
 * the problem, and the built-in data keeps working. User rule files also run their own examples
 * at load time (like textlint-rule-prh's specs), so a rule that does not do what it says is refused.
 */
import * as fs from 'fs';
import * as path from 'path';
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
function validator(kind: 'rules' | 'glossary' | 'patterns'): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    // ajv is loaded with the first data file, not when the extension activates.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
    ajv ??= new AjvClass({ allErrors: false, strict: false });
    const schema = JSON.parse(fs.readFileSync(path.join(dataDir(), 'schema', `${kind}.schema.json`), 'utf8'));
    delete schema.$schema;
    v = ajv.compile(schema);
    validators.set(kind, v);
  }
  return v;
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
export function schemaProblem(kind: 'rules' | 'glossary' | 'patterns', value: unknown): string | undefined {
  const v = validator(kind);
  if (v(value)) return undefined;
  const e = v.errors?.[0];
  if (!e) return '格式不符';
  const where = e.instancePath || '（顶层）';
  return `格式不符：${where} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? `（多余字段 “${(e.params as { additionalProperty: string }).additionalProperty}”）` : ''}`;
}

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
