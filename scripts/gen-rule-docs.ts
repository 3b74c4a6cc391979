/**
 * `npm run docs:rules`: writes docs/rules/<id>.md for every rule of the registry (code rules and
 * the built-in data rules) and the index docs/rules/README.md, and removes the pages of rules that
 * are gone. A code rule's examples are its fixtures (test/fixtures/checks/<kind>/<id>.fire.txt and
 * <id>.pass.txt). test/core/registry.test.ts renders the same pages and fails when a file differs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBuiltinDataset } from '../src/core/dataset';
import { ruleRegistry } from '../src/core/registry';
import { codeRulePage, dataRulePage, rulesIndex, type CodeExamples, type DocExample } from '../src/core/rule-docs';
import { fixtureFiles, loadFixture } from '../test/rules/harness';

export const ROOT = path.resolve(__dirname, '..');
export const DOCS_DIR = 'docs/rules';

function examplesOf(id: string, files: readonly string[]): CodeExamples {
  const pick = (suffix: string): DocExample[] =>
    files
      .filter((f) => path.basename(f) === `${id}.${suffix}.txt`)
      .map((f) => {
        const fx = loadFixture(f);
        const marks = new Map<number, string[]>();
        for (const e of fx.expected) marks.set(e.line, [...(marks.get(e.line) ?? []), e.ruleId]);
        return { text: fx.text, marks };
      });
  return { fire: pick('fire'), pass: pick('pass') };
}

/** Every generated page: path relative to the repository root → content. */
export function renderRuleDocs(): Map<string, string> {
  const entries = ruleRegistry(loadBuiltinDataset()).filter((e) => e.docs);
  const files = fixtureFiles();
  const out = new Map<string, string>();
  for (const e of entries) out.set(e.docs!, e.origin === 'code' ? codeRulePage(e, examplesOf(e.id, files)) : dataRulePage(e));
  out.set(`${DOCS_DIR}/README.md`, rulesIndex(entries));
  return out;
}

/** The .md files now in docs/rules (relative paths). */
export function existingRuleDocs(): string[] {
  const dir = path.join(ROOT, DOCS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `${DOCS_DIR}/${f}`);
}

if (require.main === module) {
  const pages = renderRuleDocs();
  fs.mkdirSync(path.join(ROOT, DOCS_DIR), { recursive: true });
  let written = 0;
  for (const [rel, content] of pages) {
    const file = path.join(ROOT, rel);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
    written++;
  }
  let removed = 0;
  for (const rel of existingRuleDocs()) {
    if (pages.has(rel)) continue;
    fs.unlinkSync(path.join(ROOT, rel));
    removed++;
  }
  console.log(`docs:rules: ${pages.size} 个页面（更新 ${written}，删除 ${removed}）`);
}
