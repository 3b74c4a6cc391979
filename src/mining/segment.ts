/**
 * Word segmentation for mining, via nodejieba — loaded lazily here and nowhere else, so the rest of
 * the product (checker, completion, the VS Code extension) never needs the native module.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

export class SegmenterUnavailable extends Error {
  constructor(detail: string) {
    super(
      `无法加载分词组件 nodejieba（未安装或本机编译失败：${detail}）。` +
        '语料挖掘需要它：请在项目目录运行 npm install nodejieba@3.4.4（需要 C++ 编译环境），其他功能不受影响。',
    );
    this.name = 'SegmenterUnavailable';
  }
}

interface Jieba {
  cut(s: string, hmm?: boolean): string[];
  insertWord(w: string): boolean;
}

let jieba: Jieba | undefined;

/**
 * Fixed formulations that jieba's stock dictionary splits badly (对标对表 → 对/标/对/表;
 * 在思想上 swallowing 在). Added to the user dictionary so they stay whole.
 */
export const FIXED_PHRASES = [
  '以习近平同志为核心的党中央',
  '习近平新时代中国特色社会主义思想',
  '思想上政治上行动上',
  '对标对表',
  // jieba reads 做实习近平 as 做/实习/近平
  '学懂弄通做实',
  '不忘初心、牢记使命',
  '全面从严治党',
  '三会一课',
  '模范机关',
  '党史学习教育',
];

/** Terms from data/glossary.json (written by the glossary module) when it exists. */
export function glossaryTerms(root = process.cwd()): string[] {
  const p = join(root, 'data', 'glossary.json');
  if (!existsSync(p)) return [];
  try {
    const j = JSON.parse(readFileSync(p, 'utf8')) as unknown;
    const list = Array.isArray(j) ? j : j && typeof j === 'object' ? (j as { entries?: unknown; terms?: unknown }).entries ?? (j as { terms?: unknown }).terms : undefined;
    if (!Array.isArray(list)) return [];
    const out: string[] = [];
    for (const e of list) {
      const t = e && typeof e === 'object' ? (e as { term?: unknown }).term : undefined;
      if (typeof t === 'string' && /^[\u3400-\u9fff“”]{2,20}$/.test(t)) out.push(t.replace(/[“”]/g, ''));
    }
    return out;
  } catch {
    return [];
  }
}

/** Load nodejieba (once) and teach it the fixed phrases; throws SegmenterUnavailable when it cannot load. */
export function loadSegmenter(extraWords: string[] = []): Jieba {
  if (!jieba) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      jieba = require('nodejieba') as Jieba;
      jieba.cut('初始化');
    } catch (e) {
      jieba = undefined;
      throw new SegmenterUnavailable(e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
  }
  for (const w of [...FIXED_PHRASES, ...extraWords]) {
    for (const part of w.split(/[、，]/)) if (part.length >= 2) jieba.insertWord(part);
  }
  return jieba;
}
