/**
 * The docs pages of the rules (docs/rules/<id>.md and the index docs/rules/README.md), rendered
 * from the registry: `npm run docs:rules` writes them (scripts/gen-rule-docs.ts) and a test
 * renders them again and compares, so a page never lags behind its rule. Chinese throughout.
 */
import type { RuleEntry, RuleExample } from './model';
import { CATEGORY_CN, defaultLevelCn, KIND_CN, SEVERITY_CN, type RegistryEntry } from './registry';
import type { Category } from './types';
import { historyDocLines } from './rules/history';

export const GENERATED_NOTE = '<!-- 本页由 npm run docs:rules 根据规则注册表生成，请勿手工修改。 -->';

/** A fixture draft shown on a code rule's page; `marks`: 1-based line → the rule ids that line carries. */
export interface DocExample {
  text: string;
  marks?: ReadonlyMap<number, readonly string[]>;
}

export interface CodeExamples {
  fire: DocExample[];
  pass: DocExample[];
}

/** Escapes what Markdown would read as markup in running text. */
export function mdText(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Inline code that holds any text (backticks inside get a longer fence). */
function code(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return fence + pad + s + pad + fence;
}

/** A fenced block of draft text (the fence longer than any run of backticks inside). */
function block(text: string): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}text\n${text.replace(/\n+$/, '')}\n${fence}`;
}

function q(s: string): string {
  return '“' + s + '”';
}

function settingsSection(id: string): string {
  return [
    '## 调整或关闭',
    '',
    `- 改变级别或关闭：编辑器设置 \`gongwen.severity\` 写 \`{ "${id}": "info" }\`（\`"off"\` 为关闭）；命令行 \`gongwen check --severity ${id}=off\`。`,
    `- 文稿中忽略下一行：单独一行写 \`gongwen-disable-next-line ${id}\`（Markdown 文稿写在注释里：\`<!-- gongwen-disable-next-line ${id} -->\`）；忽略整篇：\`gongwen-disable ${id}\`。`,
  ].join('\n');
}

function header(e: RegistryEntry, rows: Array<[string, string]>): string {
  const table = [
    '| 项目 | 内容 |',
    '|---|---|',
    `| 编号 | ${code(e.id)} |`,
    `| 类别 | ${CATEGORY_CN[e.category]}（${e.category}） |`,
    `| 默认级别 | ${e.defaultOff ? `默认关闭（开启后为${SEVERITY_CN[e.severity]}，${e.severity}）` : `${SEVERITY_CN[e.severity]}（${e.severity}）`} |`,
    ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
  ];
  return [GENERATED_NOTE, '', `# ${e.id}`, '', mdText(e.description), '', ...table].join('\n');
}

/** A fixture with the lines that carry a finding of `id` pointed out. */
function exampleBlock(x: DocExample, id: string): string {
  const lines = x.text.replace(/\n+$/, '').split('\n');
  const width = Math.max(...lines.map((l) => [...l].length));
  const shown = lines.map((l, k) => {
    const ids = x.marks?.get(k + 1)?.filter((r) => r === id) ?? [];
    return ids.length ? `${l}${'　'.repeat(Math.max(1, width - [...l].length + 1))}← ${ids.length > 1 ? `${id} ×${ids.length}` : id}` : l;
  });
  return block(shown.join('\n'));
}

/** The page of a code rule: what it checks, its examples (its fixtures), how to adjust it. */
export function codeRulePage(e: RegistryEntry, examples: CodeExamples): string {
  const r = e.code!;
  const out = [header(e, [['规则类型', '代码规则（程序实现）'], ['标签', r.tags.join('、')]])];
  out.push('## 检查什么', r.details);
  if (examples.fire.length || examples.pass.length) {
    out.push('## 示例');
    if (examples.fire.length) out.push('### 会提示', '箭头所指的行会得到这条提示：', ...examples.fire.map((x) => exampleBlock(x, e.id)));
    if (examples.pass.length) out.push('### 不提示', ...examples.pass.map((x) => exampleBlock(x, e.id)));
  }
  if (r.source) out.push('## 依据', mdText(r.source));
  out.push(settingsSection(e.id));
  return out.join('\n\n') + '\n';
}

function exampleLine(x: string | RuleExample, fire: boolean): string {
  const ex = typeof x === 'string' ? { text: x } : x;
  let s = `- ${mdText(ex.text)}`;
  if (fire && ex.fixed !== undefined) s += ` → ${mdText(ex.fixed)}`;
  if (ex.date) s += `（参考日期 ${ex.date}）`;
  return s;
}

