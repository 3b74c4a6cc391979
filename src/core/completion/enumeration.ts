/**
 * The next enumeration marker where it belongs: after a finished sentence in a paragraph whose
 * last marker was 一是 (or 一要, 第一, 首先 …) the next one (二是 …); at the start of a new paragraph
 * the next paragraph-level marker or heading number (一、 → 二、, （一） → （二）, 1. → 2.) found in
 * the previous paragraphs (`context`). Mined enumerations give how common each family is and how
 * long its series usually run; a series longer than the corpus ever saw ranks lower.
 */
import { formatMarker, isHeadingFamily, markersIn, matchHeadingAt, toChineseNumeral } from '../markers';
import type { Enumeration } from '../patterns';
import { STRUCTURE_BOOST, type Candidate } from './types';

interface Marker {
  /** Family as the miner names it: 一是 | 一要 | 第一 | 首先 | 一、 | （一） | 1. */
  family: string;
  n: number;
  /** Where it was found (offset in the searched text). */
  at: number;
}

/** Where an enumeration marker may stand inside a paragraph (besides its start): after a sentence or clause end. */
const INLINE_AFTER = '。；！？：:;!?';

/** Enumeration markers (一是, 二要, 第三, 其次…) at the paragraph start or after a sentence or clause end. */
function inlineMarkers(text: string): Marker[] {
  const found: Marker[] = [];
  for (const m of markersIn(text, INLINE_AFTER)) {
    if (isHeadingFamily(m.family) || m.family === '附件') continue;
    // 最后 (ordinal 0) closes a run: counted as the fourth word, after which nothing follows.
    found.push({ family: m.family, n: m.family === '首先' && m.ordinal === 0 ? 4 : m.ordinal, at: m.start });
  }
  return found;
}

/** The heading marker (一、 （一） 1.) that opens a paragraph. */
function headingMarker(par: string): Marker | undefined {
  const i = par.length - par.trimStart().length;
  const m = matchHeadingAt(par, i, true);
  if (!m || m.family === '（1）') return undefined;
  return { family: m.family, n: m.ordinal, at: 0 };
}

function render(family: string, n: number, sample?: string): string | undefined {
  switch (family) {
    case '一是':
    case '一要':
    case '一、':
      return formatMarker(family, n);
    case '第一':
      return formatMarker(family, n) + '，';
    case '首先':
      return n <= 2 ? '其次，' : n === 3 ? '再次，' : undefined;
    case '（一）':
      return sample && /^\s*\(/.test(sample) ? `(${toChineseNumeral(n)})` : formatMarker(family, n);
    case '1.': {
      const m = sample ? /^\s*[0-9]+([.．、])/.exec(sample) : null;
      return `${n}${m ? m[1] : '.'}`;
    }
  }
  return undefined;
}

/** A marker is short but its structure is certain: it ranks above a guess of similar expected saving. */
const ENUMERATION_BOOST = 2 * STRUCTURE_BOOST;

/** Body paragraphs between two items of a paragraph-level run (一是 …, its explanation, 二是 …). */
const RUN_GAP = 4;

const SENTENCE_DONE = /[。；！？;!?][”’）)]?\s*$/u;

export class EnumerationSource {
  /** Per family: total occurrences in the corpus and the longest series seen. */
  private readonly stats = new Map<string, { count: number; docs: number; longest: number }>();

  constructor(enumerations: readonly Enumeration[]) {
    for (const e of enumerations) {
      const s = this.stats.get(e.family) ?? { count: 0, docs: 0, longest: 0 };
      s.count += e.count;
      s.docs = Math.max(s.docs, e.docs);
      s.longest = Math.max(s.longest, e.length);
      this.stats.set(e.family, s);
    }
  }

  private candidate(family: string, n: number, strength: number, sample: string | undefined, out: Candidate[]): void {
    const insert = render(family, n, sample);
    if (!insert) return;
    const s = this.stats.get(family);
    const seen = s ? Math.log2(1 + s.count) + 0.5 * s.docs : 1;
    const longer = s && n > Math.max(s.longest, 3) ? 0.6 : 1;
    const detail = s ? `接续列举（语料中 ${s.count} 组${s.longest ? `，最长 ${s.longest} 项` : ''}）` : '接续列举';
    // how likely the marker comes next (it is the structure the drafter started)
    const prob = Math.min(0.95, (0.3 + 0.03 * seen) * strength * longer);
    out.push({ insert, label: insert, kind: 'enumeration', detail, prob, score: prob * insert.length * ENUMERATION_BOOST });
  }

  query(prefix: string, context: string[], out: Candidate[]): void {
    if (prefix.trim()) {
      // Inside a paragraph: only right after a finished sentence.
      if (!SENTENCE_DONE.test(prefix)) return;
      const ms = inlineMarkers(prefix);
      const last = ms[ms.length - 1];
      if (last) this.candidate(last.family, last.n + 1, 1.6, undefined, out);
      return;
    }
    // A new, empty paragraph: continue the paragraph-level enumeration or the heading numbering.
    // the paragraph-level run (一是 … 二是 … opening paragraphs): the last paragraph that opens
    // with such a marker, a few body paragraphs back at most, and not across a heading
    for (let i = context.length - 1, dist = 0; i >= 0 && dist < RUN_GAP; i--, dist++) {
      const par = context[i];
      if (headingMarker(par)) break;
      const startMarker = inlineMarkers(par).find((m) => par.slice(0, m.at).trim() === '');
      if (!startMarker) continue;
      this.candidate(startMarker.family, startMarker.n + 1, dist === 0 ? 1.5 : 1.5 / (1 + 0.5 * dist), undefined, out);
      break;
    }
    const seen = new Set<string>();
    for (let i = context.length - 1, dist = 0; i >= 0 && dist < 60; i--, dist++) {
      const h = headingMarker(context[i]);
      if (!h || seen.has(h.family)) continue;
      seen.add(h.family);
      // Right after the heading itself its body comes first; deeper levels seen later win over the outer one.
      const strength = (dist === 0 ? 0.35 : 1.1) / (1 + 0.3 * seen.size);
      this.candidate(h.family, h.n + 1, strength, context[i], out);
    }
  }
}
