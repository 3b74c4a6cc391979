/**
 * The completion engine: what may come after the cursor, from patterns mined out of the drafter's
 * own speeches (data/patterns.json) and the curated glossary. Every index is built in the
 * constructor; `complete` only looks up the end of the typed text, so a request costs a few dozen
 * map lookups plus a checker pass over the few suggestions it returns.
 */
import { foldQuotes } from '../context';
import type { Dataset } from '../dataset';
import { todayIso } from '../date';
import type { Patterns } from '../patterns';
import type { IsoDate } from '../types';
import { ContinuationIndex } from './continuation';
import { EnumerationSource } from './enumeration';
import { ExpansionSource } from './expansion';
import { WordingFilter } from './filter';
import { ParallelIndex } from './parallel';
import { type Candidate, type CompleteOptions, type Suggestion } from './types';

export interface CompleterOptions {
  /** Reference date for the outdated-wording filter (default today). */
  date?: IsoDate;
  /** Suggestions scoring below this are dropped (default 0). */
  minScore?: number;
}

/** How much of the typed text the filter sees before an insert. */
const CHECK_TAIL = 24;
/** How many previous paragraphs matter for enumerations and headings. */
const CONTEXT_PARAGRAPHS = 80;

export class Completer {
  private readonly cont = new ContinuationIndex();
  private readonly parallels: ParallelIndex;
  private readonly enums: EnumerationSource;
  private readonly expansions: ExpansionSource;
  private readonly filter: WordingFilter;
  private readonly minScore: number;

  constructor(patterns: Patterns, dataset: Dataset, opts: CompleterOptions = {}) {
    this.filter = new WordingFilter(dataset, opts.date ?? todayIso());
    this.minScore = opts.minScore ?? 0;
    const ok = (s: string) => this.filter.ok(s);
    for (const p of patterns.phrases) if (p.text.length > MIN_PHRASE && ok(p.text)) this.cont.addPhrase(p.text, p.count, p.docs);
    for (const p of [...patterns.openings, ...patterns.closings]) {
      if (p.text.length > MIN_PHRASE && !p.text.includes('…') && ok(p.text)) this.cont.addPhrase(p.text, p.count, p.docs);
    }
    for (const c of patterns.collocations) {
      if (c.head.length >= 2 && c.next && ok(c.head + c.next)) this.cont.addNext(c.head, c.next, c.count, c.docs);
    }
    const glossary = dataset.glossary;
    for (const e of glossary.entries) {
      if (e.status === 'historical') continue;
      // The term itself and its canonical wording, completed like a phrase (low evidence: the corpus did not say it).
      for (const t of [e.term, e.canonical ?? '']) if (t.length >= 4 && ok(t)) this.cont.addPhrase(t, 1, 1, 'phrase', '固定提法（词表）');
      for (const col of e.collocations) {
        if (!ok(col)) continue;
        const split = splitCollocation(col, [e.term, ...(e.aliases ?? [])]);
        if (split) this.cont.addNext(split.head, split.next, 3, 2, 'collocation', '规范搭配（词表）');
        else this.cont.addPhrase(col, 3, 2, 'collocation', '规范搭配（词表）');
      }
    }
    this.parallels = new ParallelIndex(patterns.parallels);
    this.enums = new EnumerationSource(patterns.enumerations);
    this.expansions = new ExpansionSource(patterns.concepts, glossary);
  }

  complete(prefix: string, opts: CompleteOptions = {}): Suggestion[] {
    const limit = opts.limit ?? 5;
    if (limit <= 0) return [];
    const folded = foldQuotes(prefix);
    const tail = prefix.slice(-CHECK_TAIL);
    const cands: Candidate[] = [];
    if (prefix) {
      this.cont.query(folded, tail, cands);
      this.parallels.query(prefix, cands);
      this.expansions.query(folded, cands);
    }
    this.enums.query(prefix, prefix.trim() ? [] : contextParagraphs(opts.context), cands);

    // Best score per insert text; agreement of several sources adds a little.
    const best = new Map<string, Candidate>();
    for (const c of cands) {
      if (!c.insert.trim() || c.score < this.minScore) continue;
      if (prefix.endsWith(c.insert) || folded.endsWith(foldQuotes(c.insert))) continue; // would repeat what was just typed
      const prev = best.get(c.insert);
      if (!prev) best.set(c.insert, { ...c });
      else if (c.score > prev.score) best.set(c.insert, { ...c, score: c.score + 0.1 * prev.score });
      else prev.score += 0.1 * c.score;
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || b.insert.length - a.insert.length || (a.insert < b.insert ? -1 : 1));
    const out: Suggestion[] = [];
    for (const c of ranked) {
      if (out.length >= limit) break;
      const text = c.checkText ?? tail + c.insert;
      if (!this.filter.ok(text, text.length - c.insert.length)) continue;
      out.push({ insert: c.insert, label: c.label, kind: c.kind, detail: c.detail, score: Math.round(c.score * 1000) / 1000 });
    }
    return out;
  }
}

/** Phrases shorter than this are not worth completing. */
const MIN_PHRASE = 2;

/** 增强“四个意识” → head 增强, next “四个意识”; undefined when the term is not inside. */
export function splitCollocation(col: string, names: string[]): { head: string; next: string } | undefined {
  const f = foldQuotes(col);
  for (const n of names) {
    const i = f.indexOf(foldQuotes(n));
    if (i <= 0) continue;
    let start = i;
    while (start > 0 && (f[start - 1] === '"' || f[start - 1] === "'")) start--;
    if (start < 1) continue;
    return { head: col.slice(0, start), next: col.slice(start) };
  }
  return undefined;
}

function contextParagraphs(ctx: CompleteOptions['context']): string[] {
  if (!ctx) return [];
  const list = typeof ctx === 'string' ? ctx.split(/\r\n|\r|\n/) : ctx.flatMap((p) => p.split(/\r\n|\r|\n/));
  const pars = list.filter((p) => p.trim());
  return pars.slice(-CONTEXT_PARAGRAPHS);
}
