/** The completion part of `gongwen demo`: typical prefixes and what the engine suggests. */
import { loadBuiltinDataset } from '../../core/dataset';
import { Completer, loadPatterns } from '../../core/completion';
import type { CliIO } from '../io';

export const DEMO_PREFIXES: Array<{ prefix: string; context?: string }> = [
  { prefix: '在学懂弄' },
  { prefix: '切实增强' },
  { prefix: '推动学习往深里走、' },
  { prefix: '始终在思想上政治上行动上同以习近平同志为核心的' },
  { prefix: '', context: '一是坚决做到“两个维护”。' },
];

export function printCompletions(io: CliIO, date?: string): void {
  const completer = new Completer(loadPatterns(), loadBuiltinDataset(), { date });
  for (const { prefix, context } of DEMO_PREFIXES) {
    const shown = prefix || `（新段落，上一段：${context}）`;
    const s = completer.complete(prefix, { limit: 3, context });
    const list = s.length ? s.map((x, i) => `${i + 1}. ${x.insert}（${x.detail}）`).join('  ') : '（无建议）';
    io.out(`${shown} ▸ ${list}`);
  }
}
