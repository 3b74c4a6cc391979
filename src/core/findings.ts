/**
 * Where the rule modules write their findings during a check: a `FindingSink`, columns in typed
 * arrays rather than objects. The checker makes the `Finding` objects once, at the end, only for
 * the findings it keeps (not switched off, not suppressed), already in their final order.
 *
 * Why (measured on the 8 MB bench text, 27 000 findings): a check allocates a few MB of short-lived
 * garbage per MB of text, so the young generation is collected during a large check. Findings made
 * as objects while the rules run are alive at each of those collections: V8 either copies them or,
 * seeing that objects from that allocation site survive, allocates them straight in the old
 * generation, on fresh pages that a later full collection frees again (first touches of memory are
 * dear on the machines measured here). Columns in buffers kept between checks are neither copied
 * nor scanned, and take no new pages. The objects themselves are made by constructors, not object
 * literals, so that V8 does not pretenure them either (see `FindingRecord`).
 *
 * What every finding of one rule shares (id, category, explanation, source…) is a `FindingKind`,
 * made once per rule, not per finding. A kind may word its findings itself (`message`, a per-rule
 * template): a rule then records the template's arguments per finding (`addFrom`), and the message
 * is built when the findings are made, once for each distinct set of arguments among the findings
 * kept. The 8 MB bench text has 7 300 outline findings and 150 distinct outline messages: built
 * per finding, in the burst at the end where every finding made so far is alive, they would make
 * the young collections there copy those findings (measured: a check allocating about 15 % more).
 */
import { growInt32 } from './text';
import type { Category, Confidence, Finding, Fix, Severity } from './types';

/** The fields every finding of one rule (or one variant of a rule) shares. */
export interface FindingKind {
  readonly ruleId: string;
  readonly category: Category;
  /** The severity a finding gets unless `add` is given another. */
  readonly severity: Severity;
  readonly reason?: string;
  readonly since?: string;
  readonly source?: string;
  readonly confidence?: Confidence;
  /**
   * Words a finding recorded with `addFrom` from its arguments (a per-rule template). It must
   * depend on its arguments only: findings with the same arguments share one message.
   */
  readonly message?: (a: never, b: never, c: never, d: never) => string;
  /**
   * Off unless the settings name this rule with a severity (`{ "punct-dunhao-quoted": "hint" }`;
   * a category's severity does not switch it on): a note that many good texts would get.
   */
  readonly defaultOff?: boolean;
}

/** A kind that words its findings from four arguments (pass 0 for those it does not read). */
export type TemplateKind<A, B, C, D> = FindingKind & { readonly message: (a: A, b: B, c: C, d: D) => string };

type AnyTemplate = (a: unknown, b: unknown, c: unknown, d: unknown) => string;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_CODE: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const RADIX_BITS = 11;
const RADIX_MASK = (1 << RADIX_BITS) - 1;

/** What the checker decides per finding before it is made: its severity, or `undefined` to drop it. */
export type Keep = (kind: FindingKind, severity: Severity, start: number, end: number) => Severity | undefined;

export class FindingSink {
  private n = 0;
  private kindList: FindingKind[] = [];
  private kindIds = new Map<FindingKind, number>();
  private kind: Int32Array = new Int32Array(64);
  /** SEVERITY_CODE of the finding's severity. */
  private sev: Int32Array = new Int32Array(64);
  private start: Int32Array = new Int32Array(64);
  private end: Int32Array = new Int32Array(64);
  /** The fix's range; `fixStart` -1: no fix. */
  private fixStart: Int32Array = new Int32Array(64);
  private fixEnd: Int32Array = new Int32Array(64);
  /** The message, or undefined: worded by the kind's `message` from the arguments. */
  private messages: Array<string | undefined> = [];
  private argA: unknown[] = [];
  private argB: unknown[] = [];
  private argC: unknown[] = [];
  private argD: unknown[] = [];
  /** While the findings are made: kind → a → b → c → d → message. */
  private readonly worded = new Map<FindingKind, Map<unknown, Map<unknown, Map<unknown, Map<unknown, string>>>>>();
  private fixTexts: string[] = [];
  /** The order of the kept findings, and room for the radix sort (see `toFindings`). */
  private order: Int32Array = new Int32Array(64);
  private spare: Int32Array = new Int32Array(64);
  private readonly counts = new Int32Array(RADIX_MASK + 1);

  /** Whether a finding of a kind that is off by default has been written (see `FindingKind.defaultOff`). */
  hasDefaultOff = false;

