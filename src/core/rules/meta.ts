/**
 * What every rule declares about itself, next to its code (one object per rule, as markdownlint's
 * rule objects): id, category, default severity, a Chinese description and tags, and the text of
 * its docs page. The registry (src/core/registry.ts) lists these with the data rules; the docs
 * pages docs/rules/<id>.md are generated from them (npm run docs:rules).
 */
import type { FindingKind, TemplateKind } from '../findings';
import type { Category, Confidence, Severity } from '../types';

export interface RuleMeta {
  /** Stable kebab-case id: what findings, settings and disable comments name. */
  readonly id: string;
  readonly category: Category;
  /** The severity of its findings unless a setting changes it (some findings of a rule may be milder: see `details`). */
  readonly severity: Severity;
  /** One line, Chinese: what the rule flags. */
  readonly description: string;
  /** Chinese keywords (the docs index groups by the first). */
  readonly tags: readonly string[];
  /** What the rule checks, how, and what it leaves alone: Chinese Markdown paragraphs for its docs page. */
  readonly details: string;
  /** The standard or document the rule follows. */
  readonly source?: string;
  /** Off unless the severity settings name this rule (a note that many good texts would get). */
  readonly defaultOff?: boolean;
}

/** Extra fields a kind of finding of a rule may carry. */
export interface KindExtra {
  severity?: Severity;
  reason?: string;
  source?: string;
  confidence?: Confidence;
}

/** The `FindingKind` of a rule's findings (or of one variant of them, with its own severity, reason…). */
export function kindOf(rule: RuleMeta, extra: KindExtra = {}): FindingKind {
  const k: { -readonly [K in keyof FindingKind]: FindingKind[K] } = { ruleId: rule.id, category: rule.category, severity: extra.severity ?? rule.severity };
  if (extra.reason !== undefined) k.reason = extra.reason;
  if (extra.source !== undefined) k.source = extra.source;
  if (extra.confidence !== undefined) k.confidence = extra.confidence;
  if (rule.defaultOff) k.defaultOff = true;
  return k;
}

/**
 * A kind whose findings are worded by `message` from the four arguments `FindingSink.addFrom`
 * records, when they are made (once per distinct arguments: `message` must depend on them only).
 */
export function templateKind<A, B = number, C = number, D = number>(
  rule: RuleMeta,
  extra: KindExtra,
  message: (a: A, b: B, c: C, d: D) => string,
): TemplateKind<A, B, C, D> {
  return { ...kindOf(rule, extra), message };
}
