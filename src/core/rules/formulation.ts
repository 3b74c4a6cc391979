/**
 * Formulation rules from data (kinds outdated, era, renamed, nonstandard, format and literal
 * collocations): literal patterns and guarded regexes, date-aware, with context exceptions.
 * Rule data: data/rules/*.json. Tests: test/core/formulation.test.ts and the rules' own examples
 * (test/core/rules-data.test.ts).
 */
import { foldQuotes, isEnclosed, sentenceAroundMarks, startsWithFolded } from '../context';
import { proposalAt, type CompiledRule } from '../dataset';
import type { FindingSink, TemplateKind } from '../findings';
import { requireMarks } from '../text';
import type { Severity } from '../types';
import { sinceCn, type RuleContext } from './context';
import { EraReader } from './era';
import { hasHistory, HistoryReader } from './history';

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  replacement?: string;
  alternatives?: readonly string[];
}

export { ERA_CURRENT, ERA_PAST, eraSeverity } from './era';

// The sentence around a trigger is found on the text's marks (`sentenceAroundMarks`): every
// sentence end must be among them.
requireMarks('。！？；!?;\n\r');

// The words are quote-folded already (Dataset); the text is compared with quotes folded.
function startsWithAny(text: string, at: number, words: readonly string[] | undefined): boolean {
  if (!words) return false;
  for (let i = 0; i < words.length; i++) if (startsWithFolded(text, words[i], at)) return true;
  return false;
}

function endsWithAny(text: string, at: number, words: readonly string[] | undefined): boolean {
  if (!words) return false;
  for (let i = 0; i < words.length; i++) if (startsWithFolded(text, words[i], at - words[i].length)) return true;
  return false;
}

function insideAny(text: string, start: number, end: number, words: readonly string[] | undefined): boolean {
  if (!words) return false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // Every start position p of `w` with p <= start and p + |w| >= end: a bounded window.
    for (let p = Math.max(0, end - w.length); p <= start; p++) if (startsWithFolded(text, w, p)) return true;
  }
  return false;
}

/** Whether the context exceptions of `rule` silence the hit [start, end). */
export function isExcepted(text: string, rule: CompiledRule, start: number, end: number): boolean {
  const u = rule.unless;
  if (!u) return false;
  if (endsWithAny(text, start, u.before)) return true;
  if (startsWithAny(text, end, u.after)) return true;
  if (insideAny(text, start, end, u.inside)) return true;
  if (rule.entry.unless?.inTitle && isEnclosed(text, start, end, '《', '》')) return true;
  if (rule.entry.unless?.inQuote && isEnclosed(text, start, end, '“', '”')) return true;
  return false;
}

/** The non-global copy of a rule regex, for computing a replacement (made once per regex). */
const SINGLE = new WeakMap<RegExp, RegExp>();
function single(re: RegExp): RegExp {
  let r = SINGLE.get(re);
  if (!r) SINGLE.set(re, (r = new RegExp(re.source, 'u')));
  return r;
}

/** “甲”“乙”或“丙” */
function quotedList(words: readonly string[]): string {
  const q = words.map((w) => `“${w}”`);
  return q.length > 1 ? `${q.slice(0, -1).join('')}或${q[q.length - 1]}` : q[0];
}

/**
 * The message a rule gives when its data has none. `alternatives` are shown: after the fix as
 * other acceptable wordings, or on their own when there is no automatic fix (the right wording
 * depends on the context).
 */
function defaultMessage(rule: CompiledRule, matched: string, replacement: string | undefined, alternatives: readonly string[] | undefined): string {
  const e = rule.entry;
  const others = (alternatives ?? []).filter((a) => a !== replacement && a !== matched);
  const to = replacement ? `，应为“${replacement}”` : '';
  const also = others.length ? (replacement ? `；也可用${quotedList(others)}` : `；可视语境改用${quotedList(others)}`) : '';
  const since = rule.since && e.since ? `（自${sinceCn(e.since)}起）` : '';
  switch (e.kind) {
    case 'outdated':
      return `“${matched}”是过时表述${since}${to}${also}`;
    case 'era':
      return `“${matched}”所指的目标或工作已成过去${since}，不宜作为当前任务表述${replacement ? `；可改为“${replacement}”` : ''}${also}`;
    case 'renamed':
      return `“${matched}”已更名${since}${replacement ? `，现为“${replacement}”` : ''}${also}`;
    case 'collocation':
      return `搭配不当：“${matched}”${to}${also}`;
    case 'format':
      return `格式不规范：“${matched}”${to}${also}`;
    default:
      return `“${matched}”不规范${to}${also}`;
  }
}

/** What a formulation finding is worded from: the words matched, the fix, the other wordings. */
type Template = TemplateKind<string, string | undefined, readonly string[] | undefined, 0>;

/**
 * The per-rule template its findings are worded by when they are made (once per distinct words,
 * fix and alternatives among the kept findings, see `FindingSink.addFrom`): the rule's own
 * `message`, else the default one of its kind. One per rule, made on its first finding.
 */
