/**
 * Guards against regular expressions that can backtrack catastrophically. A rule regex is refused
 * when an unbounded quantifier (*, +, {n,}) applies to a group that itself contains an unbounded
 * quantifier or an alternation — the shapes behind exponential backtracking — or when it uses
 * back-references or lookbehind. Matching is also confined to one sentence of bounded length.
 */

export function unsafeRegexReason(source: string): string | undefined {
  if (source.length > 300) return '正则表达式过长（超过 300 个字符）';
  if (/\\[1-9]|\\k</.test(source)) return '不支持反向引用';
  if (/\(\?<[=!]/.test(source)) return '不支持后行断言';
  try {
    new RegExp(source, 'u');
  } catch (e) {
    return `正则表达式无效：${(e as Error).message}`;
  }
  // Walk groups: for each group, note whether it contains an unbounded quantifier or alternation.
  interface Frame { unbounded: boolean; alt: boolean }
  const stack: Frame[] = [{ unbounded: false, alt: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push({ unbounded: false, alt: false }); continue; }
    if (c === '|') { stack[stack.length - 1].alt = true; continue; }
    const unboundedAt = (j: number): boolean => {
      const q = source[j];
      if (q === '*' || q === '+') return true;
      if (q === '{') return /^\{\d+,\}/.test(source.slice(j));
      return false;
    };
    if (c === ')') {
      const inner = stack.pop() ?? { unbounded: false, alt: false };
      const parent = stack[stack.length - 1] ?? stack[0];
      if (unboundedAt(i + 1) && (inner.unbounded || inner.alt)) {
        return '量词嵌套（如 (a+)+ 或 (a|b)*）可能导致匹配时间失控';
      }
      if (inner.unbounded || unboundedAt(i + 1)) parent.unbounded = true;
      continue;
    }
    if (unboundedAt(i)) stack[stack.length - 1].unbounded = true;
  }
  return undefined;
}
