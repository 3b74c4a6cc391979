/**
 * The next enumeration marker where it belongs: after a finished sentence in a paragraph whose
 * last marker was 一是 (or 一要, 第一, 首先 …) the next one (二是 …); at the start of a new paragraph
 * the next paragraph-level marker or heading number (一、 → 二、, （一） → （二）, 1. → 2.) found in
 * the previous paragraphs (`context`). Mined enumerations give how common each family is and how
 * long its series usually run; a series longer than the corpus ever saw ranks lower.
 */
import type { Enumeration } from '../patterns';
import type { Candidate } from './types';

const DIGITS = '一二三四五六七八九';

/** 1..99 as Chinese numerals (十, 十一, 二十一 …). */
export function cnNum(n: number): string {
  if (n < 10) return DIGITS[n - 1];
  const t = Math.floor(n / 10);
  const u = n % 10;
  return (t > 1 ? DIGITS[t - 1] : '') + '十' + (u ? DIGITS[u - 1] : '');
}

export function parseCn(s: string): number | undefined {
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || !s) return undefined;
  if (!m[2]) return m[1] && !m[3] ? DIGITS.indexOf(m[1]) + 1 : undefined;
  return (m[1] ? DIGITS.indexOf(m[1]) + 1 : 1) * 10 + (m[3] ? DIGITS.indexOf(m[3]) + 1 : 0);
}

interface Marker {
  /** Family as the miner names it: 一是 | 一要 | 第一 | 首先 | 一、 | （一） | 1. */
  family: string;
  n: number;
  /** Where it was found (offset in the searched text). */
  at: number;
}

const NUM = '[一二三四五六七八九十]{1,3}';
/** Markers inside a paragraph: after the paragraph start or a sentence end. */
const INLINE = new RegExp(`(?:^|[。；！？：:;!?\\s])(?:(${NUM})(是|要)|第(${NUM})[，,、]|(首先|其次|再次|最后)[，,])`, 'gu');
const SEQUENCE = ['首先', '其次', '再次', '最后'];
/** Heading markers at a paragraph start. */
const HEADING = new RegExp(`^\\s*(?:(${NUM})、|[（(](${NUM})[）)]|([0-9]{1,2})[.．、](?![0-9]))`, 'u');

function inlineMarkers(text: string): Marker[] {
  const found: Marker[] = [];
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
    if (m[1]) {
      const n = parseCn(m[1]);
      if (n) found.push({ family: '一' + m[2], n, at: m.index });
    } else if (m[3]) {
      const n = parseCn(m[3]);
      if (n) found.push({ family: '第一', n, at: m.index });
    } else if (m[4]) found.push({ family: '首先', n: SEQUENCE.indexOf(m[4]) + 1, at: m.index });
    INLINE.lastIndex = m.index + m[0].length;
  }
  return found;
}

function headingMarker(par: string): Marker | undefined {
  const m = HEADING.exec(par);
  if (!m) return undefined;
  if (m[1]) return { family: '一、', n: parseCn(m[1]) ?? 0, at: 0 };
  if (m[2]) return { family: '（一）', n: parseCn(m[2]) ?? 0, at: 0 };
  return { family: '1.', n: Number(m[3]), at: 0 };
}

function render(family: string, n: number, sample?: string): string | undefined {
  switch (family) {
    case '一是':
      return cnNum(n) + '是';
    case '一要':
      return cnNum(n) + '要';
    case '第一':
      return '第' + cnNum(n) + '，';
    case '首先':
      return n <= 2 ? '其次，' : n === 3 ? '再次，' : undefined;
    case '一、':
      return cnNum(n) + '、';
    case '（一）':
      return sample && /^\s*\(/.test(sample) ? `(${cnNum(n)})` : `（${cnNum(n)}）`;
    case '1.': {
      const m = sample ? /^\s*[0-9]+([.．、])/.exec(sample) : null;
      return `${n}${m ? m[1] : '.'}`;
    }
  }
  return undefined;
}

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
    out.push({ insert, label: insert, kind: 'enumeration', detail, score: (2 + seen) * strength * longer });
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
    const prev = context.length ? context[context.length - 1] : '';
    const startMarker = prev ? inlineMarkers(prev).find((m) => m.at === 0) : undefined;
    if (startMarker) this.candidate(startMarker.family, startMarker.n + 1, 1.5, undefined, out);
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
