/**
 * `gongwen outline FILE`: the speech's structure tree and its outline problems. The problems are
 * the outline rules' findings of the same checker `gongwen check` uses (src/core/setup.ts): the
 * same disable comments, project configuration (levels, allow list) and options apply.
 */
import { parseOutline, type OutlineNode } from '../../core/outline/parse';
import type { Checker } from '../../core/setup';
import { TextDoc } from '../../core/text';
import type { Finding } from '../../core/types';
import { parseArgs } from '../args';
import { languageOf, readInput } from '../files';
import { UsageError, type CliIO, type Command } from '../io';
import { RULE_FLAG_NAMES, RULE_OPTION_NAMES, ruleOptions } from '../rule-options';
import { toJson } from './check';

interface JsonNode {
  marker: string;
  family: string;
  level: number;
  ordinal: number;
  title: string;
  line: number;
  children: JsonNode[];
}

function toJsonNode(n: OutlineNode): JsonNode {
  return {
    marker: n.marker,
    family: n.family,
    level: n.level,
    ordinal: n.ordinal,
    title: n.title,
    line: n.line,
    children: n.children.map(toJsonNode),
  };
}

function clip(s: string, n = 36): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

/** The outline problems of a draft: the outline rules' findings as `check` reports them. */
export function outlineProblems(checker: Checker, text: string, file: string): Finding[] {
  return checker.check(text, languageOf(file), { kinds: ['outline'] }).findings;
}

/** Prints the tree with each node's problems under it; returns the number of problems. */
export function printOutline(io: CliIO, text: string, file: string, problems: Finding[]): number {
  const outline = parseOutline(text);
  const doc = new TextDoc(text);
  // Each problem goes under the last node whose marker starts at or before it.
  const flat: OutlineNode[] = [];
  const collect = (nodes: OutlineNode[]) => nodes.forEach((n) => (flat.push(n), collect(n.children)));
  collect(outline.roots);
  flat.sort((x, y) => x.markerStart - y.markerStart);
  const byNode = new Map<OutlineNode | undefined, string[]>();
  for (const p of problems) {
    let owner: OutlineNode | undefined;
    for (const n of flat) if (n.markerStart <= p.start) owner = n;
    const mark = p.severity === 'warning' || p.severity === 'error' ? '⚠' : 'ℹ';
    const line = owner ? '' : `第 ${doc.positionAt(p.start).line} 行：`;
    byNode.set(owner, [...(byNode.get(owner) ?? []), `${line}${mark} ${p.message}`]);
  }
  for (const a of outline.announcements) io.out(`预告：“${a.text}”（第 ${doc.positionAt(a.start).line} 行）`);
  for (const p of byNode.get(undefined) ?? []) io.out(p);
  const walk = (nodes: OutlineNode[], depth: number) => {
    for (const n of nodes) {
      const pad = '  '.repeat(depth);
      const count = n.children.length ? `  [${n.children.length} 项]` : '';
      io.out(`${pad}${n.marker}${clip(n.title)}  （第 ${n.line} 行）${count}`);
      for (const p of byNode.get(n) ?? []) io.out(`${pad}    ${p}`);
      walk(n.children, depth + 1);
    }
  };
  if (!outline.roots.length) io.out('（未识别到层次编号）');
  walk(outline.roots, 0);
  io.out(`${file}：${problems.length ? `${problems.length} 个提纲问题` : '提纲层次无问题'}`);
  return problems.length;
}

export const run: Command = async (argv, io) => {
  const a = parseArgs(argv, ['format', ...RULE_OPTION_NAMES], [...RULE_FLAG_NAMES]);
  const format = a.opts.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json：${format}`);
  if (a.positional.length !== 1) throw new UsageError('请给出一个文件，例如 gongwen outline 讲话稿.txt');
  const file = a.positional[0];
  const checker = ruleOptions(a).checkerFor(file);
  const r = await readInput(file);
  if (!r.ok) throw new UsageError(`${r.problem.file}: ${r.problem.message}`);
  const problems = outlineProblems(checker, r.text, file);
  if (format === 'json') {
    const outline = parseOutline(r.text);
    const doc = new TextDoc(r.text);
    io.out(
      JSON.stringify(
        {
          file,
          announcements: outline.announcements.map((x) => ({ count: x.count, text: x.text, line: doc.positionAt(x.start).line })),
          roots: outline.roots.map(toJsonNode),
          problems: problems.map((p) => toJson(file, doc, p)),
        },
        null,
        2,
      ),
    );
    return problems.some((p) => p.severity === 'warning' || p.severity === 'error') ? 1 : 0;
  }
  const n = printOutline(io, r.text, file, problems);
  return n ? 1 : 0;
};
