/**
 * The glossary of fixed phrases (两个维护, 四个意识 …): lookup by term or alias, and the term
 * under a cursor, for hover, `gongwen explain` and completion.
 */
import { AhoCorasick } from './ahocorasick';
import { foldQuotes } from './context';
import type { GlossaryEntry } from './model';

export interface TermHit {
  entry: GlossaryEntry;
  /** Offsets of the term as written (without surrounding quotes). */
  start: number;
  end: number;
}

export class Glossary {
  readonly entries: readonly GlossaryEntry[];
  private readonly byName = new Map<string, GlossaryEntry>();
  private names: string[] = [];
  private matcher?: AhoCorasick;

  constructor(entries: readonly GlossaryEntry[]) {
    this.entries = entries;
    for (const e of entries) {
      for (const n of [e.term, ...(e.aliases ?? [])]) {
        const key = normalizeTerm(n);
        if (!this.byName.has(key)) {
          this.byName.set(key, e);
          this.names.push(key);
        }
      }
    }
  }

  lookup(term: string): GlossaryEntry | undefined {
    return this.byName.get(normalizeTerm(term));
  }

  /** Entries whose term or alias contains `query` (for a fuzzy `explain`). */
  search(query: string): GlossaryEntry[] {
    const q = normalizeTerm(query);
    if (!q) return [];
    const found = new Set<GlossaryEntry>();
    for (const [name, e] of this.byName) if (name.includes(q) || q.includes(name)) found.add(e);
    return [...found];
  }

  /** Every occurrence of a glossary term in `text`, longest first where they overlap. */
  findAll(text: string): TermHit[] {
    this.matcher ??= new AhoCorasick(this.names);
    const hits = this.matcher.findAll(foldQuotes(text)).map((m) => ({
      entry: this.byName.get(this.names[m.pattern])!,
      start: m.start,
      end: m.end,
    }));
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: TermHit[] = [];
    let until = -1;
    for (const h of hits) {
      if (h.start >= until) {
        kept.push(h);
        until = h.end;
      }
    }
    return kept;
  }

  /** The glossary term covering `offset` in `text`, if any. Scans only the line around it. */
  termAt(text: string, offset: number): TermHit | undefined {
    let ls = offset;
    while (ls > 0 && text[ls - 1] !== '\n' && offset - ls < 200) ls--;
    let le = offset;
    while (le < text.length && text[le] !== '\n' && le - offset < 200) le++;
    for (const h of this.findAll(text.slice(ls, le))) {
      const start = h.start + ls;
      const end = h.end + ls;
      if (start <= offset && offset <= end) return { entry: h.entry, start, end };
    }
    return undefined;
  }
}

/** Terms are compared without quotes and surrounding space: “四个意识” = "四个意识" = 四个意识. */
export function normalizeTerm(s: string): string {
  return foldQuotes(s).replace(/["'\s　]/g, '');
}