/** The page of a data rule: kind, since, replacements, explanation, source, examples. */
export function dataRulePage(e: RegistryEntry): string {
  const r = e.data as RuleEntry & { file?: string };
  const rows: Array<[string, string]> = [['规则类型', `数据规则（${KIND_CN[r.kind]}，${r.kind}）`]];
  if (r.file) rows.push(['所在文件', code(`data/rules/${r.file.split(/[\\/]/).pop()}`)]);
  rows.push(['起始日期', r.since ? `${r.since}（此日起视为不规范或过时）` : '不限日期']);
  rows.push(['可信度', `${r.confidence}`]);
  const out = [header(e, rows)];
  out.push('## 说明', mdText(r.explanation));
  const what: string[] = [];
  if (r.patterns?.length) what.push(...r.patterns.map((p) => `- ${code(p)}`));
  if (r.object) {
    what.push(`- 与${q(r.object)}搭配的动词：不说 ${(r.wrongVerbs ?? []).map(code).join('、') || '—'}，应为 ${(r.verbs ?? []).map(code).join('、') || '—'}`);
  }
  if (r.regex?.length) what.push(...r.regex.map((x) => `- 正则表达式 ${code(x)}`));
  if (what.length) out.push('## 提示的写法', what.join('\n'));
  const fix: string[] = [];
  if (r.replacement !== undefined) fix.push(`- 改为：${r.replacement ? code(r.replacement) : '（删去）'}`);
  if (r.replacementByDate?.length) {
    fix.push('- 按参考日期：');
    for (const p of r.replacementByDate) {
      const alts = p.alternatives?.length ? `；也可：${p.alternatives.map(code).join('、')}` : '';
      fix.push(`  - ${p.from} 起：${p.replacement !== undefined ? (p.replacement ? code(p.replacement) : '（删去）') : '不自动修改'}${alts}`);
    }
  }
  if (r.alternatives?.length) fix.push(`- 也可写作：${r.alternatives.map(code).join('、')}`);
  if (fix.length) out.push('## 建议改为', fix.join('\n'));
  else out.push('## 建议改为', '不自动修改：正确写法取决于上下文。');
  const u = r.unless;
  const except: string[] = [];
  if (u?.before?.length) except.push(`- 紧接在 ${u.before.map(code).join('、')} 之后`);
  if (u?.after?.length) except.push(`- 紧跟着 ${u.after.map(code).join('、')}`);
  if (u?.inside?.length) except.push(`- 出现在 ${u.inside.map(code).join('、')} 之中`);
  if (u?.inTitle) except.push('- 在书名号《》之内（文件、书籍的名称）');
  if (u?.inQuote) except.push('- 在引号之内（引用原文）');
  except.push(...historyDocLines(r).map((l) => `- ${l}`));
  if (r.kind === 'era') except.push('- 回顾性的语境（“五年来”“过去一年”“回顾”“胜利完成”等）：只在当作当前任务来说时提示');
  if (except.length) out.push('## 不提示的情形', except.join('\n'));
  out.push('## 示例');
  if (r.examples.fire.length) out.push('### 会提示', r.examples.fire.map((x) => exampleLine(x, true)).join('\n'));
  if (r.examples.pass.length) out.push('### 不提示', r.examples.pass.map((x) => exampleLine(x, false)).join('\n'));
  out.push('## 出处', mdText(r.source));
  out.push(settingsSection(e.id));
  return out.join('\n\n') + '\n';
}

const CATEGORY_ORDER: Category[] = ['outline', 'punctuation', 'outdated', 'nonstandard'];

/** docs/rules/README.md: every rule by category, with its default severity and description. */
export function rulesIndex(entries: readonly RegistryEntry[]): string {
  const code = entries.filter((e) => e.origin === 'code').length;
  const out = [
    GENERATED_NOTE,
    '',
    '# 规则一览',
    '',
    `共 ${entries.length} 条规则：代码规则 ${code} 条，数据规则 ${entries.length - code} 条。每条规则的页面写明它检查什么、默认级别、示例和出处，以及如何调整级别或在文稿中忽略它。`,
    '',
    '在编辑器中，点击“问题”面板或悬停提示里的规则编号即可打开对应页面；命令行中 `gongwen rules` 列出全部规则，`gongwen rules --format json` 给出机器可读的列表。',
  ];
  for (const c of CATEGORY_ORDER) {
    const list = entries.filter((e) => e.category === c);
    if (!list.length) continue;
    out.push('', `## ${CATEGORY_CN[c]}（${c}，${list.length} 条）`, '', '| 规则 | 默认级别 | 说明 |', '|---|---|---|');
    for (const e of list) out.push(`| [${e.id}](${e.id}.md) | ${defaultLevelCn(e, SEVERITY_CN)} | ${mdText(e.description)} |`);
  }
  return out.join('\n') + '\n';
}
