/** Context helpers shared by the rule modules: quote folding, sentences, enclosing marks. */

/** The quotes that fold to " and to ' (the one list both folding functions are built from). */
const DOUBLE_QUOTES = '“”„〝〞＂';
const SINGLE_QUOTES = '‘’＇';
const QUOTE_RE = new RegExp(`[${DOUBLE_QUOTES}${SINGLE_QUOTES}]`, 'g');

/** Curly and straight quotes become straight ones; one character for one, so offsets are kept. */
export function foldQuotes(s: string): string {
  return s.replace(QUOTE_RE, (c) => (DOUBLE_QUOTES.includes(c) ? '"' : "'"));
}

const QUOTE_CODE = new Map<number, number>([
  ...Array.from(DOUBLE_QUOTES, (q): [number, number] => [q.charCodeAt(0), 34]),
  ...Array.from(SINGLE_QUOTES, (q): [number, number] => [q.charCodeAt(0), 39]),
]);

/** The quote-folding of one UTF-16 unit (“ → ", ’ → ', anything else unchanged). */
export function foldCode(c: number): number {
  return c < 0x2018 ? c : (QUOTE_CODE.get(c) ?? c);
}

/**
 * Whether `word` (already quote-folded) stands in `text` at `at`, comparing with quotes folded:
 * what `foldQuotes(text).startsWith(word, at)` says, without folding the whole text.
 */
export function startsWithFolded(text: string, word: string, at: number): boolean {
  if (at < 0 || at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (foldCode(text.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/** 。！？；!?; and line breaks. */
export function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 33 || c === 63 || c === 59 || c === 10 || c === 13;
}

/** The index of the first of the text's marks (`TextDoc.marks`, ascending) at or after `pos`. */
export function markAt(marks: Int32Array, pos: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * [start, end) of the sentence around [at, atEnd), read on the text's marks (`TextDoc.marks`, the
 * offsets of `MARK_CHARS`, which hold every sentence end): from after the last sentence end before
 * `at` to the first one at or after `atEnd` (not included), at most `max` units each side. By
 * bisection and a few marks, not by a walk over every unit of the sentence (in a short,
 * unoptimized run that walk was about 2 ms a MB).
 */
export function sentenceOnMarks(text: string, marks: Int32Array, at: number, atEnd: number, max: number): [number, number] {
  const sLimit = Math.max(0, at - max);
  let s = sLimit;
  for (let k = markAt(marks, at) - 1; k >= 0 && marks[k] >= sLimit; k--) {
    if (isSentenceEnd(text.charCodeAt(marks[k]))) {
      s = marks[k] + 1;
      break;
    }
  }
  const eLimit = Math.min(text.length, atEnd + max);
  let e = eLimit;
  for (let k = markAt(marks, atEnd); k < marks.length && marks[k] < eLimit; k++) {
    if (isSentenceEnd(text.charCodeAt(marks[k]))) {
      e = marks[k];
      break;
    }
  }
  return [s, e];
}

/** `sentenceOnMarks`, with the sentence's end mark included (unless it is a line break). */
export function sentenceAroundMarks(text: string, marks: Int32Array, at: number, atEnd = at, max = 300): [number, number] {
  const b = sentenceOnMarks(text, marks, at, atEnd, max);
  const e = b[1];
  if (e < text.length && isSentenceEnd(text.charCodeAt(e)) && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) b[1] = e + 1;
  return b;
}

/**
 * Whether [start, end) lies inside an open…close pair on the same line (e.g. 《…》 or “…”).
 * Reads char codes: `text[i]` would make a new string for every Chinese character it passes.
 */
export function isEnclosed(text: string, start: number, end: number, open: string, close: string): boolean {
  const o = open.charCodeAt(0);
  const k = close.charCodeAt(0);
  let depth = 0;
  for (let i = start - 1; i >= 0 && i >= start - 200; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === k) depth++;
    else if (c === o) {
      if (depth === 0) {
        for (let j = end; j < text.length && j < end + 200; j++) {
          const d = text.charCodeAt(j);
          if (d === 10 || d === 13 || d === o) return false;
          if (d === k) return true;
        }
        return false;
      }
      depth--;
    }
  }
  return false;
}

export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of CJK extension planes
  );
}

/** Han characters and CJK/full-width punctuation: text that is Chinese prose. */
export function isCjkChar(ch: string | undefined): boolean {
  return ch ? isCjkCode(ch.charCodeAt(0)) : false;
}

/** `isCjkChar` on a char code (NaN: false). */
export function isCjkCode(c: number): boolean {
  return isHan(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || c === 0x201c || c === 0x201d;
}
