/**
 * The expansion of a numbered concept right after it is typed: “四个意识” →
 * （政治意识、大局意识、核心意识、看齐意识）. Items come from the glossary (canonical wording) and
 * from concepts the corpus spells out; ranked below the other sources, since most speeches do
 * not expand a well-known concept.
 */
import { foldQuotes } from '../context';
import type { Glossary } from '../glossary';
import type { Concept } from '../patterns';
import { corpusDetail, evidence, type Candidate } from './types';

interface Expansion {
  items: string[];
  score: number;
  detail: string;
}

export class ExpansionSource {
  private readonly byTerm = new Map<string, Expansion>();
  private maxTerm = 0;

  constructor(concepts: readonly Concept[], glossary: Glossary | undefined) {
    for (const c of concepts) {
      if (c.expansion.length < 2 || c.text.length < 2) continue;
      this.put(c.text, { items: c.expansion, score: evidence(c.count, c.docs), detail: `展开（${corpusDetail(c.count, c.docs)}）` });
    }
    // The glossary's wording wins over the corpus's: it is the canonical one.
    for (const e of glossary?.entries ?? []) {
      if (e.status === 'historical' || e.expansion.length < 2) continue;
      const ex = { items: e.expansion, score: evidence(4, 2), detail: '展开（词表）' };
      for (const name of [e.term, ...(e.aliases ?? [])]) this.put(name, ex, true);
    }
  }

  private put(term: string, ex: Expansion, override = false): void {
    const key = foldQuotes(term).replace(/["']/g, '');
    if (!override && this.byTerm.has(key)) return;
    this.byTerm.set(key, ex);
    this.maxTerm = Math.max(this.maxTerm, key.length);
  }

  query(folded: string, out: Candidate[]): void {
    // The concept must end the typed text, either quoted (“四个意识”) or bare.
    let end = folded.length;
    const quoted = folded.endsWith('"');
    if (quoted) end--;
    for (let L = Math.min(this.maxTerm, end); L >= 2; L--) {
      const term = folded.slice(end - L, end);
      const ex = this.byTerm.get(term);
      if (!ex) continue;
      const before = folded[end - L - 1];
      if (quoted !== (before === '"')) continue; // half-quoted: the term is not finished
      const insert = `（${ex.items.join('、')}）`;
      // most speeches do not spell a well-known concept out: a low probability, counted on a short length
      const prob = Math.min(0.3, 0.1 + 0.02 * ex.score);
      out.push({ insert, label: term + insert, kind: 'expansion', detail: ex.detail, prob, score: prob * Math.min(insert.length, 6), checkText: insert });
      return;
    }
  }
}