const TEMPLATES = new WeakMap<CompiledRule, Template>();
function templateOf(rule: CompiledRule): Template {
  let t = TEMPLATES.get(rule);
  if (!t) {
    const own = rule.entry.message;
    t = { ...rule.kind, message: own !== undefined ? () => own : (matched, replacement, alternatives) => defaultMessage(rule, matched, replacement, alternatives) };
    TEMPLATES.set(rule, t);
  }
  return t;
}

/**
 * What the regex rules of one check share: the last sentence read (quote-folded), which the next
 * trigger in the same sentence reads again, and the replacements already computed.
 */
class Reading {
  private s = -1;
  private e = -1;
  private folded = '';
  /** regex → matched → template → replacement */
  private readonly replaced = new Map<RegExp, Map<string, Map<string, string>>>();

  constructor(
    private readonly text: string,
    private readonly marks: Int32Array,
  ) {}

  /** The sentence around [hitStart, hitEnd): its start and its quote-folded text. */
  sentence(hitStart: number, hitEnd: number): { s: number; sentence: string } {
    // Indexed, not destructured: in V8's interpreter (a short CLI run) array destructuring goes
    // through the iterator protocol, about 0.5 µs a call (1.5 ms on the 1 MB bench text).
    const bounds = sentenceAroundMarks(this.text, this.marks, hitStart, hitEnd);
    const s = bounds[0];
    const e = bounds[1];
    if (s !== this.s || e !== this.e) {
      this.s = s;
      this.e = e;
      this.folded = foldQuotes(this.text.slice(s, e));
    }
    return { s, sentence: this.folded };
  }

  /** `matched` with `re` replaced by `template` ($1 …), computed once per distinct arguments. */
  replacement(re: RegExp, matched: string, template: string): string {
    let byMatched = this.replaced.get(re);
    if (!byMatched) this.replaced.set(re, (byMatched = new Map()));
    let byTemplate = byMatched.get(matched);
    if (!byTemplate) byMatched.set(matched, (byTemplate = new Map()));
    let r = byTemplate.get(template);
    if (r === undefined) byTemplate.set(template, (r = matched.replace(single(re), template)));
    return r;
  }
}

function regexCandidates(reading: Reading, rule: CompiledRule, hitStart: number, hitEnd: number, date: string): Candidate[] {
  const { s, sentence } = reading.sentence(hitStart, hitEnd);
  const { replacement: template, alternatives } = proposalAt(rule, date);
  const out: Candidate[] = [];
  const regexes = rule.regexes;
  for (let i = 0; i < regexes.length; i++) {
    const re = regexes[i];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = s + m.index;
      const end = start + m[0].length;
      if (start <= hitStart && end >= hitEnd) {
        const replacement = template !== undefined ? reading.replacement(re, m[0], template) : undefined;
        out.push({ rule, start, end, replacement, alternatives });
      }
    }
  }
  return out;
}

export function checkFormulations(ctx: RuleContext, out: FindingSink): void {
  const { dataset, text, date } = ctx;
  const candidates: Candidate[] = [];
  const { hits } = ctx;
  const reading = new Reading(text, ctx.doc.marks);
  for (let k = 0; k < hits.count; k++) {
    const owner = dataset.owners[hits.pattern[k]];
    if (owner.role !== 'pattern' && owner.role !== 'trigger') continue;
    const rule = dataset.rules[owner.rule];
    if (rule.since && date < rule.since) continue;
    if (owner.role === 'pattern') {
      const { replacement, alternatives } = proposalAt(rule, date);
      candidates.push({ rule, start: hits.start[k], end: hits.end[k], replacement, alternatives });
    } else {
      candidates.push(...regexCandidates(reading, rule, hits.start[k], hits.end[k], date));
    }
  }
  // Per rule, keep the leftmost-longest of overlapping candidates.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const lastEnd = new Map<CompiledRule, number>();
  let era: EraReader | undefined;
  let history: HistoryReader | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if ((lastEnd.get(c.rule) ?? -1) > c.start) continue;
    const e = c.rule.entry;
    if (isExcepted(text, c.rule, c.start, c.end)) continue;
    // Old names of bodies: history markers, the reform itself, foreign bodies, accounts of the past.
    // What silences a name silences the shorter names of the rule inside it (解放军总参谋部, 总参谋部).
    if (hasHistory(c.rule) && (history ??= new HistoryReader(text, ctx.doc, date)).silences(c.rule, c.start, c.end)) {
      lastEnd.set(c.rule, c.end);
      continue;
    }
    let severity: Severity | undefined = c.rule.kind.severity;
    if (e.kind === 'era') {
      era ??= new EraReader(text, ctx.doc, date);
      severity = era.severity(c.rule, c.start, c.end);
      if (!severity) continue;
    }
    lastEnd.set(c.rule, c.end);
    const matched = text.slice(c.start, c.end);
    const fix = c.replacement !== undefined && c.replacement !== matched ? { start: c.start, end: c.end, text: c.replacement } : undefined;
    out.addFrom(templateOf(c.rule), c.start, c.end, matched, c.replacement, c.alternatives, 0, fix, severity);
  }
}
