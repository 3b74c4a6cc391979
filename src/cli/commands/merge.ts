/** `gongwen merge A.json B.json ... --out C.json` — merge patterns mined separately. */
import { parseArgs } from '../args';
import { UsageError, type Command } from '../io';
import { readPatterns, mergePatterns, serialize } from '../../mining/output';
import { checkedOutPath, writeOut } from './mine';

export const run: Command = async (argv, io) => {
  const a = parseArgs(argv, ['out']);
  if (!a.positional.length) throw new UsageError('用法：gongwen merge A.json B.json... --out 文件');
  const inputs = a.positional.map((f) => {
    try {
      return readPatterns(f);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  const out = a.opts.get('out');
  const outPath = out ? checkedOutPath(out) : undefined;
  const text = serialize(mergePatterns(inputs));
  if (outPath) {
    writeOut(outPath, text);
    io.err(`已合并 ${inputs.length} 个模式文件，写入 ${out}`);
  } else io.out(text.replace(/\n$/, ''));
  return 0;
};
