/**
 * The checker: runs every rule kind over a document and returns its findings, as of a reference
 * date. One module per rule kind (src/core/rules/*, src/core/outline/check.ts); this file only
 * orchestrates: date, one automaton pass, suppression, per-rule severities, sorting.
 * The rule modules write into a `FindingSink` (src/core/findings.ts); the findings are made as
 * objects once, at the end, for those kept. What a check writes into (the text's units, the hits,
 * the sink) is one `CheckBuffers` object, kept between checks and lent to one check at a time.
 */
import type { Hits } from './ahocorasick';
import { detectDocumentDate, isValidIsoDate, todayIso } from './date';
import { loadBuiltinDataset, type Dataset } from './dataset';
import { CheckBuffers } from './check-buffers';
import type { FindingSink, Keep } from './findings';
import { checkCollocations } from './rules/collocation';
import { checkCurrency } from './rules/currency';
import type { RuleContext } from './rules/context';
import { checkFormulations } from './rules/formulation';
import { checkMisquotes } from './rules/misquote';
import { checkPunctuation } from './rules/punctuation';
import { writeOutlineFindings } from './outline/check';
import { findAllowed, findSuppressions, isAllowed, isSuppressed } from './suppress';
import { TextDoc } from './text';
import type { Category, Finding, IsoDate, Severity } from './types';

/** A rule kind: writes its findings about `ctx.text` into `out`. */
export type RuleModule = (ctx: RuleContext, out: FindingSink) => void;

/** The rule kinds: one module each. */
export const RULE_MODULES: Record<string, RuleModule> = {
  formulation: checkFormulations,
  collocation: checkCollocations,
  misquote: checkMisquotes,
  punctuation: checkPunctuation,
  outline: (ctx, out) => writeOutlineFindings(ctx.text, out, undefined, ctx.doc),
  currency: checkCurrency,
};

export interface CheckOptions {
  /** Reference date YYYY-MM-DD; default: the draft's own date line, else today. */
  date?: IsoDate;
  /** Today's date, for tests (default: the clock). */
  today?: IsoDate;
  language?: 'markdown' | 'plaintext';
  /** Per-rule severity override, or 'off'. Keys are rule ids or categories. */
  severity?: Record<string, Severity | 'off'>;
  /**
   * Phrases never flagged (a project's allow list): a finding whose range lies inside an
   * occurrence of one of them is dropped. Pass the same array to every check (its automaton is
   * kept with it).
   */
  allow?: readonly string[];
  /** Rule kinds to run (keys of RULE_MODULES); default all. */
  kinds?: string[];
  dataset?: Dataset;
  /** The buffers to check in (a `Checker` keeps its own); default: the ones kept here. */
  buffers?: CheckBuffers;
}

/** The buffers of the checks given none (see `CheckOptions.buffers`). */
const keptBuffers = new CheckBuffers();

export interface CheckResult {
  findings: Finding[];
  /** The date the check ran as of, and where it came from. */
  date: IsoDate;
  dateSource: 'option' | 'document' | 'today';
}

export function resolveDate(text: string, opts: CheckOptions): { date: IsoDate; dateSource: CheckResult['dateSource'] } {
  if (opts.date) {
    if (!isValidIsoDate(opts.date)) throw new RangeError(`参考日期格式应为 YYYY-MM-DD：${opts.date}`);
    return { date: opts.date, dateSource: 'option' };
  }
  const doc = detectDocumentDate(text);
  if (doc) return { date: doc, dateSource: 'document' };
  return { date: opts.today ?? todayIso(), dateSource: 'today' };
}

/** Whether the automaton saw a directive or a URL: suppression then need not search the text. */
export function suppressionLiterals(dataset: Dataset, hits: Hits): { directive: boolean; url: boolean } {
  const present = { directive: false, url: false };
  for (let k = 0; k < hits.count; k++) {
    const role = dataset.owners[hits.pattern[k]].role;
    if (role === 'directive') present.directive = true;
    else if (role === 'url') present.url = true;
  }
  return present;
}

