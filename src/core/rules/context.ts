import type { Hits } from '../ahocorasick';
import type { Dataset } from '../dataset';
import type { TextDoc } from '../text';
import type { IsoDate } from '../types';

/**
 * What every rule module gets: the text, the date and the literal hits. Literals are matched with
 * quotes folded (“ as "); compare around a hit with `startsWithFolded` and `foldCode`.
 */
export interface RuleContext {
  text: string;
  /** Reference date: the check runs as of this day. */
  date: IsoDate;
  dataset: Dataset;
  /** All hits of the dataset's literal automaton in `text` (quotes folded), by end position. */
  hits: Hits;
  language: 'markdown' | 'plaintext';
  /** Line index of `text`. */
  doc: TextDoc;
  /** Where `date` came from: an option, the draft's own date line, or the clock. */
  dateSource?: 'option' | 'document' | 'today';
}

/** 2016-10-27 → 2016年10月27日 (the precision the rule gave). */
export function sinceCn(since: string): string {
  const [y, m, d] = since.split('-');
  return `${y}年${m ? `${+m}月` : ''}${d ? `${+d}日` : ''}`;
}
