import * as path from 'path';
import { readData } from '../../src/core/data';
import { Dataset } from '../../src/core/dataset';

export const ROOT = path.resolve(__dirname, '../..');
export const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
export const corpusFile = (name: string) => path.join(ROOT, 'data', 'corpus', name);

/** A small dataset of test rules and glossary entries, independent of the shipped data. */
export function engineDataset(): Dataset {
  return new Dataset(
    readData([fixture('rules', 'engine.gongwen-rules.json')], [fixture('glossary', 'canonical.gongwen-glossary.json')]),
  );
}

/** A user rule whose own fire example does not fire: the CLI always refused it. */
export const FAILING_EXAMPLES = JSON.stringify({
  rules: [
    {
      id: 'user-jiguan',
      kind: 'nonstandard',
      patterns: ['机关党建'],
      replacement: '机关党的建设',
      explanation: '示例不符的规则',
      source: 'test',
      confidence: 'high',
      examples: { fire: ['没有这个词'], pass: ['也没有'] },
    },
  ],
});
