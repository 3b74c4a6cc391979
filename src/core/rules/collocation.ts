/**
 * Collocations of numbered concepts: a concept goes with its own verb (增强“四个意识”,
 * 坚定“四个自信”, 做到“两个维护”). Rules with `object`, `verbs` and `wrongVerbs` in
 * data/rules/*.json; the object is found by the shared automaton, then the verb right before
 * it (before the opening quote, if any) is compared with the wrong ones.
 */
import { foldCode, startsWithFolded } from '../context';
import type { FindingSink } from '../findings';
import { sinceCn, type RuleContext } from './context';
import { isExcepted } from './formulation';

const NONE: readonly string[] = [];

/** The longest of `words` standing in `text` just before offset `p` (quotes folded). */
function longestEndingAt(text: string, p: number, words: readonly string[]): string | undefined {
  let best: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (p >= w.length && startsWithFolded(text, w, p - w.length) && (!best || w.length > best.length)) best = w;
  }
  return best;
}

export function checkCollocations(ctx: RuleContext, out: FindingSink): void {
  const { dataset, text, date } = ctx;
  const hits = ctx.hits;
  for (let k = 0; k < hits.count; k++) {
    const owner = dataset.owners[hits.pattern[k]];
    if (owner.role !== 'object') continue;
    const hitStart = hits.start[k];
    const hitEnd = hits.end[k];
    const rule = dataset.rules[owner.rule];
    const e = rule.entry;
    if (rule.since && date < rule.since) continue;
    let p = hitStart;
    if (foldCode(text.charCodeAt(p - 1)) === 34) p--; // an opening quote
    const right = e.verbs ?? NONE;
    const wrong = longestEndingAt(text, p, e.wrongVerbs ?? NONE);
    if (!wrong) continue;
    // A right verb that ends here and contains the wrong one (牢固树立 vs 树立) wins.
    const better = longestEndingAt(text, p, right);
    if (better && better.length > wrong.length && better.endsWith(wrong)) continue;
    const start = p - wrong.length;
    if (isExcepted(text, rule, start, hitEnd)) continue;
    const fixVerb = right[0];
    const quoted = text.slice(p, hitEnd + (foldCode(text.charCodeAt(hitEnd)) === 34 ? 1 : 0));
    const message = e.message ?? `搭配不当：${quoted}一般与“${right.join('”“')}”搭配，不说“${wrong}”${e.since ? `（自${sinceCn(e.since)}起）` : ''}`;
    out.add(rule.kind, start, p, message, fixVerb ? { start, end: p, text: fixVerb } : undefined);
  }
}
