/**
 * Structure detectors that work on cleaned lines: parallels (排比), enumerations (一是/二是…),
 * numbered concepts and their expansions, heading templates, openings and closings.
 * Each returns plain findings; the miner counts them.
 */

import { CN_NUMERAL_CLASS, markersIn, parseNumeral } from '../core/markers';

const HAN = /^[\u3400-\u9fff]+$/;

export function splitSentences(line: string): string[] {
  return line.split(/(?<=[。！？；!?;])/).map((s) => s.trim()).filter(Boolean);
}

function commonPrefix(items: string[]): number {
  let n = 0;
  const min = Math.min(...items.map((s) => s.length));
  while (n < min && items.every((s) => s[n] === items[0][n])) n++;
  return n;
}

function commonSuffix(items: string[]): number {
  let n = 0;
  const min = Math.min(...items.map((s) => s.length));
  while (n < min && items.every((s) => s[s.length - 1 - n] === items[0][items[0].length - 1 - n])) n++;
  return n;
}

export interface ParallelFinding {
  template: string;
  items: string[];
  separator: string;
}

const CHEAP_AFFIX = /^[的了和与及等在是对把将要不也都就而并或之其这那一有着]$/;

/**
 * Find parallels among separated items: a run of ≥2 adjacent items sharing a prefix or a suffix
 * (≥1 character, ≥2 for clause-level runs). Items at the run's edges that carry context (the first
 * item of 推动…思想往深里走) are trimmed to the length of their siblings.
 */
export function findParallels(sentence: string): ParallelFinding[] {
  const out: ParallelFinding[] = [];
  const clauses = sentence.replace(/[。！？；!?;]$/, '').split(/[，：]/);
  // 、-separated items inside each clause
  for (const clause of clauses) {
    const items = clause.split('、');
    if (items.length >= 2) out.push(...runs(items, '、', 1, 2));
  }
  // clause-level parallels: ，-separated clauses of similar shape
  if (clauses.length >= 3) out.push(...runs(clauses, '，', 2, 3));
  return out;
}

function runs(rawItems: string[], sep: string, minAffix: number, minItems: number): ParallelFinding[] {
  const out: ParallelFinding[] = [];
  const items = rawItems.map((s) => s.trim());
  let i = 0;
  while (i < items.length - 1) {
    let best: { end: number; mode: 'p' | 's' } | undefined;
    for (const mode of ['p', 's'] as const) {
      let end = i + 1;
      const aff = mode === 'p' ? commonPrefix : commonSuffix;
      // the first item may carry leading context: compare using its tail of sibling length
      while (end < items.length) {
        const seg = items.slice(i, end + 1);
        const maxLen = Math.max(...seg.slice(1).map((s) => s.length));
        const first = seg[0].length > maxLen + 1 ? seg[0].slice(seg[0].length - maxLen) : seg[0];
        const norm = [mode === 's' ? first : seg[0], ...seg.slice(1)];
        if (norm.some((s) => !HAN.test(s) || s.length < 2 || s.length > 14)) break;
        if (aff(norm) < minAffix) break;
        end++;
      }
      end--;
      if (end > i && (!best || end > best.end)) best = { end, mode };
    }
    if (!best || best.end - i + 1 < minItems) {
      i++;
      continue;
    }
    const seg = items.slice(i, best.end + 1);
    const others = seg.slice(1);
    const maxLen = Math.max(...others.map((s) => s.length));
    if (seg[0].length > maxLen) seg[0] = seg[0].slice(seg[0].length - maxLen);
    // the item after the run may carry trailing context after the shared suffix (…软化的具体表现)
    const suffixLen = commonSuffix(seg);
    if (best.mode === 's' && best.end + 1 < items.length && suffixLen >= 1) {
      const suf = seg[0].slice(seg[0].length - suffixLen);
      const nxt = items[best.end + 1];
      const at = nxt.indexOf(suf);
      if (at > 0 && at + suffixLen <= maxLen + 1 && HAN.test(nxt.slice(0, at + suffixLen))) seg.push(nxt.slice(0, at + suffixLen));
    }
    const p = commonPrefix(seg);
    const s = commonSuffix(seg);
    const minLen = Math.min(...seg.map((x) => x.length));
    const pre = seg[0].slice(0, p);
    let suf = s > 0 ? seg[0].slice(seg[0].length - s) : '';
    if (p + s >= minLen) suf = suf.slice(p + s - minLen + 1);
    const affix = pre + suf;
    const distinct = new Set(seg).size === seg.length;
    if (distinct && affix.length >= minAffix && !(affix.length === 1 && CHEAP_AFFIX.test(affix))) {
      out.push({ template: `${pre}*${suf}`, items: seg, separator: sep });
    }
    i = best.end + 1;
  }
  return out;
}

