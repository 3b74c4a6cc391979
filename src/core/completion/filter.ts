/**
 * Keeps outdated and non-standard wording out of the suggestions: a candidate is checked together
 * with the typed text before it (so 以习近平同志为 + 总书记的党中央 is caught whole) by the same
 * checker the drafter sees, and dropped when a finding of category outdated/nonstandard touches the
 * inserted part. Results are cached: the same tail + insert recurs keystroke after keystroke.
 */
import { check } from '../check';
import type { Dataset } from '../dataset';
import type { IsoDate } from '../types';

const CACHE_LIMIT = 5000;

export class WordingFilter {
  private readonly cache = new Map<string, boolean>();

  constructor(
    private readonly dataset: Dataset,
    private readonly date: IsoDate,
  ) {}

  /** Whether `text` (typed context + insert) is acceptable where the insert starts at `insertAt`. */
  ok(text: string, insertAt = 0): boolean {
    const key = insertAt + '\u0000' + text;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let good = true;
    try {
      const { findings } = check(text, { dataset: this.dataset, date: this.date, kinds: ['formulation', 'collocation', 'misquote'] });
      good = !findings.some((f) => (f.category === 'outdated' || f.category === 'nonstandard') && f.end > insertAt);
    } catch {
      good = true;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, good);
    return good;
  }
}
