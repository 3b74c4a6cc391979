/**
 * Rest of a phrase being typed, and the phrase that usually comes next: one index from every
 * proper prefix of a known string to what completes it. Mined phrases (学懂弄通做实), mined
 * collocations (做到 → “两个维护”, also once part of the next phrase is typed) and the glossary's
 * standard collocations (增强“四个意识”) all go in; a query looks up the suffixes of the typed text,
 * longest first, so it costs one map lookup per possible key length.
 */
import { foldQuotes } from '../context';
import { corpusDetail, evidence, type Candidate, type SuggestionKind } from './types';

interface Entry {
  /** Folded (quotes straightened) whole text: typed part + completion. */
  whole: string;
  /** The whole text as written (curly quotes kept). */
  written: string;
  kind: SuggestionKind;
  /** Where the completion starts within `whole` is the key length; `minKey` is the shortest key. */
  base: number;
  detail: string;
  /** Length of the "head" for next/collocation (the completion of the head alone is not this entry's job). */
  head: number;
}

/** Shortest typed part a phrase completion needs (one character matches too much). */
export const MIN_KEY = 2;

export class ContinuationIndex {
  private readonly byKey = new Map<string, Entry[]>();
  private maxKey = 0;

  /** A phrase: completed once at least MIN_KEY characters of it are typed. */
  addPhrase(text: string, count: number, docs: number, kind: SuggestionKind = 'phrase', detail?: string): void {
    this.add({ whole: foldQuotes(text), written: text, kind, base: evidence(count, docs), detail: detail ?? corpusDetail(count, docs), head: 0 });
  }

  /** `next` follows `head`: suggested once the whole head (and maybe part of next) is typed. */
  addNext(head: string, next: string, count: number, docs: number, kind: SuggestionKind = 'next', detail?: string): void {
    const written = head + next;
    this.add({ whole: foldQuotes(written), written, kind, base: evidence(count, docs), detail: detail ?? corpusDetail(count, docs), head: head.length });
  }

  private add(e: Entry): void {
    const from = Math.max(MIN_KEY, e.head);
    for (let k = from; k < e.whole.length; k++) {
      const key = e.whole.slice(0, k);
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      const dup = list.find((x) => x.whole === e.whole && x.kind === e.kind);
      if (dup) {
        if (e.base > dup.base) Object.assign(dup, e);
      } else list.push(e);
      if (k > this.maxKey) this.maxKey = k;
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Candidates completing a suffix of `folded` (the typed text with quotes folded). */
  query(folded: string, tailForCheck: string, out: Candidate[]): void {
    const longest = Math.min(this.maxKey, folded.length);
    for (let L = longest; L >= MIN_KEY; L--) {
      const list = this.byKey.get(folded.slice(folded.length - L));
      if (!list) continue;
      for (const e of list) {
        const insert = e.written.slice(L);
        if (!insert) continue;
        // A key that starts inside a word of the typed text is weaker evidence than one that starts a clause.
        const startsClause = L === folded.length || /[\s，。、；：！？,.;:!?（）()“”"'《》]/.test(folded[folded.length - L - 1]);
        const typed = Math.min(L, 8);
        const score = e.base * (0.55 + 0.1 * typed) * (startsClause ? 1.15 : 1) * KIND_WEIGHT[e.kind] * (1 + 0.04 * Math.min(insert.length, 10));
        out.push({
          insert,
          label: e.written,
          kind: e.kind,
          detail: e.detail,
          score,
          checkText: tailForCheck + insert,
        });
      }
    }
  }
}

const KIND_WEIGHT: Record<SuggestionKind, number> = {
  phrase: 1,
  next: 1,
  collocation: 0.9,
  parallel: 1,
  enumeration: 1,
  expansion: 0.5,
};
