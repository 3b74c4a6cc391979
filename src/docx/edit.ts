/**
 * Editing a Word body through the text map of text.ts: splitting runs at text offsets (each half
 * keeps the run's properties, w:rPr, so fonts such as 仿宋_GB2312 and sizes stay), anchoring a
 * comment on a range, and writing a replacement as a tracked change (w:del + w:ins).
 *
 * Use in three phases: `splitAt` every boundary first (comments and changes), then `addComment`
 * for each finding, then `addChange`. Splitting moves nodes but keeps the map exact; the later
 * phases insert new elements and do not split any more.
 */
import { segmentAt, type BodyText, type Segment } from './text';
import { childElements, insertAfter, ownText, setOwnText, XML_NS, type Document, type Element } from './xml';

export interface Revision {
  author: string;
  /** xsd:dateTime, e.g. 2026-12-02T09:30:00Z */
  date: string;
}

/** Run children a tracked deletion may take: text and the one-character elements, nothing else. */
const PLAIN_RUN_CHILDREN = new Set(['rPr', 't', 'tab', 'ptab', 'noBreakHyphen', 'softHyphen', 'lastRenderedPageBreak']);

export class BodyEditor {
  readonly segments: Segment[];
  private readonly prefix: string;

  constructor(
    private readonly doc: Document,
    private readonly wNs: string,
    private readonly body: BodyText,
  ) {
    this.segments = body.segments;
    const p = doc.documentElement!.lookupPrefix(wNs);
    this.prefix = p ? `${p}:` : '';
  }

  get text(): string {
    return this.body.text;
  }

  el(name: string, attrs: Record<string, string> = {}): Element {
    const e = this.doc.createElementNS(this.wNs, this.prefix + name);
    for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(this.wNs, this.prefix + k, v);
    return e;
  }

  private isW(e: Element, name: string): boolean {
    return e.namespaceURI === this.wNs && e.localName === name;
  }

  /** Makes `offset` a run boundary: the characters before and after it end up in different runs. */
  splitAt(offset: number): void {
    if (offset <= 0 || offset >= this.text.length) return;
    let i = segmentAt(this.segments, offset);
    if (i < 0) return; // between paragraphs
    const seg = this.segments[i];
    if (seg.start < offset) {
      if (seg.kind !== 't') return; // one-character elements cannot be cut
      this.splitText(i, offset - seg.start);
      i++;
    }
    const prev = this.segments[i - 1];
    const cur = this.segments[i];
    if (prev && prev.start + prev.length === offset && prev.run === cur.run) this.splitRun(i);
  }

  /** Cuts the w:t of segment i after k units: two w:t elements, both keeping their spaces. */
  private splitText(i: number, k: number): void {
    const seg = this.segments[i];
    const s = ownText(seg.node);
    const tail = seg.node.cloneNode(false) as Element;
    setOwnText(seg.node, s.slice(0, k));
    setOwnText(tail, s.slice(k));
    seg.node.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    tail.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    insertAfter(tail, seg.node);
    this.segments.splice(i + 1, 0, { ...seg, start: seg.start + k, length: seg.length - k, node: tail });
    seg.length = k;
  }

  /** Moves segment i's node and everything after it in its run into a new run with the same properties. */
  private splitRun(i: number): void {
    const seg = this.segments[i];
    const run = seg.run;
    const next = run.cloneNode(false) as Element;
    const rPr = childElements(run).find((c) => this.isW(c, 'rPr'));
    if (rPr) next.appendChild(rPr.cloneNode(true));
    for (let n: Element['firstChild'] = seg.node; n; ) {
      const after: Element['firstChild'] = n.nextSibling;
      next.appendChild(n);
      n = after;
    }
    insertAfter(next, run);
    for (let j = i; j < this.segments.length && this.segments[j].run === run; j++) this.segments[j].run = next;
  }

