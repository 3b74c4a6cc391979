#!/usr/bin/env node
// End-to-end tests of the packaged extension in a real VS Code (code-server 4.100.3, VS Code 1.100)
// driven by playwright-core in Debian's chromium. See /work/shared/notes/vscode-e2e.md.
//
//   node test/e2e/run.mjs [--no-build] [--only=name,name]
//
// Builds and packages the .vsix (--no-build: use the existing gongwen-assistant.vsix), installs it
// into a fresh extensions dir under .e2e/, and runs the scenarios against two code-server
// instances: a trusted workspace (trust disabled) and an untrusted one (trust enabled, Restricted
// Mode). Screenshots go to docs/screenshots/. Ends with "N passed, N failed"; exit 1 on failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, '.e2e');
const SHOTS = join(ROOT, 'docs/screenshots');
const VSIX = join(ROOT, 'gongwen-assistant.vsix');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const TOTAL_BUDGET_MS = 6 * 60 * 1000;
const t0 = Date.now();
const timings = [];
const results = [];
const children = [];
let browser;

function log(msg) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

async function cleanup() {
  try {
    await browser?.close();
  } catch {}
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {}
  }
  // code-server takes a moment to stop; make sure nothing of ours outlives the run.
  const until = Date.now() + 5_000;
  while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {}
    }
  }
}
const watchdog = setTimeout(async () => {
  console.error(`[e2e] total time budget of ${TOTAL_BUDGET_MS / 1000}s exceeded`);
  await cleanup();
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

// ------------------------------------------------------------------ setup

function step(name, fn) {
  const s = Date.now();
  const r = fn();
  timings.push([name, Date.now() - s]);
  return r;
}

step('setup (cached)', () => execFileSync('bash', [join(ROOT, 'scripts/e2e-setup.sh')], { stdio: 'inherit' }));
if (!args.includes('--no-build') || !existsSync(VSIX)) {
  step('build + package vsix', () => {
    // The vsix ships dist/extension.js, the re-mining child dist/mine-worker.js and its segmenter
    // thread dist/segment-worker.js (not the CLI bundle).
    execFileSync('node', ['scripts/build.mjs', '--only=extension,mine-worker,segment-worker', '--minify'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', VSIX], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });
}
const { chromium } = await import(join(ROOT, 'node_modules/playwright-core/index.mjs'));
const ENTRY = join(CACHE, 'node_modules/code-server/out/node/entry.js');
const RUN = join(CACHE, `run-${process.pid}`);
rmSync(RUN, { recursive: true, force: true });
const EXT_DIR = join(RUN, 'extensions');
mkdirSync(EXT_DIR, { recursive: true });
step('install vsix', () =>
  execFileSync('node', [ENTRY, '--extensions-dir', EXT_DIR, '--user-data-dir', join(RUN, 'install-user'), '--install-extension', VSIX], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 60_000,
  }),
);
log('vsix installed');

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** Starts code-server on a workspace copied from fixtures/<fixture>; returns its URL. */
async function startServer(name, fixture, userSettings) {
  const ws = join(RUN, name, 'ws');
  const user = join(RUN, name, 'user');
  cpSync(join(ROOT, 'test/e2e/fixtures', fixture), ws, { recursive: true });
  mkdirSync(join(user, 'User'), { recursive: true });
  writeFileSync(join(user, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
  writeFileSync(join(RUN, name, 'config.yaml'), 'auth: none\ncert: false\n');
  const port = await freePort();
  const out = openSync(join(RUN, name, 'server.log'), 'w');
  const child = spawn(
    'node',
    [ENTRY, '--config', join(RUN, name, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check',
      '--extensions-dir', EXT_DIR, '--user-data-dir', user, ws],
    { detached: true, stdio: ['ignore', out, out] },
  );
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > until) throw new Error(`code-server did not start: see ${join(RUN, name, 'server.log')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url: `${base}/?folder=${encodeURIComponent(ws)}`, ws };
}

// ------------------------------------------------------------------ page helpers

/** Opens the workbench at `url` in a new page, which becomes the page failure screenshots are taken of. */
async function openWorkbench(url) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  currentPage = page;
  page.setDefaultTimeout(15_000);
  await page.goto(url, { timeout: 30_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  return page;
}

const editorSel = (name) => `.monaco-editor[data-uri$="${name}"]`;

async function openFile(page, name) {
  // Quick Open (Ctrl+P); if a keystroke was lost while the workbench was busy, the Explorer.
  try {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 5_000 });
    await page.keyboard.type(name);
    // click the row: Enter could pick a row of the list from before the filter caught up
    await page.click(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 5_000 });
  } catch (e) {
    log(`  Quick Open failed (${e.message.split('\n')[0]}); opening ${name} from the Explorer`);
    await page.keyboard.press('Escape');
    await page.click(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`, { timeout: 5_000 });
  }
  await page.waitForSelector(`${editorSel(name)} .view-lines`, { timeout: 10_000 });
  await page.click(`${editorSel(name)} .view-lines`);
}

/**
 * Closes the tab whose label contains `label` (Ctrl+W, then its close button if the keystroke was
 * lost while the workbench was busy) and waits until it is gone.
 */
async function closeTab(page, label) {
  const tab = `.tabs-container .tab[aria-label*="${label}"]`;
  await page.keyboard.press('Control+W');
  try {
    await page.waitForSelector(tab, { state: 'detached', timeout: 3_000 });
  } catch {
    log(`  Ctrl+W did not close ${label}; using its close button`);
    await page.click(`${tab} .tab-actions .action-label`, { timeout: 5_000 });
    await page.waitForSelector(tab, { state: 'detached', timeout: 5_000 });
  }
}

/** Puts the cursor in the editor of `name`, opening it again if another tab covers it. */
async function focusEditor(page, name) {
  const lines = `${editorSel(name)} .view-lines`;
  if (await page.isVisible(lines)) await page.click(lines);
  else await openFile(page, name);
}

/** Runs a command by id from the command palette (F1). */
async function runCommand(page, id) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 5_000 });
  await page.keyboard.type(id);
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
}

async function editorText(page, name) {
  return (await page.innerText(`${editorSel(name)} .view-lines`)).replace(/\u00a0/g, ' ');
}

async function gotoLine(page, line, col) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { timeout: 5_000 });
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function problemCounts(page) {
  const label = (await page.getAttribute('[id="status.problems"] a, [id="status.problems"]', 'aria-label')) ?? (await page.innerText('[id="status.problems"]'));
  // aria-label names only the non-zero kinds: "Warnings: 1", "Errors: 2, Warnings: 1", "No Problems".
  const n = (re) => Number(re.exec(label)?.[1] ?? 0);
  return { label, errors: n(/Errors?:\s*(\d+)/i), warnings: n(/Warnings?:\s*(\d+)/i), infos: n(/Info\w*:\s*(\d+)/i) };
}

async function waitFor(fn, what, ms = 15_000) {
  const until = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

let currentPage;
async function scenario(name, fn) {
  if (only && !only.includes(name)) return;
  const s = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - s} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    log(`FAIL ${name}: ${e.message.split('\n').slice(0, 3).join(' | ')}`);
    await currentPage?.screenshot({ path: join(RUN, `fail-${name}.png`) }).catch(() => {});
  }
  timings.push([name, Date.now() - s]);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

// ------------------------------------------------------------------ scenarios

const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'editor.fontSize': 15,
  'window.commandCenter': false,
  'gongwen.severity': { 'xi-zongshuji': 'warning' },
  'gongwen.debounceMs': 150,
  // The workbench stays English (no Chinese language pack offline); the extension's UI is Chinese.
  'gongwen.uiLanguage': 'zh-cn',
  'git.enabled': false,
  // code-server saves after a delay by default; an auto save would not run "explicit" save actions
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
};

browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  timeout: 30_000,
});

