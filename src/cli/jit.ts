/**
 * The optimizing compiler (TurboFan) in a short `gongwen check`.
 *
 * A CLI check of a draft is one pass over each rule's code: V8 optimizes the functions that get hot
 * on background threads, and in a process that lives half a second the optimized code comes too
 * late to pay for itself. Measured on the 1 MB bench text (2026-12-02, bundled CLI, fresh
 * processes, A/B alternated): 41 functions were optimized, for about 100 ms of CPU on compiler
 * threads and no gain on the main thread, which ran the same ~230 ms either way. So a check runs
 * with the optimizing compiler off (interpreter and the baseline compiler, Sparkplug) until it has
 * read `OPT_AFTER_CHARS`; then it is switched back on, because on much more text the optimized code
 * does pay (a 50 MB file: 3.9 s of CPU with it from the start, 6.4 s without it at all).
 *
 * A Word input switches it back on before it is read: unzipping and parsing the XML is library
 * code the optimized tiers do pay for (see src/cli/commands/check.ts).
 *
 * Only the command-line process does this (the editor's checks run for hours: it keeps the default),
 * and only when node was not given a tiering flag of its own (`--no-opt`, `--jitless`, …). The
 * flag is process-wide: `end()` restores it, so a command run in-process (the tests) leaves the
 * process as it found it. `GONGWEN_JIT=default` keeps V8's default (to measure the difference).
 */
import v8 = require('v8');

/** Characters checked before the optimizing compiler is switched back on (about 8 MB of Chinese text). */
export const OPT_AFTER_CHARS = 3_000_000;

const TIERING_FLAG = /--(?:no-)?(?:opt|turbofan|jitless|maglev|sparkplug|always-opt|max-opt)\b/;

export interface ShortRunTiering {
  /** Counts checked characters; switches the optimizing compiler back on past the threshold. */
  checked(chars: number): void;
  /** Restores the default (idempotent). */
  end(): void;
}

const NOOP: ShortRunTiering = { checked: () => undefined, end: () => undefined };

/** Turns the optimizing compiler off for the start of a check run (see above), if nothing says otherwise. */
export function shortRunTiering(): ShortRunTiering {
  if (process.env.GONGWEN_JIT === 'default') return NOOP;
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (TIERING_FLAG.test(given)) return NOOP;
  v8.setFlagsFromString('--no-opt');
  let off = true;
  let total = 0;
  const end = () => {
    if (!off) return;
    off = false;
    v8.setFlagsFromString('--opt');
  };
  return {
    checked: (chars) => {
      total += chars;
      if (total >= OPT_AFTER_CHARS) end();
    },
    end,
  };
}
