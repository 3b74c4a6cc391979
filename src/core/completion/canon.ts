/**
 * The canon: fixed formulations a drafter types every day (坚持以习近平新时代中国特色社会主义思想为
 * 指导), completed from their first few characters and ranked above corpus fragments. Entries come
 * from data/canon.json (curated, each with a source and the dates it holds), the glossary's
 * canonical wordings, terms and standard collocations, and the rules' replacements (the right
 * wording a rule points to). An entry outdated at the reference date is never offered.
 *
 * A key is a piece of an entry that starts where a word of the entry starts (its beginning, or a
 * later word when at least four characters are typed), and it must also start at a word boundary
 * of the typed text: 家… is never read inside 国家.
 */
import { foldQuotes } from '../context';
import type { Dataset } from '../dataset';
import { sinceToIso } from '../date';
import type { IsoDate } from '../types';
import type { Candidate } from './types';

export interface CanonEntry {
  /** A whole standard formulation. */
  text: string;
  source: string;
  /** First day it holds (YYYY, YYYY-MM or YYYY-MM-DD). */
  since?: string;
  /** First day it no longer holds. */
  until?: string;
  topic?: string;
}

export interface CanonFile {
  $schema?: string;
  entries: CanonEntry[];
}

/** Problem of a parsed canon file, in Chinese, or undefined. */
export function canonProblem(j: unknown): string | undefined {
  if (!j || typeof j !== 'object' || Array.isArray(j)) return '格式不符：顶层应为对象（含 entries 数组）';
  const entries = (j as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return '格式不符：缺少数组字段 “entries”';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Record<string, unknown>;
    if (!e || typeof e !== 'object') return `格式不符：/entries/${i} 应为对象`;
    if (typeof e.text !== 'string' || !e.text) return `格式不符：/entries/${i}/text 应为非空字符串`;
    if (typeof e.source !== 'string') return `格式不符：/entries/${i}/source 应为字符串`;
    for (const k of ['since', 'until'] as const) {
      if (e[k] !== undefined && (typeof e[k] !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(e[k] as string))) return `格式不符：/entries/${i}/${k} 应为 YYYY、YYYY-MM 或 YYYY-MM-DD`;
    }
  }
  return undefined;
}

/** Where a formulation comes from (shown in the suggestion's detail). */
type Origin = 'canon' | 'glossary' | 'rule';

interface Formulation {
  text: string;
  /** The quote-folded text keys are cut from. */
  folded: string;
  origin: Origin;
  detail: string;
  /** Offsets where a word of the formulation starts (0 first). */
  starts: number[];
}

interface Key {
  f: Formulation;
  /** Where the key starts in the formulation. */
  at: number;
}

/** Shortest key at the start of a formulation, and at a later word of it. */
const MIN_KEY = 2;
const MIN_INNER_KEY = 4;
/** A formulation counts as this many occurrences of its key followed by it (see CanonIndex.query). */
const CANON_COUNT = 0.5;
/** Share of the expected saving a canon continuation gets over the model's (it is the standard wording). */
export const CANON_BOOST = 1.5;

/** Is `since`/`until` of an entry satisfied at `date`? Partial dates read conservatively. */
function holdsAt(e: { since?: string; until?: string }, date: IsoDate): boolean {
  if (e.since && date < conservative(e.since)) return false;
  if (e.until && date >= sinceToIso(e.until)) return false;
  return true;
}

/** YYYY → next Jan 1, YYYY-MM → first day of the next month (a partial date is read late). */
function conservative(since: string): IsoDate {
  if (/^\d{4}$/.test(since)) return `${Number(since) + 1}-01-01`;
  const m = /^(\d{4})-(\d{2})$/.exec(since);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  }
  return since;
}

/** Word starts of a formulation: where `wordStarts` (the model's segmenter) says, at least 0. */
export type WordStarts = (text: string) => number[];

export class CanonIndex {
  private readonly byKey = new Map<string, Key[]>();
  private maxKey = 0;
  readonly size: number;
  /** The formulations' words, for the segmenter (so the typed text splits where they do). */
  readonly terms = new Set<string>();

  constructor(entries: readonly CanonEntry[], dataset: Dataset | undefined, date: IsoDate, wordStarts: WordStarts, ok: (text: string) => boolean = () => true) {
    const list: Formulation[] = [];
    const seen = new Set<string>();
    const add = (text: string, origin: Origin, detail: string) => {
      const t = text.trim();
      if (t.length < 4 || seen.has(t) || !/[\u3400-\u9fff]/.test(t) || !ok(t)) return;
      seen.add(t);
      const folded = foldQuotes(t);
      const starts = [...new Set([0, ...wordStarts(folded)])].filter((s) => s >= 0 && s < folded.length).sort((a, b) => a - b);
      list.push({ text: t, folded, origin, detail, starts });
    };
    for (const e of entries) if (holdsAt(e, date)) add(e.text, 'canon', `规范提法 · ${shortSource(e.source)}`);
    for (const g of dataset?.glossary.entries ?? []) {
      if (g.status === 'historical' || (g.since && date < conservative(g.since))) continue;
      if (g.canonical) add(g.canonical, 'glossary', `规范表述（词表：${g.term}）`);
      for (const c of g.collocations) add(c, 'glossary', `规范搭配（词表：${g.term}）`);
      add(g.term, 'glossary', '固定提法（词表）');
    }
    for (const r of dataset?.rules ?? []) {
      for (const rep of ruleReplacements(r.entry as unknown as Record<string, unknown>, date)) add(rep, 'rule', `规范写法（规则 ${r.entry.id}）`);
    }
    for (const f of list) {
      for (const at of f.starts) {
        const min = at === 0 ? MIN_KEY : MIN_INNER_KEY;
        if (f.folded.length - at <= min) continue;
        for (let k = at + min; k < f.folded.length; k++) {
          const key = f.folded.slice(at, k);
          let l = this.byKey.get(key);
          if (!l) this.byKey.set(key, (l = []));
          if (!l.some((x) => x.f.folded === f.folded && x.at === at)) l.push({ f, at });
          if (key.length > this.maxKey) this.maxKey = key.length;
        }
      }
      for (let i = 0; i < f.starts.length; i++) {
        const a = f.starts[i];
        const b = i + 1 < f.starts.length ? f.starts[i + 1] : f.folded.length;
        const w = f.folded.slice(a, b);
        if (w.length >= 2) this.terms.add(w);
      }
    }
    this.size = list.length;
    this.list = list;
  }