try {
  // ---------- trusted workspace (trust feature disabled)
  let s = Date.now();
  const main = await startServer('main', 'main', {
    ...baseSettings,
    'security.workspace.trust.enabled': false,
    'gongwen.maxFileSizeKB': 64,
    'gongwen.mining.folders': ['.'],
    '[markdown]': { 'editor.codeActionsOnSave': { 'source.fixAll.gongwen': 'explicit' } },
  });
  // A 70 KB draft full of 习总书记, over the limit set above.
  writeFileSync(join(main.ws, 'big.txt'), '　　学习贯彻习总书记重要讲话精神。\n'.repeat(2600));
  writeFileSync(join(main.ws, 'blank.txt'), '');
  writeFileSync(join(main.ws, 'allow.txt'), '　　要深入学习贯彻习总书记重要讲话精神。\n');
  const page = await openWorkbench(main.url);
  timings.push(['start code-server + workbench', Date.now() - s]);

  await scenario('diagnostics', async () => {
    await openFile(page, 'draft.txt');
    await page.waitForSelector(`${editorSel('draft.txt')} .squiggly-warning`, { timeout: 20_000 });
    const c = await waitFor(async () => {
      const c = await problemCounts(page);
      return c.warnings === 1 ? c : undefined;
    }, 'one warning in the status bar').catch(async (e) => {
      throw new Error(`${e.message} (status: ${JSON.stringify(await problemCounts(page))})`);
    });
    assert(c.errors === 0, `expected 0 errors, got ${c.label}`);
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 10_000 });
    const problems = await page.innerText('.markers-panel');
    assert(problems.includes('习近平总书记') && problems.includes('xi-zongshuji'), `Problems panel lacks the finding: ${problems.slice(0, 200)}`);
    await gotoLine(page, 4, 15);
    await shot(page, 'diagnostics');
  });

  await scenario('rule-link', async () => {
    // The rule id in the Problems panel links to the rule's explanation (Diagnostic.code.target).
    await page.click('.markers-panel a:has-text("xi-zongshuji"), .markers-panel .code-link:has-text("xi-zongshuji")');
    await page.waitForSelector(`${editorSel('xi-zongshuji.md')} .view-lines`, { timeout: 10_000 });
    const text = await editorText(page, 'xi-zongshuji.md');
    assert(text.includes('习近平总书记') && /学习总书记/.test(text), `rule page lacks its content: ${text.slice(0, 200)}`);
    await shot(page, 'rule-explanation');
    await closeTab(page, 'xi-zongshuji');
    await page.keyboard.press('Control+J'); // close the panel
    await page.waitForTimeout(300);
  });

  await scenario('hover', async () => {
    await focusEditor(page, 'draft.txt');
    await gotoLine(page, 6, 12); // inside “两个维护”
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const h = await waitFor(async () => {
      const t = await page.innerText('.monaco-hover:not(.hidden)');
      return t.includes('两个维护') ? t : undefined;
    }, 'hover on 两个维护');
    assert(/核心/.test(h), `hover lacks the expansion: ${h.slice(0, 200)}`);
    assert(/状态/.test(h) && /出处/.test(h), `hover labels are not in Chinese (gongwen.uiLanguage): ${h.slice(0, 200)}`);
    await page.waitForTimeout(600); // let the hover finish fading in
    await shot(page, 'hover');
    await page.keyboard.press('Escape');
    // 解释光标处的提法: a Markdown preview of the same entry opens beside nothing else
    await runCommand(page, 'gongwen.explainAtCursor');
    await page.waitForSelector('.tabs-container .tab[aria-label*="Preview"]', { timeout: 10_000 });
    await closeTab(page, 'Preview');
    await focusEditor(page, 'draft.txt');
  });

  await scenario('rule-preview', async () => {
    // The rule id in a finding's hover opens the rule's page in the Markdown preview.
    await focusEditor(page, 'draft.txt');
    await gotoLine(page, 4, 16); // inside 习总书记
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await waitFor(async () => ((await page.innerText('.monaco-hover:not(.hidden)')).includes('xi-zongshuji') ? true : undefined), 'hover on 习总书记');
    // (The marker's own code link, also in the hover, opens the page's Markdown source: scenario rule-link.)
    await page.click('.monaco-hover:not(.hidden) .rendered-markdown a[data-href^="command:gongwen.explainRule"]');
    await page.waitForSelector('.tabs-container .tab[aria-label*="Preview"][aria-label*="xi-zongshuji"]', { timeout: 10_000 });
    await closeTab(page, 'Preview');
    await focusEditor(page, 'draft.txt');
  });

  await scenario('quick-fix', async () => {
    await focusEditor(page, 'draft.txt');
    await gotoLine(page, 4, 16); // inside 习总书记
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row:has-text("习近平总书记")', { timeout: 10_000 });
    const widget = await page.innerText('.action-widget');
    assert(/gongwen-disable|Ignore|忽略/.test(widget), `no ignore actions offered: ${widget}`);
    await shot(page, 'quick-fix');
    await page.keyboard.press('Enter'); // the preferred fix is the focused first row
    await waitFor(async () => (await editorText(page, 'draft.txt')).includes('学习贯彻习近平总书记重要讲话'), 'text changed to 习近平总书记');
    await waitFor(async () => (await problemCounts(page)).warnings === 0, 'warning gone after the fix');
  });

  await scenario('completion-explicit', async () => {
    await focusEditor(page, 'draft.txt');
    await gotoLine(page, 6, 200);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('　　我们要坚决做到');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row:has-text("两个维护")', { timeout: 10_000 });
    await shot(page, 'completion');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await editorText(page, 'draft.txt')).includes('我们要坚决做到“两个维护”'), 'accepted completion in the text');
  });

  await scenario('completion-typing', async () => {
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // Typed character by character as an IME would commit them: the canon completes the formulation.
    for (const ch of '以高质量党建') await page.keyboard.insertText(ch);
    const row = await page.waitForSelector('.suggest-widget.visible .monaco-list-row:has-text("引领高质量发展")', { timeout: 10_000 });
    assert(row, 'no suggestion while typing');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await editorText(page, 'draft.txt')).includes('以高质量党建引领高质量发展'), 'completion accepted while typing');
  });

  await scenario('outline', async () => {
    // The Outline view (from the DocumentSymbolProvider) and the 文稿结构 tree view.
    await openFile(page, 'draft.txt');
    const header = page.locator('.pane-header', { hasText: /^outline$/i }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await page.waitForSelector('.outline-pane .monaco-list-row:has-text("提高政治站位")', { timeout: 15_000 });
    const outline = await page.innerText('.outline-pane');
    for (const h of ['一、提高政治站位', '二、突出工作重点', '三、加强组织领导']) assert(outline.includes(h), `Outline lacks ${h}: ${outline}`);
    const treeHeader = page.locator('.pane-header', { hasText: /draft structure|文稿结构/i }).first();
    if ((await treeHeader.getAttribute('aria-expanded')) !== 'true') await treeHeader.click();
    const pane = page.locator('.pane', { has: treeHeader });
    const row = pane.locator('.monaco-list-row', { hasText: '二、突出工作重点' });
    await row.waitFor({ timeout: 10_000 });
    const rowText = await row.innerText();
    assert(/2 items|2 项/.test(rowText), `structure view row lacks its item count: ${rowText}`);
    // click to jump: the cursor moves to that heading's line
    await row.click();
    // the breadcrumbs (also fed by the symbol provider) then name the section the cursor is in
    await waitFor(async () => (await page.innerText('.breadcrumbs-control')).includes('二、突出工作重点'), 'cursor in 二、 after a click').catch(async (e) => {
      throw new Error(`${e.message}; breadcrumbs: ${(await page.innerText('.breadcrumbs-control')).replace(/\s+/g, ' ')}`);
    });
    await shot(page, 'outline');
  });

  await scenario('markdown', async () => {
    await openFile(page, 'note.md');
    await page.waitForSelector(`${editorSel('note.md')} .squiggly-warning`, { timeout: 20_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('我们要深入学习贯彻');
    // Markdown has no quick suggestions by default: completions arrive as ghost text (Tab accepts).
    await page.waitForSelector(`${editorSel('note.md')} .ghost-text-decoration, ${editorSel('note.md')} .ghost-text`, { timeout: 10_000 });
    await shot(page, 'markdown-inline');
    await page.keyboard.press('Tab');
    await waitFor(async () => /我们要深入学习贯彻\S{2,}/.test(await editorText(page, 'note.md')), 'ghost text accepted with Tab');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 10_000 });
    await page.keyboard.press('Escape');
  });
  await scenario('completion-canon', async () => {
    // A standard formulation in Markdown: ghost text from the canon, Tab accepts it; the list
    // (Ctrl+Space) shows where it comes from.
    await focusEditor(page, 'note.md');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('坚持以习近平新时代中国特色社会主义思想为');
    await page.waitForSelector(`${editorSel('note.md')} .ghost-text-decoration, ${editorSel('note.md')} .ghost-text`, { timeout: 10_000 });
    const ghost = await page.innerText(`${editorSel('note.md')} .view-lines`);
    assert(ghost.includes('为指导'), `ghost text is not 指导: ${ghost.slice(-80)}`);
    await shot(page, 'completion-canon-inline');
    await page.keyboard.press('Tab');
    await waitFor(async () => (await editorText(page, 'note.md')).includes('坚持以习近平新时代中国特色社会主义思想为指导'), '指导 accepted with Tab');
    await page.keyboard.insertText('，全面贯彻党的二十大和二十届历次全会精神。以高质量党建引领');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const row = await page.waitForSelector('.suggest-widget.visible .monaco-list-row:has-text("高质量发展")', { timeout: 10_000 });
    const text = await row.innerText();
    assert(/规范提法/.test(text), `the list row does not name the canon: ${text}`);
    await shot(page, 'completion-canon-list');
    await page.keyboard.press('Escape');
  });
  await scenario('template', async () => {
    // Command palette → 插入文稿模板 → 讲话稿 into a new plain-text file.
    await openFile(page, 'blank.txt');
    await runCommand(page, 'gongwen.insertTemplate');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("讲话稿")', { timeout: 10_000 });
    await page.keyboard.type('jianghua');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await waitFor(async () => {
      const t = await editorText(page, 'blank.txt');
      return t.includes('同志们：') && t.includes('三、') && t.includes('下面，我讲');
    }, 'speech skeleton inserted');
    await page.keyboard.press('Escape');
    await shot(page, 'template');
  });

  await scenario('large-file', async () => {
    // Over gongwen.maxFileSizeKB (set to 64 here): not checked, and the status bar says so.
    await openFile(page, 'big.txt');
    const item = await page.waitForSelector('[id$="gongwen.status"]', { timeout: 10_000 });
    const text = await item.innerText();
    assert(/too large|过大/.test(text), `status bar item says: ${text}`);
    await page.waitForTimeout(500);
    assert((await page.$$(`${editorSel('big.txt')} .squiggly-warning`)).length === 0, 'the large file was checked');
    await shot(page, 'large-file');
    await closeTab(page, 'big.txt');
  });
  await scenario('fix-on-save', async () => {
    // editor.codeActionsOnSave { "source.fixAll.gongwen": "explicit" } (set for Markdown here).
    await openFile(page, 'note.md');
    assert((await editorText(page, 'note.md')).includes('学习习总书记'), 'note.md should still hold 习总书记');
    // an edit (an unchanged file is not saved again), then Ctrl+S
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('下一步，支部将继续抓好学习。');
    await page.keyboard.press('Control+S');
    await waitFor(async () => (await editorText(page, 'note.md')).includes('学习习近平总书记'), 'fixed on save');
    const saved = readFileSync(join(main.ws, 'note.md'), 'utf8');
    assert(saved.includes('学习习近平总书记'), 'the saved file holds the fix');
  });

  await scenario('remine', async () => {
    // gongwen.mining.folders = ["."]: re-mine the workspace's drafts with the native segmenter.
    // The vsix does not ship nodejieba; here Node finds the repository's copy up the directory
    // tree (without it the command shows an error naming nodejieba and the CLI alternative).
    await runCommand(page, 'gongwen.remine');
    // The result, not the progress notification (正在挖掘模式…) shown while it runs.
    const toast = await page.waitForSelector('.notification-toast:has-text("nodejieba"), .notification-toast:has-text("Mined"), .notification-toast:has-text("篇文稿中挖掘")', { timeout: 20_000 });
    const text = await toast.innerText();
    // draft.txt, note.md, big.txt, blank.txt, allow.txt (the allow-list scenario's draft)
    assert(/Mined 5 document|从 5 篇/.test(text) || /nodejieba[\s\S]*gongwen mine/.test(text), `unexpected message: ${text}`);
    log(`  remine said: ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
  });

  // A .docx made by LibreOffice from fixtures/word/word-draft.txt appears in the workspace (after
  // the mining scenario, which counts the workspace's drafts). From the Explorer's context menu:
  // 检查 Word 文稿 shows its text with the findings; 生成批注版 writes word-draft.批注.docx beside it.
  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
  if (!soffice) log('SKIP word-draft: LibreOffice (soffice) is not installed, so no .docx can be made (bash scripts/docx-setup.sh installs it)');
  else await scenario('word-draft', async () => {
    const made = join(RUN, 'word');
    // the draft, and a second version of it as saved again after 习总书记 was corrected in Word
    mkdirSync(join(made, 'v2'), { recursive: true });
    const source = join(ROOT, 'test/e2e/fixtures/word/word-draft.txt');
    writeFileSync(join(made, 'v2', 'word-draft.txt'), readFileSync(source, 'utf8').replace('习总书记', '习近平总书记'));
    const lo = ['--headless', '--norestore', `-env:UserInstallation=file://${join(RUN, 'lo-profile')}`, '--infilter=Text (encoded):UTF8,LF,,,', '--convert-to', 'docx:MS Word 2007 XML'];
    execFileSync(soffice, [...lo, '--outdir', made, source], { stdio: 'ignore', timeout: 120_000 });
    execFileSync(soffice, [...lo, '--outdir', join(made, 'v2'), join(made, 'v2', 'word-draft.txt')], { stdio: 'ignore', timeout: 120_000 });
    cpSync(join(made, 'word-draft.docx'), join(main.ws, 'word-draft.docx'));
    const original = readFileSync(join(main.ws, 'word-draft.docx'));

    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+E');
    const row = '.explorer-folders-view .monaco-list-row[aria-label^="word-draft.docx"]';
    const menuItem = async (label) => {
      await page.click(row, { button: 'right', timeout: 15_000 });
      const item = page.locator('.monaco-menu .action-item', { hasText: label }).first();
      await item.waitFor({ timeout: 5_000 });
      // the menu ignores a click that comes too soon after it opened; hover, then Enter on the focused item
      await page.waitForTimeout(300);
      await item.hover();
      await page.waitForTimeout(200);
      await page.keyboard.press('Enter');
    };
    await menuItem(/Check Word Draft|检查 Word 文稿/);
    const editor = '.monaco-editor[data-uri^="gongwen-docx:"]';
    await page.waitForSelector(`${editor} .view-lines`, { timeout: 15_000 });
    await waitFor(async () => (await page.innerText(`${editor} .view-lines`)).includes('以习近平同志为总书记的党中央'), 'the Word text in the editor');
    await page.waitForSelector(`${editor} .squiggly-warning`, { timeout: 20_000 });
    // the hover explains a finding, and the 文稿结构 view shows the draft's outline
    await page.click(`${editor} .view-lines`);
    await gotoLine(page, 7, 20);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await waitFor(async () => (await page.innerText('.monaco-hover:not(.hidden)')).includes('以习近平同志为核心的党中央'), 'hover on the Word text');
    await page.keyboard.press('Escape');
    const treeHeader = page.locator('.pane-header', { hasText: /draft structure|文稿结构/i }).first();
    if ((await treeHeader.getAttribute('aria-expanded')) !== 'true') await treeHeader.click();
    await page.locator('.pane', { has: treeHeader }).locator('.monaco-list-row', { hasText: '二、狠抓工作落实' }).waitFor({ timeout: 10_000 });
    // the findings in the Problems panel, under the Word file's name
    await page.keyboard.press('Control+Shift+M');
    const problems = await waitFor(async () => {
      const t = await page.innerText('.markers-panel');
      return t.includes('core-not-general-secretary') && t.includes('xi-zongshuji') ? t : undefined;
    }, 'the Word draft’s findings in the Problems panel');
    assert(/word-draft\.docx/.test(problems), `Problems panel lacks the file: ${problems.slice(0, 300)}`);
    await shot(page, 'word-draft');
    await page.keyboard.press('Control+J'); // close the panel

    await menuItem(/Write Annotated Copy|生成批注版/);
    const toast = await page.waitForSelector('.notification-toast:has-text("word-draft.批注.docx")', { timeout: 30_000 });
    const msg = await toast.innerText();
    assert(/2 条批注|2 comments/.test(msg), `unexpected notification: ${msg}`);
    const out = join(main.ws, 'word-draft.批注.docx');
    assert(existsSync(out), 'the annotated copy was not written');
    assert(readFileSync(join(main.ws, 'word-draft.docx')).equals(original), 'the draft itself changed');
    const JSZip = (await import(join(ROOT, 'node_modules/jszip/lib/index.js'))).default;
    const comments = await (await JSZip.loadAsync(readFileSync(out))).file('word/comments.xml')?.async('string');
    assert(comments && (comments.match(/<w:comment /g) ?? []).length === 2 && comments.includes('公文写作助手'), `comments part: ${comments?.slice(0, 200)}`);
    // 打开所在文件夹: in a browser the Explorer reveals the new file
    await page.keyboard.press('Control+Shift+E');
    const button = await toast.$('.monaco-button:has-text("打开所在文件夹"), .monaco-button:has-text("Open Containing Folder")');
    assert(button, `no 打开所在文件夹 action: ${msg}`);
    await button.click();
    await page.waitForSelector('.explorer-folders-view .monaco-list-row.selected[aria-label^="word-draft.批注.docx"], .explorer-folders-view .monaco-list-row.focused[aria-label^="word-draft.批注.docx"]', { timeout: 10_000 });
    await shot(page, 'word-annotated');
    // saved again in Word: the open text follows the file, and the corrected finding goes away
    cpSync(join(made, 'v2', 'word-draft.docx'), join(main.ws, 'word-draft.docx'));
    await waitFor(async () => (await page.innerText(`${editor} .view-lines`)).includes('学习贯彻习近平总书记'), 'the text refreshed from the saved file', 20_000);
    await page.keyboard.press('Control+Shift+M');
    await waitFor(async () => {
      const t = await page.innerText('.markers-panel');
      return t.includes('core-not-general-secretary') && !t.includes('xi-zongshuji');
    }, 'the corrected finding gone from the Problems panel');
    await page.keyboard.press('Control+J');
  });

  await scenario('allow-list', async () => {
    // 加入本项目允许列表 writes the phrase into a new .gongwenrc.json at the workspace root; the
    // warning goes; the status bar shows the reference date and where it came from.
    await page.keyboard.press('Escape');
    await openFile(page, 'allow.txt');
    await page.waitForSelector(`${editorSel('allow.txt')} .squiggly-warning`, { timeout: 20_000 });
    const status = await waitFor(async () => {
      const t = await page.innerText('.statusbar');
      return /\d{4}-\d{2}-\d{2}（今天）/.test(t) ? t : undefined;
    }, 'the reference date in the status bar');
    assert(status.includes('（今天）'), status);
    await gotoLine(page, 1, 12); // inside 习总书记
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row:has-text("加入本项目允许列表")', { timeout: 10_000 });
    await shot(page, 'allow-list');
    // the widget takes the focused row: move the focus down to it, then Enter
    for (let i = 0; i < 8; i++) {
      const focused = await page.innerText('.action-widget .monaco-list-row.focused').catch(() => '');
      if (focused.includes('加入本项目允许列表')) break;
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(150);
    }
    assert((await page.innerText('.action-widget .monaco-list-row.focused')).includes('加入本项目允许列表'), 'could not focus the allow-list action');
    await page.keyboard.press('Enter');
    const rc = join(main.ws, '.gongwenrc.json');
    await waitFor(() => existsSync(rc) && JSON.parse(readFileSync(rc, 'utf8')).allow?.includes('习总书记'), '.gongwenrc.json with the phrase');
    await waitFor(async () => !(await page.isVisible(`${editorSel('allow.txt')} .squiggly-warning`)), 'the warning gone after allowing the phrase');
    const text = await editorText(page, 'allow.txt');
    assert(!text.includes('gongwen-disable'), `the draft was edited: ${text}`);
    // The rest of the workspace is checked as before once the phrase is out of the list again.
    rmSync(rc);
    await waitFor(async () => page.isVisible(`${editorSel('allow.txt')} .squiggly-warning`), 'the warning back when the configuration is gone');
    await closeTab(page, 'allow.txt');
  });
  await page.close();

  // ---------- untrusted workspace: Restricted Mode
  s = Date.now();
  const restricted = await startServer('restricted', 'untrusted', {
    ...baseSettings,
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
  });
  const rpage = await openWorkbench(restricted.url);
  timings.push(['start code-server (restricted)', Date.now() - s]);

  await scenario('restricted-mode', async () => {
    await openFile(rpage, 'notice.txt');
    await rpage.waitForSelector(`${editorSel('notice.txt')} .squiggly-warning`, { timeout: 20_000 });
    const toast = await rpage.waitForSelector('.notification-toast:has-text("team-gongzuo-luoshi")', { timeout: 15_000 });
    const msg = await toast.innerText();
    assert(/Restricted|受限/.test(msg), `unexpected notice: ${msg}`);
    await rpage.waitForTimeout(800);
    const c = await problemCounts(rpage);
    assert(c.warnings === 1, `expected only the built-in warning in Restricted Mode, got ${c.label}`);
    await shot(rpage, 'restricted-mode');
  });

  await scenario('trusted-loads-workspace-rules', async () => {
    // Same folder, trusted: the workspace regex rule is loaded (the other direction of the check above).
    await rpage.close();
    const trusted = await startServer('trusted', 'untrusted', { ...baseSettings, 'security.workspace.trust.enabled': false });
    const tpage = await openWorkbench(trusted.url);
    await openFile(tpage, 'notice.txt');
    await waitFor(async () => (await problemCounts(tpage)).warnings === 2, 'two warnings (built-in + workspace rule)', 20_000);
    await tpage.close();
  });
} catch (e) {
  results.push({ name: 'harness', ok: false });
  log(`FAIL harness: ${e.message}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}

console.log('\nTimings:');
for (const [n, ms] of timings) console.log(`  ${n.padEnd(34)} ${(ms / 1000).toFixed(1)} s`);
console.log(`  ${'total'.padEnd(34)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (!results.some((r) => !r.ok)) rmSync(RUN, { recursive: true, force: true });
else console.log(`logs kept in ${RUN}`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