export interface EnumMarker {
  family: string;
  ordinal: number;
  /** Index in the document's marker stream order. */
  line: number;
}

const NUM = CN_NUMERAL_CLASS;
/** The families counted, in the order their runs are listed; 首先 (首先…其次…最后) last. */
const FAMILIES = ['一是', '一要', '一、', '（一）', '第一', '1.', '（1）', '首先'];

/**
 * Enumeration runs in a document: family and length, with the line of the first item. Markers
 * as src/core/markers.ts reads them, at a line start or after 。；！？：, and 一是/一要 also after ，.
 */
export function findEnumerations(lines: { text: string; line: number }[]): { family: string; length: number; line: number }[] {
  const byFamily = new Map<string, Array<{ ordinal: number; line: number }>>(FAMILIES.map((f) => [f, []]));
  for (const l of lines) {
    for (const m of markersIn(l.text, '。；！？：，')) {
      if (m.after === '，' && m.family !== '一是' && m.family !== '一要') continue;
      byFamily.get(m.family)?.push({ ordinal: m.ordinal, line: l.line });
    }
  }
  const out: { family: string; length: number; line: number }[] = [];
  for (const [family, items] of byFamily) {
    let cur: { length: number; line: number } | undefined;
    for (const { ordinal, line } of items) {
      if (ordinal === 1) {
        if (cur && cur.length >= 2) out.push({ family, ...cur });
        cur = { length: 1, line };
      } else if (cur && (family === '首先' || ordinal === cur.length + 1)) {
        cur.length++;
      }
    }
    if (cur && cur.length >= 2) out.push({ family, ...cur });
  }
  return out;
}

export interface ConceptFinding {
  text: string;
  expansion: string[];
}

/**
 * Numbered concepts (“三个表率”, “五对关系”, 四强) and quoted short terms, with the list that spells
 * them out when it stands right next to the term: N items before “五对关系” or after “三个表率”：,
 * or (unnumbered “灯下黑”) a parallel list that follows in the same sentence.
 */
export function findConcepts(sentence: string): ConceptFinding[] {
  const out: ConceptFinding[] = [];
  const numbered = new RegExp(`^(${NUM}{1,2}|两)(个|项|条|种|对|大|张|支|型|基)?[\\u4e00-\\u9fff]{1,6}$`);
  for (const m of sentence.matchAll(/“([^“”]{2,8})”/g)) {
    const term = m[1];
    if (!HAN.test(term.replace(/、/g, ''))) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const nm = numbered.exec(term.split('、')[0]);
    if (nm) {
      const n = parseNumeral(nm[1]);
      let expansion: string[] = [];
      if (n && n >= 2) {
        // list before: …A、B、C“三种X”
        const before = sentence.slice(0, start).replace(/(等|的|这|即)$/, '');
        const bItems = before.split(/[，：；。]/).pop()!.split('、');
        if (bItems.length === n) expansion = trimFirst(bItems);
        // list after: “三个表率”：A、B、C / 即A、B、C
        if (!expansion.length) {
          const after = sentence.slice(end).replace(/^(，?即|：|，就是|就是|，也就是)/, '');
          if (after !== sentence.slice(end)) {
            const aItems = after.split(/[，。；]/)[0].split('、');
            if (aItems.length === n) expansion = aItems;
          }
        }
      }
      if (expansion.some((x) => !HAN.test(x) || x.length > 14)) expansion = [];
      out.push({ text: term, expansion });
      continue;
    }
    // unnumbered quoted term followed by a parallel list in the same sentence
    const tail = sentence.slice(end, end + 60);
    const pars = findParallels(tail).filter((p) => p.separator === '、' && p.items.length >= 3);
    if (pars.length && tail.indexOf(pars[0].items[0]) <= 16) out.push({ text: term, expansion: pars[0].items });
  }
  return out;
}

function trimFirst(items: string[]): string[] {
  const others = items.slice(1).map((s) => s.length).sort((a, b) => a - b);
  const median = others[Math.floor((others.length - 1) / 2)];
  const first = items[0];
  return [first.length > median + 1 ? first.slice(first.length - median) : first, ...items.slice(1)];
}

/** Strip an outline marker from a heading. */
export function stripMarker(s: string): string {
  return s.replace(new RegExp(`^(${NUM}{1,2}[、是要]|[（(]${NUM}{1,2}[）)]|第${NUM}{1,2}[，、：]?|\\d{1,2}[、.．])`), '');
}

