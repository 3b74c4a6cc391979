/**
 * The text of a Word body, as the checker reads it, with a map back into the XML.
 *
 * - The body's paragraphs in order, one per line: paragraphs in tables (cell by cell, nested tables
 *   too) and in content controls included. A manual line break inside a paragraph (Shift+Enter)
 *   also starts a new line, since that is how the drafter sees it; page and column breaks do not.
 * - Tracked changes as if accepted: inserted text (w:ins, w:moveTo) included, deleted text (w:del,
 *   w:moveFrom) left out; a paragraph whose mark was deleted joins the next one.
 * - Fields: their result as displayed (a page number, a date), never the instruction text.
 * - Footnotes, endnotes, headers, footers and comments live in other parts and are not read; text
 *   boxes and shapes (drawings, VML, alternate content) and equations are skipped, and so is text
 *   formatted as hidden (w:vanish set on the run itself; hidden through a style is still read).
 *
 * Every character of the text except the line breaks between paragraphs comes from one
 * `Segment`: a w:t (several characters), or a w:tab / w:br / w:noBreakHyphen (one character),
 * inside a run (w:r). Annotating splits those runs at the offsets of findings.
 */
import { childElements, isElement, ownText, wAttr, type Element } from './xml';

/** One piece of the extracted text and the XML node it comes from. */
export interface Segment {
  /** Offset of its first character in the extracted text. */
  start: number;
  /** Number of UTF-16 units. */
  length: number;
  /** The w:t (or w:tab, w:br, w:noBreakHyphen…) element. */
  node: Element;
  /** The run (w:r) holding `node`. */
  run: Element;
  /** 0-based index of the w:p it belongs to (body order). */
  paragraph: number;
  /** 't' for a w:t whose text can be split; 'char' for a one-character element. */
  kind: 't' | 'char';
  /** Inside a field's result (between its separate and end marks): the field may recompute it. */
  inField: boolean;
  /** The outermost field around it: the runs holding its begin and end marks. */
  field?: FieldSpan;
}

export interface FieldSpan {
  begin: Element;
  /** Undefined if the field is not closed in its paragraph. */
  end?: Element;
}

export interface BodyText {
  text: string;
  segments: Segment[];
  /** The w:p elements, in order (Segment.paragraph indexes this). */
  paragraphs: Element[];
  /** For each line of `text`, the 1-based number of the paragraph it is in. */
  paragraphOfLine: number[];
}

/** Run-level elements that stand for one character of text. */
const CHAR_OF: Record<string, string> = { tab: '\t', ptab: '\t', noBreakHyphen: '-' };

/** Containers whose content is never body text (properties, deleted text, drawings…). */
const SKIP = new Set([
  'pPr',
  'rPr',
  'sectPr',
  'tblPr',
  'tblGrid',
  'tblPrEx',
  'trPr',
  'tcPr',
  'sdtPr',
  'sdtEndPr',
  'del',
  'moveFrom',
  'drawing',
  'pict',
  'object',
  'txbxContent',
  'altChunk',
  'customXmlPr',
  'smartTagPr',
  'fldData',
]);

export function extractBodyText(body: Element, wNs: string): BodyText {
  let text = '';
  const segments: Segment[] = [];
  const paragraphs: Element[] = [];
  const paragraphOfLine: number[] = [];
  /** The previous paragraph's mark was deleted: no line break before the next one. */
  let joinNext = false;
  /** Open complex fields: true once past their separate mark (showing their result). */
  let fields: boolean[] = [];
  /** The outermost open field's runs. */
  let outer: FieldSpan | undefined;

  const w = (el: Element, name: string) => el.namespaceURI === wNs && el.localName === name;
  const visible = () => fields.every((inResult) => inResult);

  const add = (node: Element, run: Element, s: string, kind: Segment['kind']) => {
    if (!s.length || !visible()) return;
    const inField = fields.length > 0;
    segments.push({ start: text.length, length: s.length, node, run, paragraph: paragraphs.length - 1, kind, inField, field: inField ? outer : undefined });
    text += s;
  };

  /** Direct formatting `w:vanish` (hidden text, not shown or printed by Word). */
  const hidden = (props: Element | undefined): boolean => {
    const v = props && childElements(props).find((x) => w(x, 'vanish'));
    if (!v) return false;
    const val = wAttr(v, wNs, 'val');
    return val !== '0' && val !== 'false' && val !== 'off';
  };

  const runContent = (run: Element) => {
    // hidden text adds nothing, but its field marks still open and close fields
    const invisible = hidden(childElements(run).find((x) => w(x, 'rPr')));
    for (const c of childElements(run)) {
      if (c.namespaceURI !== wNs) continue;
      const name = c.localName ?? '';
      if (invisible && name !== 'fldChar') continue;
      if (name === 't') add(c, run, ownText(c), 't');
      else if (name in CHAR_OF) add(c, run, CHAR_OF[name], 'char');
      else if (name === 'br' || name === 'cr') {
        const type = wAttr(c, wNs, 'type');
        if ((!type || type === 'textWrapping') && visible()) {
          add(c, run, '\n', 'char');
          paragraphOfLine.push(paragraphs.length);
        }
      } else if (name === 'fldChar') {
        const type = wAttr(c, wNs, 'fldCharType');
        if (type === 'begin') {
          if (!fields.length) outer = { begin: run };
          fields.push(false);
        } else if (type === 'separate') {
          if (fields.length) fields[fields.length - 1] = true;
        } else if (type === 'end' && fields.length) {
          fields.pop();
          if (!fields.length && outer) outer.end = run;
        }
      }
      // instrText, delText, footnote/endnote/comment references, symbols, drawings: no body text
    }
  };

  const inline = (parent: Element) => {
    for (const c of childElements(parent)) {
      if (c.namespaceURI !== wNs) continue; // math, markup compatibility (alternate content)…
      const name = c.localName ?? '';
      if (SKIP.has(name)) continue;
      if (name === 'r') runContent(c);
      else inline(c); // ins, moveTo, hyperlink, smartTag, customXml, sdt/sdtContent, fldSimple, dir, bdo…
    }
  };

  const markDeleted = (p: Element): boolean => {
    for (const pPr of childElements(p)) {
      if (!w(pPr, 'pPr')) continue;
      for (const rPr of childElements(pPr)) {
        if (!w(rPr, 'rPr')) continue;
        return childElements(rPr).some((x) => w(x, 'del') || w(x, 'moveFrom'));
      }
    }
    return false;
  };

  const paragraph = (p: Element) => {
    if (paragraphs.length && !joinNext) text += '\n';
    paragraphs.push(p);
    if (paragraphs.length === 1 || !joinNext) paragraphOfLine.push(paragraphs.length);
    // A field does not span paragraphs in practice; do not let a broken one hide the rest.
    fields = [];
    outer = undefined;
    inline(p);
    joinNext = markDeleted(p);
  };

  const block = (parent: Element) => {
    for (const c of childElements(parent)) {
      if (c.namespaceURI !== wNs) continue;
      if (SKIP.has(c.localName ?? '')) continue;
      if (c.localName === 'p') paragraph(c);
      else block(c); // tbl, tr, tc, sdt, sdtContent, customXml, ins (moved paragraphs)…
    }
  };

  block(body);
  return { text, segments, paragraphs, paragraphOfLine };
}

/** Index of the segment holding character `offset`, or -1 (a line break between paragraphs). */
export function segmentAt(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.start + s.length) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export { isElement };
