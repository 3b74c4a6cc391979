/** The completion part of `gongwen demo`: typical prefixes and what the engine suggests. */
import { loadBuiltinDataset } from '../../core/dataset';
import { Completer, loadCanon, loadPatterns } from '../../core/completion';
import type { CliIO } from '../io';

export const DEMO_PREFIXES: Array<{ prefix: string; context?: string; note?: string }> = [
  { prefix: '全市各级党组织要坚持以习近平新时代中国特色社会主义思想为', note: '规范提法' },
  { prefix: '始终在思想上政治上行动上', note: '规范提法' },
  { prefix: '以高质量党建引领', note: '规范提法' },
  { prefix: '坚持以习', note: '从头几个字补全' },
  { prefix: '在学懂弄', note: '语料续写' },
  { prefix: '更加紧密地团结在以习近平同志为核心的', note: '语料续写' },
  { prefix: '为全面建设社会主义现代化国家', note: '不再补“机关”' },
  { prefix: '推动学习往深里走、', note: '排比' },
  { prefix: '要持续深化“五型', context: '要持续深化“五型机关”创建活动，不断提升机关效能。', note: '本文前文' },
  { prefix: '', context: '一是坚决做到“两个维护”。', note: '列举' },
];

export function printCompletions(io: CliIO, date?: string): void {
  const completer = new Completer(loadPatterns(), loadBuiltinDataset(), { date, canon: loadCanon() });
  for (const { prefix, context, note } of DEMO_PREFIXES) {
    const shown = prefix || `（新段落，上一段：${context}）`;
    const s = completer.complete(prefix, { limit: 3, context });
    const list = s.length ? s.map((x, i) => `${i + 1}. ${x.insert}（${x.detail}）`).join('  ') : '（无建议）';
    io.out(`${note ? `【${note}】` : ''}${shown} ▸ ${list}`);
  }
}