  /** How many findings the buffers hold before they grow. */
  get capacity(): number {
    return this.kind.length;
  }

  /** How many findings have been written. */
  get count(): number {
    return this.n;
  }

  /** Records one finding. `fix` is copied; `severity` overrides the kind's. */
  add(kind: FindingKind, start: number, end: number, message: string, fix?: Fix, severity: Severity = kind.severity): void {
    this.messages[this.write(kind, start, end, fix, severity)] = message;
  }

  /**
   * Records one finding that `kind.message` words from `a`, `b`, `c`, `d` when it is made. The
   * arguments are held until then: pass what the rule has at hand (markers, numbers), not new
   * objects; values equal as Map keys are (strings by content) give one shared message.
   */
  addFrom<A, B, C, D>(kind: TemplateKind<A, B, C, D>, start: number, end: number, a: A, b: B, c: C, d: D, fix?: Fix, severity: Severity = kind.severity): void {
    const i = this.write(kind, start, end, fix, severity);
    this.messages[i] = undefined;
    this.argA[i] = a;
    this.argB[i] = b;
    this.argC[i] = c;
    this.argD[i] = d;
  }

  /** Writes the columns every finding has; returns its index. */
  private write(kind: FindingKind, start: number, end: number, fix: Fix | undefined, severity: Severity): number {
    let id = this.kindIds.get(kind);
    if (id === undefined) {
      id = this.kindList.length;
      this.kindList.push(kind);
      this.kindIds.set(kind, id);
      if (kind.defaultOff) this.hasDefaultOff = true;
    }
    const i = this.n;
    if (i === this.kind.length) this.grow();
    this.kind[i] = id;
    this.sev[i] = SEVERITY_CODE[severity];
    this.start[i] = start;
    this.end[i] = end;
    if (fix) {
      this.fixStart[i] = fix.start;
      this.fixEnd[i] = fix.end;
      this.fixTexts[i] = fix.text;
    } else {
      this.fixStart[i] = -1;
      this.fixEnd[i] = -1;
      this.fixTexts[i] = '';
    }
    this.n = i + 1;
    return i;
  }

  /** Forgets the findings written after the first `n` (a rule that failed half-way). */
  truncate(n: number): void {
    if (n >= this.n) return;
    for (let i = n; i < this.n; i++) {
      this.messages[i] = this.fixTexts[i] = '';
      this.argA[i] = this.argB[i] = this.argC[i] = this.argD[i] = undefined;
    }
    this.n = n;
  }

  /** Empties the sink, keeping its buffers; drops its references to the strings it held. */
  clear(): void {
    this.truncate(0);
    this.kindList.length = 0;
    this.kindIds.clear();
    this.hasDefaultOff = false;
  }

