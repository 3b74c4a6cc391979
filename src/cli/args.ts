import { UsageError } from './io';

export interface ParsedArgs {
  positional: string[];
  /** Last value of each single-valued option. */
  opts: Map<string, string>;
  /** Every value of each repeatable option, in order. */
  multi: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Small argument parser: `--name value`, `--name=value` and boolean `--flag`.
 * `valued` lists the options that take a value; anything else starting with -- must be in `booleans`.
 */
export function parseArgs(argv: string[], valued: string[], booleans: string[] = []): ParsedArgs {
  const out: ParsedArgs = { positional: [], opts: new Map(), multi: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (valued.includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`选项 --${name} 需要一个值`);
        out.opts.set(name, v);
        out.multi.set(name, [...(out.multi.get(name) ?? []), v]);
      } else if (booleans.includes(name) && eq < 0) {
        out.flags.add(name);
      } else {
        throw new UsageError(`未知选项 --${name}`);
      }
    } else {
      out.positional.push(a);
    }
  }
  return out;
}
