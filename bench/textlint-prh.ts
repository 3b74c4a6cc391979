/**
 * The comparison baseline: textlint + textlint-rule-prh given the same outdated-formulation rules
 * (a prh dictionary generated from our literal patterns that have a replacement).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBuiltinDataset } from '../src/core/dataset';

/* eslint-disable @typescript-eslint/no-require-imports */
const { TextlintKernel } = require('@textlint/kernel');
const interop = (m: { default?: unknown }) => m.default ?? m;
const textPlugin = interop(require('@textlint/textlint-plugin-text'));
const prh = interop(require('textlint-rule-prh'));

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Writes a prh.yml from the built-in rules; returns its path and the number of entries. */
export function writePrhDictionary(): { file: string; entries: number } {
  const ds = loadBuiltinDataset();
  const lines = ['version: 1', 'rules:'];
  let entries = 0;
  for (const r of ds.rules) {
    const e = r.entry;
    if (!e.patterns?.length || e.replacement === undefined) continue;
    lines.push(`  - expected: ${yamlString(e.replacement)}`);
    lines.push(`    patterns:`);
    for (const p of e.patterns) lines.push(`      - ${yamlString(p)}`);
    entries++;
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-prh-')), 'prh.yml');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, entries };
}

export async function lintWithPrh(text: string, dictionary: string): Promise<number> {
  const kernel = new TextlintKernel();
  const result = await kernel.lintText(text, {
    ext: '.txt',
    filePath: 'bench.txt',
    plugins: [{ pluginId: 'text', plugin: textPlugin }],
    rules: [{ ruleId: 'prh', rule: prh, options: { rulePaths: [dictionary] } }],
  });
  return result.messages.length;
}
