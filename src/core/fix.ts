/** Applying fixes: non-overlapping replacements, applied from the end so offsets stay valid. */
import type { Fix } from './types';

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const sorted = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: Fix[] = [];
  let until = -1;
  for (const f of sorted) {
    if (f.start < until) continue; // overlapping: the first one wins
    kept.push(f);
    until = Math.max(f.end, f.start + (f.start === f.end ? 1 : 0));
  }
  let out = text;
  for (let i = kept.length - 1; i >= 0; i--) {
    const f = kept[i];
    out = out.slice(0, f.start) + f.text + out.slice(f.end);
  }
  return out;
}
