/**
 * Cleaning a document before mining: light Markdown stripping, scraping noise (a document-sharing
 * site's banner, page numbers glued to line starts, stray `(be)` tokens), ASCII punctuation between
 * Chinese text turned into its full-width form so it counts as clause punctuation.
 */

export interface Line {
  text: string;
  /** 1-based line in the original file where this cleaned line starts. */
  line: number;
}

/** Banner lines added by document-sharing sites (优知文库, 道客巴巴, 原创力 …). */
const BANNER = /由会员分享|可在线阅读|请在.{0,12}上搜索|文档下载|本文档由|下载文档|VIP专享|侵权.{0,6}删除/;

const SENTENCE_END = /[。！？；：!?;:”」』）)…]\s*$/;

/** Strip Markdown syntax: headings, emphasis, links, images, code fences, quotes, list bullets, tables. */
export function stripMarkdown(text: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let l = raw;
    if (/^\s*(```|~~~)/.test(l)) {
      inFence = !inFence;
      out.push('');
      continue;
    }
    if (inFence) {
      out.push('');
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(l) && /^[\s|:-]+$/.test(l)) {
      out.push('');
      continue;
    }
    l = l
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^\s*>\s?/, '')
      .replace(/^\s*[-*+]\s+/, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/<[^>\n]+>/g, '');
    if (/^\s*\|.*\|\s*$/.test(l)) l = l.replace(/^\s*\||\|\s*$/g, '').replace(/\s*\|\s*/g, '，');
    out.push(l);
  }
  return out.join('\n');
}

const CJK = '\\u3400-\\u9fff';
const ASCII_COMMA = new RegExp(`(?<=[${CJK}“”）)、])\\s*,\\s*|,\\s*(?=[${CJK}“（(])`, 'g');
const ASCII_SEMI = new RegExp(`(?<=[${CJK}])\\s*;\\s*`, 'g');
const ASCII_COLON = new RegExp(`(?<=[${CJK}])\\s*:\\s*(?=[${CJK}“])`, 'g');

/** Normalise one line: ASCII clause punctuation next to Chinese text → full-width; stray noise tokens removed. */
export function normalizeLine(s: string): string {
  return s
    .replace(/\u3000/g, ' ')
    .replace(/\((?:be|BE|Be)\)/g, '')
    .replace(ASCII_COMMA, '，')
    .replace(ASCII_SEMI, '；')
    .replace(ASCII_COLON, '：')
    .replace(new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g'), '')
    .trim();
}

/**
 * Clean a decoded document into lines (paragraphs). Page numbers glued to a line start
 * (`2、工作者,…`) are recognised when the numbers continue a 1, 2, 3 … sequence and the
 * previous line did not end a sentence; such a line is joined back to the previous one.
 */
export function cleanDocument(text: string, opts: { markdown?: boolean } = {}): Line[] {
  const src = opts.markdown ? stripMarkdown(text) : text;
  const raw = src.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Line[] = [];
  // For each number, the last line starting with it (so "does the sequence go on?" is one lookup).
  const lastStart = new Map<number, number>();
  raw.forEach((r, i) => {
    const m = /^\s*(\d{1,3})[、.．]/.exec(r);
    if (m) lastStart.set(Number(m[1]), i);
  });
  let expectedPage = 1;
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i];
    if (BANNER.test(t)) continue;
    t = t.trim();
    if (!t) continue;
    const m = /^(\d{1,3})[、.．]\s*/.exec(t);
    if (m && Number(m[1]) === expectedPage) {
      const prev = out[out.length - 1];
      const prevOpen = !prev || !SENTENCE_END.test(prev.text);
      // a page number continues the sequence; the first one may follow a removed banner
      // once two page numbers were recognised, the run goes on even after a sentence end
      if (prevOpen || expectedPage >= 3) {
        // only treat it as page noise when the sequence goes on (look ahead for the next number)
        const next = expectedPage + 1;
        const continues = (lastStart.get(next) ?? -1) > i;
        if (continues || expectedPage > 1) {
          expectedPage++;
          const body = normalizeLine(t.slice(m[0].length));
          if (prev && prevOpen && expectedPage > 2) {
            prev.text += body;
          } else if (body) {
            out.push({ text: body, line: i + 1 });
          }
          continue;
        }
      }
    }
    const n = normalizeLine(t);
    if (n) out.push({ text: n, line: i + 1 });
  }
  return out;
}
