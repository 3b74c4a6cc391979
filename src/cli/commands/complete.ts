/**
 * `gongwen complete [--format text|json] [--limit N] [--patterns FILE]... [--date D] TEXT`
 * `gongwen complete --batch [--format json]`: one prefix per stdin line, one JSON line per input.
 * Suggestions come from the built-in data (data/patterns.json, the canon, the glossary and the
 * rules) plus each archive given with --patterns (mined with `gongwen mine`; its evidence weighs
 * more than the built-in seeds'); outdated wording is never suggested (as of --date, default today).
 */
import { isValidIsoDate } from '../../core/date';
import { DataError } from '../../core/data';
import { Completer, loadCanon, loadCompletionDataset, loadPatterns, USER_WEIGHT, type PatternsSource, type Suggestion } from '../../core/completion';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../io';

export const run: Command = async (argv, io) => {
  const a = parseArgs(argv, ['format', 'limit', 'patterns', 'date'], ['batch']);
  const format = a.opts.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json，而不是 “${format}”`);
  const limitRaw = a.opts.get('limit') ?? '5';
  if (!/^[0-9]+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 50) throw new UsageError(`--limit 应为 1 到 50 的整数，而不是 “${limitRaw}”`);
  const limit = Number(limitRaw);
  const date = a.opts.get('date');
  if (date !== undefined && !isValidIsoDate(date)) throw new UsageError(`--date 应为 YYYY-MM-DD，而不是 “${date}”`);
  const batch = a.flags.has('batch');
  const text = a.positional.join(' ');
  if (!batch && !text) throw new UsageError('请给出光标前的文本，例如 gongwen complete 学懂弄；或用 --batch 从标准输入逐行读取');
  if (batch && text) throw new UsageError('--batch 模式从标准输入读取，不接受文本参数');

  let completer: Completer;
  try {
    const sources: PatternsSource[] = [{ patterns: loadPatterns(), weight: 1 }];
    for (const f of a.multi.get('patterns') ?? []) sources.push({ patterns: loadPatterns(f), weight: USER_WEIGHT });
    completer = new Completer(sources, loadCompletionDataset(), { date, canon: loadCanon() });
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(e.message.split('\n')[0]);
    throw e;
  }

  if (batch) {
    const input = await io.readStdin();
    const lines = input.split(/\r\n|\r|\n/);
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const out: string[] = [];
    for (const line of lines) {
      const s = completer.complete(line, { limit });
      out.push(
        format === 'json'
          ? JSON.stringify({ suggestions: s.map((x) => ({ insert: x.insert, label: x.label, kind: x.kind })) })
          : s.map((x) => x.insert).join('\t'),
      );
    }
    if (out.length) io.out(out.join('\n'));
    return 0;
  }

  const suggestions = completer.complete(text, { limit });
  if (format === 'json') {
    io.out(JSON.stringify({ suggestions }, null, 2));
  } else if (!suggestions.length) {
    io.out('（没有续写建议）');
  } else {
    io.out(suggestions.map(line).join('\n'));
  }
  return 0;
};

const KIND_NAME: Record<Suggestion['kind'], string> = {
  canon: '规范提法',
  next: '续写',
  recent: '前文',
  parallel: '排比',
  enumeration: '列举',
  expansion: '展开',
};

function line(s: Suggestion): string {
  return `${s.insert}\t[${KIND_NAME[s.kind]}] ${s.label}\t${s.detail}`;
}
