/** Plain-text and Markdown renderings of a glossary entry, shared by the CLI and the hover. */
import type { GlossaryEntry } from './model';

const STATUS_CN = { current: '现行提法', dated: '阶段性提法，现已较少使用', historical: '已成历史' } as const;

export function statusText(e: GlossaryEntry): string {
  return STATUS_CN[e.status] + (e.statusNote ? `（${e.statusNote}）` : '');
}

export function formatEntry(e: GlossaryEntry): string {
  const lines = [`${e.term}${e.aliases?.length ? `（又作：${e.aliases.join('、')}）` : ''}`, '', e.summary];
  if (e.expansion.length) {
    lines.push('', '内容：');
    e.expansion.forEach((x, i) => lines.push(`  ${i + 1}. ${x}`));
  }
  lines.push('', `来源：${e.origin}`, `状态：${statusText(e)}`);
  if (e.collocations.length) lines.push(`规范搭配：${e.collocations.join('；')}`);
  if (e.canonical) lines.push(`规范表述：${e.canonical}`);
  if (e.corpus?.length) lines.push(`语料中见于：${e.corpus.join('、')}`);
  lines.push(`出处：${e.source}`);
  return lines.join('\n');
}
