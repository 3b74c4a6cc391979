/** `gongwen mine [--out FILE] [--min-count N] [--memory MB] PATH...` — mine phrase and structure patterns from a corpus. */
import { dirname, resolve } from 'path';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../io';
import { mineDocuments } from '../../mining/run';
import { serialize, checkOverwritable, writeAtomic } from '../../mining/output';
import { SegmenterUnavailable } from '../../mining/segment';
import { existsSync, statSync } from 'fs';

/**
 * `--out` resolved, refused with a usage error before any work when its folder does not exist or
 * when it names a file that is not a patterns file.
 */
export function checkedOutPath(out: string): string {
  const p = resolve(out);
  const dir = dirname(p);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`无法写出 ${out}：文件夹 ${dir} 不存在`);
  try {
    checkOverwritable(p);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return p;
}

/** Write a patterns file atomically; a failure (no permission, a read-only folder) is a usage error naming the file. */
export function writeOut(path: string, text: string): void {
  try {
    writeAtomic(path, text);
  } catch (e) {
    throw new UsageError(`无法写出 ${path}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}）`);
  }
}

export const run: Command = async (argv, io) => {
  const a = parseArgs(argv, ['out', 'min-count', 'memory']);
  if (!a.positional.length) throw new UsageError('用法：gongwen mine [--out 文件] [--min-count N] [--memory MB] 路径...');
  const mc = a.opts.get('min-count');
  const minCount = mc === undefined ? 2 : Number(mc);
  if (!Number.isInteger(minCount) || minCount < 1) throw new UsageError(`--min-count 需要正整数，得到 “${mc}”`);
  const mem = a.opts.get('memory');
  const memoryMb = mem === undefined ? undefined : Number(mem);
  if (memoryMb !== undefined && !(Number.isInteger(memoryMb) && memoryMb >= 1)) throw new UsageError(`--memory 需要正整数（MB），得到 “${mem}”`);
  for (const p of a.positional) if (!existsSync(p)) throw new UsageError(`找不到路径：${p}`);
  const out = a.opts.get('out');
  const outPath = out ? checkedOutPath(out) : undefined;
  const t0 = Date.now();
  let last = 0;
  let total = 0;
  let t1 = t0;
  let patterns;
  try {
    patterns = await mineDocuments(a.positional, {
      minCount,
      memoryMb,
      warn: (s) => io.err(`gongwen mine: ${s}`),
      progress: ({ files, totalFiles, bytes, totalBytes }) => {
        const now = Date.now();
        if (now - last < 1000 && files < totalFiles) return;
        last = now;
        const mb = bytes / 1048576;
        const rate = mb / Math.max((now - t1) / 1000, 0.001);
        io.err(`挖掘进度：${files}/${totalFiles} 个文件，${mb.toFixed(1)}/${(totalBytes / 1048576).toFixed(1)} MB，${rate.toFixed(2)} MB/s`);
        total = totalBytes;
      },
      onStart: () => {
        t1 = Date.now();
        io.err(`分词词典已加载（${((t1 - t0) / 1000).toFixed(1)} s），开始读取文档…`);
      },
      onFinish: () => io.err(`读取完毕（${((Date.now() - t0) / 1000).toFixed(1)} s），正在统计短语、搭配与续写模型…`),
    });
  } catch (e) {
    if (e instanceof SegmenterUnavailable) throw new UsageError(e.message);
    if (e instanceof Error && e.message.startsWith('找不到路径')) throw new UsageError(e.message);
    throw e;
  }
  const seconds = (Date.now() - t1) / 1000;
  io.err(`挖掘完成：${patterns.source.documents} 个文件，${(total / 1048576).toFixed(1)} MB，用时 ${seconds.toFixed(1)} s（另加分词词典加载 ${((t1 - t0) / 1000).toFixed(1)} s），${(total / 1048576 / Math.max(seconds, 0.001)).toFixed(2)} MB/s`);
  const text = serialize(patterns);
  if (outPath) {
    writeOut(outPath, text);
    io.err(`已写入 ${out}：${patterns.phrases.length} 个短语，${patterns.parallels.length} 个排比，${patterns.enumerations.length} 种列举`);
  } else {
    io.out(text.replace(/\n$/, ''));
  }
  return 0;
};