export function check(text: string, opts: CheckOptions = {}): CheckResult {
  const { date, dateSource } = resolveDate(text, opts);
  const dataset = opts.dataset ?? loadBuiltinDataset();
  const language = opts.language ?? 'plaintext';
  const doc = new TextDoc(text);
  // The text's units, the hits and the marks live in buffers kept between checks (no fresh pages
  // for a large text), and so do the findings until they are made as objects at the end; the
  // loan ends before the findings leave, and no finding refers to the buffers.
  const buffers = (opts.buffers ?? keptBuffers).lend();
  doc.lendCodes(buffers.units(text));
  const sink = buffers.sink;
  try {
    // The shared pass: every literal of the dataset (including what suppression looks for), and
    // where the punctuation marks stand.
    const { hits, marks } = dataset.matcher.scan(doc.codes, buffers.scan);
    doc.useMarks(marks);
    const ctx: RuleContext = { text, date, dataset, hits, language, doc, dateSource };
    const suppress = findSuppressions(text, language, doc, suppressionLiterals(dataset, hits));
    const anySuppression = suppress.file !== undefined || suppress.lines.size > 0 || suppress.excluded.length > 0;
    const kinds = opts.kinds ?? Object.keys(RULE_MODULES);
    for (const k of kinds) RULE_MODULES[k]?.(ctx, sink);
    const severity = opts.severity;
    const allowed = opts.allow?.length ? findAllowed(text, opts.allow, doc) : undefined;
    const anyAllowed = allowed !== undefined && allowed.length > 0;
    const keep: Keep | undefined =
      severity || anySuppression || sink.hasDefaultOff || anyAllowed
        ? (kind, s, start, end) => {
            // A rule that is off by default runs only when the settings name it.
            if (kind.defaultOff && severity?.[kind.ruleId] === undefined) return undefined;
            const override = severity?.[kind.ruleId] ?? severity?.[kind.category as Category];
            if (override === 'off') return undefined;
            if (anySuppression && isSuppressed(suppress, kind.ruleId, start, end, doc.lineIndexAt(start))) return undefined;
            if (anyAllowed && isAllowed(allowed, start, end)) return undefined;
            return override ?? s;
          }
        : undefined;
    return { findings: sink.toFindings(keep), date, dateSource };
  } finally {
    doc.endLoan();
    buffers.release();
  }
}

/** Above this many characters a document is checked in chunks (bounded memory and time per step). */
export const CHUNK_CHARS = 1_000_000;

/**
 * Checks a large text chunk by chunk, cutting at line breaks (or a sentence end on a huge line),
 * and hands each chunk's findings, with offsets into the whole text, to `onFindings`. Rules that
 * need the whole document (outline counts and numbering) see one chunk at a time.
 */
export function checkInChunks(
  text: string,
  opts: CheckOptions,
  onFindings: (findings: Finding[]) => void,
  chunkChars = CHUNK_CHARS,
): { date: IsoDate; dateSource: CheckResult['dateSource']; chunks: number } {
  const { date, dateSource } = resolveDate(text, opts);
  let pos = 0;
  let chunks = 0;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + chunkChars);
    if (end < text.length) {
      const floor = pos + Math.floor(chunkChars * 0.8);
      const nl = text.lastIndexOf('\n', end);
      const stop = text.lastIndexOf('。', end);
      if (nl >= floor) end = nl + 1;
      else if (stop >= floor) end = stop + 1;
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end--; // never split a surrogate pair
    }
    const base = pos;
    // The data-currency note is about the whole text: given once, with the first chunk.
    const kinds = chunks === 0 ? opts.kinds : (opts.kinds ?? Object.keys(RULE_MODULES)).filter((k) => k !== 'currency');
    const r = check(text.slice(pos, end), { ...opts, date, kinds });
    onFindings(
      r.findings.map((f) => ({
        ...f,
        start: f.start + base,
        end: f.end + base,
        fix: f.fix ? { ...f.fix, start: f.fix.start + base, end: f.fix.end + base } : undefined,
      })),
    );
    chunks++;
    pos = end;
  }
  return { date, dateSource, chunks };
}
