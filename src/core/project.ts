/**
 * The project configuration `.gongwenrc.json`: found upward from the checked file (as
 * `.markdownlint.jsonc` or `cspell.json` are), the nearest one applies, alone (no merging with
 * configurations further up). The CLI and the extension read it here and hand it to the checker's
 * builder (src/core/setup.ts) as one layer of inputs.
 *
 *   {
 *     "rules": { "xi-abbrev": "off", "outline": "hint" },   rule id or category → level
 *     "allow": ["某某说法"],                                 phrases never flagged
 *     "date": "2026-06-01",                                  reference date
 *     "ruleFiles": ["规则/本单位.gongwen-rules.json"],        relative to the config file
 *     "glossaryFiles": [],
 *     "archive": ["历年文稿"]                                 folders to mine (completion)
 *   }
 *
 * A malformed file is refused with a DataError naming it; the caller keeps the built-in defaults.
 */
import fs = require('fs');
import path = require('path');
import { DataError, readJson, schemaProblem } from './data';
import type { ConfigLayer } from './setup';
import { writeFileAtomic } from './atomic';

export const PROJECT_CONFIG_NAME = '.gongwenrc.json';

export interface ProjectConfig {
  /** Absolute path of the file. */
  file: string;
  rules?: Record<string, string>;
  allow?: string[];
  date?: string;
  /** Absolute paths (resolved against the file's folder). */
  ruleFiles?: string[];
  glossaryFiles?: string[];
  archive?: string[];
}

/**
 * The nearest `.gongwenrc.json` in `dir` or a folder above it (up to `stopAt`, inclusive, when
 * given; else up to the file system's root).
 */
export function findProjectConfig(dir: string, stopAt?: string): string | undefined {
  let d = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const f = path.join(d, PROJECT_CONFIG_NAME);
    try {
      if (fs.statSync(f).isFile()) return f;
    } catch {
      // not here
    }
    if (stop !== undefined && d === stop) return undefined;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Parsed files by path, with the stat they were read at (a changed file is read again). */
const cache = new Map<string, { mtimeMs: number; size: number; config: ProjectConfig }>();

/** Reads and validates a project configuration; throws DataError naming the file. */
export function readProjectConfig(file: string): ProjectConfig {
  const abs = path.resolve(file);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs);
  } catch {
    st = undefined;
  }
  const hit = st && cache.get(abs);
  if (hit && st && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.config;
  const json = readJson(abs);
  const problem = schemaProblem('gongwenrc', json);
  if (problem) throw new DataError(abs, problem);
  const raw = json as Omit<ProjectConfig, 'file'>;
  const dir = path.dirname(abs);
  const paths = (xs?: string[]) => xs?.map((p) => path.resolve(dir, expandHome(p)));
  const config: ProjectConfig = {
    file: abs,
    ...(raw.rules ? { rules: raw.rules } : {}),
    ...(raw.allow ? { allow: raw.allow } : {}),
    ...(raw.date ? { date: raw.date } : {}),
    ...(raw.ruleFiles ? { ruleFiles: paths(raw.ruleFiles) } : {}),
    ...(raw.glossaryFiles ? { glossaryFiles: paths(raw.glossaryFiles) } : {}),
    ...(raw.archive ? { archive: paths(raw.archive) } : {}),
  };
  if (st) cache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, config });
  return config;
}

function expandHome(p: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  return home && (p === '~' || p.startsWith('~/')) ? home + p.slice(1) : p;
}

/** The configuration as a layer of the checker's inputs. */
export function projectLayer(config: ProjectConfig): ConfigLayer {
  return {
    origin: 'project',
    file: config.file,
    rules: config.rules,
    allow: config.allow,
    date: config.date,
    ruleFiles: config.ruleFiles,
    glossaryFiles: config.glossaryFiles,
    archive: config.archive,
  };
}

/**
 * `text` (a project configuration, possibly empty) with `phrase` added to its `allow` list, the
 * rest of the file as it was (formatting, key order, other keys). Unchanged if already allowed.
 * Throws DataError (naming `file`) when the text is not a JSON object.
 */
export function withAllowedPhrase(text: string, phrase: string, file = PROJECT_CONFIG_NAME): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsonc = require('jsonc-parser') as typeof import('jsonc-parser');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return `{\n  "allow": [${JSON.stringify(phrase)}]\n}\n`;
  const errors: import('jsonc-parser').ParseError[] = [];
  const value = jsonc.parse(body, errors, { allowTrailingComma: false, disallowComments: true }) as unknown;
  if (errors.length || !value || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataError(file, '不是有效的 JSON 对象，未能加入允许列表');
  }
  const allow = (value as { allow?: unknown }).allow;
  if (allow !== undefined && !Array.isArray(allow)) throw new DataError(file, '“allow” 应为字符串数组，未能加入允许列表');
  if (Array.isArray(allow) && allow.includes(phrase)) return text;
  const eol = /\r\n/.test(body) ? '\r\n' : '\n';
  const indent = /\n([ \t]+)"/.exec(body)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol };
  const edits = Array.isArray(allow)
    ? jsonc.modify(body, ['allow', -1], phrase, { formattingOptions, isArrayInsertion: true })
    : jsonc.modify(body, ['allow'], [phrase], { formattingOptions });
  const out = jsonc.applyEdits(body, edits);
  return (text.length !== body.length ? '\ufeff' : '') + out;
}

/**
 * Writes a project configuration atomically (a reader never sees half a file; a failed write
 * leaves the old one).
 */
export function writeProjectConfig(file: string, text: string): void {
  writeFileAtomic(file, text);
}