  /** First segment starting in [s, e), last segment ending in (s, e]. */
  private span(s: number, e: number): [number, number] | undefined {
    let a = -1;
    let b = -1;
    // segments are sorted by start: binary search for the first that ends after s
    let lo = 0;
    let hi = this.segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid].start + this.segments[mid].length <= s) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < this.segments.length && this.segments[j].start < e; j++) {
      if (a < 0) a = j;
      b = j;
    }
    return a < 0 ? undefined : [a, b];
  }

  /**
   * The element next to which a marker goes for a run: the run itself, or the simple field
   * around it (a marker inside w:fldSimple would be lost when Word updates the field).
   */
  private anchorOf(run: Element): Element {
    const p = run.parentNode as Element | null;
    return p && this.isW(p, 'fldSimple') ? p : run;
  }

  /**
   * Anchors comment `id` on the text [s, e): w:commentRangeStart before the run of its first
   * character, w:commentRangeEnd after the run of its last, then the run holding the reference.
   * Returns false if the range holds no text of the body.
   */
  addComment(id: number, s: number, e: number): boolean {
    const sp = this.span(s, e);
    if (!sp) return false;
    // Text shown by a field (a date, a cross-reference) is recomputed by Word, and markers
    // inside it are lost: the comment then covers the whole field.
    const a = this.segments[sp[0]];
    const b = this.segments[sp[1]];
    const first = a.field ? a.field.begin : this.anchorOf(a.run);
    const last = b.field ? (b.field.end ?? b.run) : this.anchorOf(b.run);
    const ids = String(id);
    first.parentNode!.insertBefore(this.el('commentRangeStart', { id: ids }), first);
    const end = this.el('commentRangeEnd', { id: ids });
    insertAfter(end, last);
    const ref = this.el('r');
    ref.appendChild(this.el('commentReference', { id: ids }));
    insertAfter(ref, end);
    return true;
  }

  /**
   * Writes the replacement of [s, e) by `text` as a tracked change: the runs of [s, e) wrapped in
   * w:del (their w:t become w:delText), then a w:ins run with the first run's properties.
   * Refused (false) where a tracked change could damage the document or mislead: a range that
   * crosses paragraphs, lies in a field result, or whose runs hold more than text (a footnote
   * reference, a drawing…); a replacement holding a line break.
   */
  addChange(s: number, e: number, text: string, rev: Revision, nextId: () => number): boolean {
    if (/[\r\n]/.test(text)) return false;
    if (s === e) return this.addInsertion(s, text, rev, nextId);
    const sp = this.span(s, e);
    if (!sp) return false;
    const segs = this.segments.slice(sp[0], sp[1] + 1);
    let covered = 0;
    for (const g of segs) {
      if (g.start < s || g.start + g.length > e || g.inField || g.paragraph !== segs[0].paragraph) return false;
      covered += g.length;
    }
    if (covered !== e - s) return false; // a paragraph break inside
    const runs: Element[] = [];
    for (const g of segs) if (runs[runs.length - 1] !== g.run) runs.push(g.run);
    // every run wholly inside the range, holding only text
    for (const r of runs) {
      if (!childElements(r).every((c) => c.namespaceURI === this.wNs && PLAIN_RUN_CHILDREN.has(c.localName ?? ''))) return false;
      if (this.segments.some((g) => g.run === r && (g.start < s || g.start + g.length > e))) return false;
    }
    const rPr = childElements(runs[0]).find((c) => this.isW(c, 'rPr'));
    let del: Element | undefined;
    for (const r of runs) {
      if (!del || del.nextSibling !== r) {
        del = this.el('del', { id: String(nextId()), author: rev.author, date: rev.date });
        r.parentNode!.insertBefore(del, r);
      }
      del.appendChild(r);
      for (const t of childElements(r)) if (this.isW(t, 't')) this.rename(t, 'delText');
    }
    if (text) insertAfter(this.insRun(text, rPr, rev, nextId), del!);
    return true;
  }

  private addInsertion(at: number, text: string, rev: Revision, nextId: () => number): boolean {
    if (!text) return false;
    // after the character before `at` if it is in the same paragraph, else before the one at `at`
    const before = segmentAt(this.segments, at - 1);
    const after = segmentAt(this.segments, at);
    const bs = before >= 0 ? this.segments[before] : undefined;
    const as = after >= 0 ? this.segments[after] : undefined;
    const useBefore = bs && bs.start + bs.length === at && (!as || as.paragraph === bs.paragraph);
    const seg = useBefore ? bs : as && as.start === at ? as : undefined;
    if (!seg || seg.inField) return false;
    const rPr = childElements(seg.run).find((c) => this.isW(c, 'rPr'));
    const ins = this.insRun(text, rPr, rev, nextId);
    if (useBefore) {
      // right after the run, before any comment end markers that follow it
      insertAfter(ins, seg.run);
    } else seg.run.parentNode!.insertBefore(ins, seg.run);
    return true;
  }

  private insRun(text: string, rPr: Element | undefined, rev: Revision, nextId: () => number): Element {
    const ins = this.el('ins', { id: String(nextId()), author: rev.author, date: rev.date });
    const r = this.el('r');
    if (rPr) r.appendChild(rPr.cloneNode(true));
    const t = this.el('t');
    t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    t.appendChild(this.doc.createTextNode(text));
    r.appendChild(t);
    ins.appendChild(r);
    return ins;
  }

  /** Replaces element `t` by an element `name` with the same attributes and children. */
  private rename(t: Element, name: string): void {
    const n = this.el(name);
    for (let i = 0; i < t.attributes.length; i++) {
      const a = t.attributes.item(i)!;
      if (a.namespaceURI) n.setAttributeNS(a.namespaceURI, a.name, a.value);
      else n.setAttribute(a.name, a.value);
    }
    while (t.firstChild) n.appendChild(t.firstChild);
    t.parentNode!.replaceChild(n, t);
    for (const g of this.segments) if (g.node === t) g.node = n;
  }
}
