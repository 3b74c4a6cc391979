/** `gongwen explain TERM`: the glossary entry of a fixed phrase. */
import { loadBuiltinDataset } from '../../core/dataset';
import { formatEntry } from '../../core/explain';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../io';
import { datasetFromArgs } from './check';

export const run: Command = async (argv, io) => {
  const a = parseArgs(argv, ['glossary', 'format'], ['list']);
  const term = a.positional.join('');
  if (a.flags.has('list')) {
    const g = (a.multi.get('glossary')?.length ? datasetFromArgs([], a.multi.get('glossary')!) : loadBuiltinDataset()).glossary;
    for (const e of g.entries) io.out(`${e.term}\t${e.summary}`);
    return 0;
  }
  if (!term) throw new UsageError('请给出要解释的提法，例如 gongwen explain 两个维护');
  const glossaryFiles = a.multi.get('glossary') ?? [];
  const dataset = glossaryFiles.length ? datasetFromArgs([], glossaryFiles) : loadBuiltinDataset();
  const g = dataset.glossary;
  const entry = g.lookup(term);
  if (!entry) {
    const near = g.search(term);
    if (near.length) {
      io.err(`词表中没有“${term}”。相近的提法：${near.map((e) => e.term).join('、')}`);
    } else {
      io.err(`词表中没有“${term}”。运行 gongwen explain --list 可列出全部提法。`);
    }
    return 1;
  }
  if (a.opts.get('format') === 'json') io.out(JSON.stringify(entry, null, 2));
  else io.out(formatEntry(entry));
  return 0;
};