/** Heading candidates of a document: short lines and the first clause of each paragraph. */
export function headingCandidates(lines: { text: string; line: number }[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const l of lines) {
    const short = l.text.length <= 40 && !/[。！？]$/.test(l.text);
    const head = short ? l.text : l.text.split(/[，。；：！？]/)[0];
    const h = stripMarker(head).replace(/[，。；：]$/, '');
    if (h.length >= 4 && h.length <= 30) out.push({ text: h, line: l.line });
  }
  return out;
}

/** Heading templates shared by ≥2 sibling headings: a common prefix and suffix around a varying middle. */
export function findSectionTemplates(heads: { text: string; line: number }[]): { template: string; instances: { text: string; line: number }[] }[] {
  const groups = new Map<string, { text: string; line: number }[]>();
  // Only headings sharing their first and last character can share a prefix and a suffix: compare
  // within those buckets (in document order), not every pair of the document.
  const buckets = new Map<string, number[]>();
  heads.forEach((h, i) => {
    const k = h.text[0] + h.text[h.text.length - 1];
    const b = buckets.get(k);
    if (b) b.push(i);
    else buckets.set(k, [i]);
  });
  const pairs: [number, number][] = [];
  for (const b of buckets.values()) for (let x = 0; x < b.length; x++) for (let y = x + 1; y < b.length; y++) pairs.push([b[x], b[y]]);
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [i, j] of pairs) {
    const a = heads[i].text;
    const b = heads[j].text;
    if (a === b) continue;
    const p = commonPrefix([a, b]);
    let s = commonSuffix([a, b]);
    const min = Math.min(a.length, b.length);
    if (p + s >= min) s = Math.max(0, min - p - 1);
    if (p < 1 || s < 1 || p + s < 4) continue;
    if (!HAN.test(a.slice(0, p)) || !HAN.test(a.slice(a.length - s))) continue;
    const key = `${a.slice(0, p)}…${a.slice(a.length - s)}`;
    const g = groups.get(key) ?? [];
    for (const h of [heads[i], heads[j]]) if (!g.some((x) => x.text === h.text)) g.push(h);
    groups.set(key, g);
  }
  const out = [...groups].map(([template, instances]) => ({ template, instances: instances.sort((x, y) => x.line - y.line) }));
  // keep the most specific template for each set of instances
  return out.filter((t) => !out.some((o) => o !== t && o.template.length > t.template.length && t.instances.every((x) => o.instances.some((y) => y.text === x.text))));
}

/** Opening formulas in the first lines and announcements of the speech's parts (下面，我讲三点意见). */
export function findOpenings(lines: { text: string; line: number }[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const l of lines.slice(0, 4)) {
    if (/^[\u4e00-\u9fff]{2,8}[：:]$/.test(l.text)) out.push({ text: l.text.replace(':', '：'), line: l.line });
  }
  for (const l of lines) {
    for (const s of splitSentences(l.text)) {
      const m = /(下面|今天|这里)[^。]{0,60}?[讲谈说提]([一二三四五六七八九十几两])(点|个方面|条)([\u4e00-\u9fff]{0,4}?)(意见|看法|体会|要求)?[。：]/.exec(s);
      if (m) {
        const lead = m[1];
        const verb = s.slice(m.index).match(/[讲谈说提][一二三四五六七八九十几两](点|个方面|条)[\u4e00-\u9fff]{0,6}/)![0];
        const between = s.slice(m.index + lead.length, s.indexOf(verb, m.index));
        const text = between.replace(/^，/, '').length <= 3 ? `${lead}，${between.replace(/^，/, '')}${verb}` : `${lead}，……${verb}`;
        out.push({ text, line: l.line });
      }
    }
  }
  return out;
}

/** Closing formulas in the last paragraphs (同志们，让我们…). */
export function findClosings(lines: { text: string; line: number }[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const l of lines.slice(-2)) {
    for (const s of splitSentences(l.text)) {
      const m = /^((?:同志们|各位同志)[，！]?)?[^。]{0,20}?让我们/.exec(s);
      if (m) {
        const clauses = s.replace(/[。！]$/, '').split('，');
        const k = clauses.findIndex((c) => /让我们/.test(c));
        out.push({ text: clauses.slice(0, k + 1).join('，'), line: l.line });
      } else if (/^同志们[，！]/.test(s)) {
        out.push({ text: s.split('，').slice(0, 2).join('，').replace(/[。！]$/, ''), line: l.line });
      }
    }
  }
  return out;
}