  private readonly list: Formulation[];

  /**
   * Known units of the typed text, quote-folded: the formulations, their pieces between
   * punctuation (为全面建设社会主义现代化国家 of …、全面推进中华民族伟大复兴而团结奋斗) and their words.
   */
  formulations(): string[] {
    return [...this.list.flatMap((f) => [f.folded, ...f.folded.split(/[、，；：]/)]), ...this.terms];
  }

  /**
   * Continuations of formulations the typed text (quote-folded) ends inside. `isBoundary(i)`
   * says whether a key may start at offset i (a word starts there, not inside a known unit).
   *
   * How likely the drafter goes on with the formulation, from what the archives say about the
   * typed key (`evidence`): a formulation counts as CANON_COUNT occurrences of the key followed
   * by it, shared by the formulations the key starts; the archives add how often they saw the key
   * (`seen`) and, of those, followed by the formulation's next word (`agree`). A key the archives
   * never saw (以高质量党建引领) is the formulation's; one they saw often with other continuations
   * (我们要) hardly.
   * A longer key found leaves only the rest of the certainty to shorter ones.
   */
  query(folded: string, tailForCheck: string, isBoundary: (i: number) => boolean, evidence: KeyEvidence, out: Candidate[]): void {
    const longest = Math.min(this.maxKey, folded.length);
    const found = new Map<string, { insert: string; label: string; detail: string; prob: number }>();
    let remaining = 1;
    for (let L = longest; L >= MIN_KEY && remaining > 0.01; L--) {
      const start = folded.length - L;
      const list = this.byKey.get(folded.slice(start));
      if (!list || !isBoundary(start)) continue;
      const probs = list.map(({ f, at }) => {
        // the key ends where a word of the formulation ends: its last typed word is whole, and the
        // formulation's next word is what the archives may have seen after it
        const k = f.starts.indexOf(at + L);
        const next = k >= 0 ? f.folded.slice(at + L, k + 1 < f.starts.length ? f.starts[k + 1] : f.folded.length) : undefined;
        const e = evidence(start, next);
        const p = (e.agree + CANON_COUNT / list.length) / (e.seen + CANON_COUNT);
        return Math.min(1, p) * (at === 0 ? 1 : 0.8);
      });
      const sure = Math.min(1, probs.reduce((a, b) => a + b, 0));
      const scale = remaining;
      remaining *= 1 - sure;
      list.forEach(({ f, at }, i) => {
        const rest = f.text.slice(at + L);
        if (!rest) return;
        const prob = scale * probs[i];
        const variants = [rest];
        // also up to the next punctuation inside the formulation (a shorter, safer piece)
        const m = /^[^，、；：。]+?[，、；：]/.exec(rest);
        if (m && m[0].length < rest.length && m[0].length >= 2) variants.push(m[0].slice(0, -1));
        for (const insert of variants) {
          const prev = found.get(insert);
          if (prev) prev.prob += prob;
          // the shorter piece is labelled by what it writes, so the list does not show the same line twice
          else found.set(insert, { insert, label: insert === rest ? f.text : f.text.slice(0, at + L) + insert, detail: f.detail, prob });
        }
      });
    }
    for (const c of found.values()) {
      out.push({
        insert: c.insert,
        label: c.label,
        kind: 'canon',
        detail: c.detail,
        score: Math.min(1, c.prob) * c.insert.length * CANON_BOOST,
        prob: Math.min(1, c.prob),
        checkText: tailForCheck + c.insert,
      });
    }
  }
}

/**
 * What the archives say about the typed key starting at `start`: how often they saw it (`seen`)
 * and, when `next` is given, how often followed by that word (`agree`); weighted counts.
 */
export type KeyEvidence = (start: number, next: string | undefined) => { seen: number; agree: number };

/** A rule's replacement wordings as of `date` (plain text only: none with $1 groups). */
function ruleReplacements(e: Record<string, unknown>, date: IsoDate): string[] {
  const out: string[] = [];
  const byDate = e.replacementByDate as Array<{ from?: string; replacement?: string }> | undefined;
  if (Array.isArray(byDate) && byDate.length) {
    let cur: string | undefined;
    for (const x of byDate) if (x && typeof x.from === 'string' && x.from <= date && typeof x.replacement === 'string') cur = x.replacement;
    if (cur) out.push(cur);
  } else if (typeof e.replacement === 'string') out.push(e.replacement);
  return out.filter((r) => !r.includes('$') && /^[\u3400-\u9fff“”、·]+$/.test(r) && r.length >= 4);
}

function shortSource(s: string): string {
  const t = s.replace(/（.*?）|\(.*?\)/g, '').trim();
  return t.length > 24 ? t.slice(0, 24) + '…' : t;
}