  /**
   * The findings as objects, ordered by start, end, severity (most severe first), rule id and then
   * the order they were written in. `keep` may change a finding's severity or drop it.
   */
  toFindings(keep?: Keep): Finding[] {
    const { n, kindList, kind, sev, start, end } = this;
    if (this.order.length < n) {
      this.order = new Int32Array(Math.max(n, this.order.length * 2));
      this.spare = new Int32Array(this.order.length);
    }
    let idx = this.order;
    let kept = 0;
    let maxStart = 0;
    for (let i = 0; i < n; i++) {
      if (keep) {
        const s = keep(kindList[kind[i]], SEVERITIES[sev[i]], start[i], end[i]);
        if (s === undefined) continue;
        sev[i] = SEVERITY_CODE[s];
      }
      idx[kept++] = i;
      if (start[i] > maxStart) maxStart = start[i];
    }
    // By start: a stable radix sort, 11 bits a pass (linear in the findings; a comparison sort of
    // 27 000 findings costs ten times what 3 400 do). Equal starts keep their write order.
    const counts = this.counts;
    let tmp = this.spare;
    for (let shift = 0; shift < 32 && maxStart >>> shift > 0; shift += RADIX_BITS) {
      counts.fill(0);
      for (let k = 0; k < kept; k++) counts[(start[idx[k]] >>> shift) & RADIX_MASK]++;
      for (let d = 0, sum = 0; d <= RADIX_MASK; d++) {
        const c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (let k = 0; k < kept; k++) {
        const i = idx[k];
        tmp[counts[(start[i] >>> shift) & RADIX_MASK]++] = i;
      }
      const t = idx;
      idx = tmp;
      tmp = t;
    }
    // Findings at the same start are few: put them in order by end, severity and rule id.
    for (let a = 0; a < kept; ) {
      let b = a + 1;
      while (b < kept && start[idx[b]] === start[idx[a]]) b++;
      for (let x = a + 1; x < b; x++) {
        const v = idx[x];
        let y = x - 1;
        while (y >= a && this.after(idx[y], v)) {
          idx[y + 1] = idx[y];
          y--;
        }
        idx[y + 1] = v;
      }
      a = b;
    }
    const out: Finding[] = new Array(kept);
    for (let k = 0; k < kept; k++) out[k] = this.make(idx[k]);
    this.worded.clear();
    return out;
  }

  /** Whether finding `a` comes after finding `b` (same start). Equal ones keep their write order:
   * the group starts in write order and the insertion sort is stable. */
  private after(a: number, b: number): boolean {
    const { end, sev, kind, kindList } = this;
    if (end[a] !== end[b]) return end[a] > end[b];
    if (sev[a] !== sev[b]) return sev[a] > sev[b];
    const ra = kindList[kind[a]].ruleId;
    const rb = kindList[kind[b]].ruleId;
    return ra > rb;
  }

  private make(i: number): Finding {
    const k = this.kindList[this.kind[i]];
    const fix = this.fixStart[i] >= 0 ? new FixRecord(this.fixStart[i], this.fixEnd[i], this.fixTexts[i]) : undefined;
    const message = this.messages[i] ?? this.word(k, i);
    return new FindingRecord(k, SEVERITIES[this.sev[i]], this.start[i], this.end[i], message, fix);
  }

  /** The message of finding `i` from its kind's template, built once per distinct arguments. */
  private word(k: FindingKind, i: number): string {
    const a = this.argA[i];
    const b = this.argB[i];
    const c = this.argC[i];
    const d = this.argD[i];
    let m1 = this.worded.get(k);
    if (!m1) this.worded.set(k, (m1 = new Map()));
    let m2 = m1.get(a);
    if (!m2) m1.set(a, (m2 = new Map()));
    let m3 = m2.get(b);
    if (!m3) m2.set(b, (m3 = new Map()));
    let m4 = m3.get(c);
    if (!m4) m3.set(c, (m4 = new Map()));
    let msg = m4.get(d);
    if (msg === undefined) {
      msg = (k.message as AnyTemplate)(a, b, c, d);
      m4.set(d, msg);
    }
    return msg;
  }

  private grow(): void {
    this.kind = growInt32(this.kind);
    this.sev = growInt32(this.sev);
    this.start = growInt32(this.start);
    this.end = growInt32(this.end);
    this.fixStart = growInt32(this.fixStart);
    this.fixEnd = growInt32(this.fixEnd);
  }
}

/**
 * The objects the findings are made as. Plain objects to every reader (their prototype is
 * Object.prototype), but made by a constructor, not an object literal: V8 tracks where literals
 * are allocated and, when those objects tend to survive a collection, allocates them straight in
 * the old generation ("pretenuring"). A check's findings are made in one burst at its end, so a
 * collection during the burst sees them all alive; pretenured, every later check would put its
 * findings on fresh old-generation pages. Objects made by a constructor stay young.
 */
const FindingRecord = function (this: Finding, k: FindingKind, severity: Severity, start: number, end: number, message: string, fix: Fix | undefined) {
  this.ruleId = k.ruleId;
  this.category = k.category;
  this.severity = severity;
  this.start = start;
  this.end = end;
  this.message = message;
  if (fix) this.fix = fix;
  if (k.reason !== undefined) this.reason = k.reason;
  if (k.since !== undefined) this.since = k.since;
  if (k.source !== undefined) this.source = k.source;
  if (k.confidence !== undefined) this.confidence = k.confidence;
} as unknown as new (k: FindingKind, severity: Severity, start: number, end: number, message: string, fix: Fix | undefined) => Finding;
FindingRecord.prototype = Object.prototype;

const FixRecord = function (this: Fix, start: number, end: number, text: string) {
  this.start = start;
  this.end = end;
  this.text = text;
} as unknown as new (start: number, end: number, text: string) => Fix;
FixRecord.prototype = Object.prototype;

/** Runs `write` on a fresh sink and returns what it wrote, as findings in order. */
export function collectFindings(write: (out: FindingSink) => void): Finding[] {
  const sink = new FindingSink();
  write(sink);
  return sink.toFindings();
}
