/**
 * The annotated copy of a Word draft: one comment (批注) per finding, anchored on the finding's
 * text, and optionally each fix as a tracked change (修订). Only three parts change: the main
 * document, the comments part (created or extended), and — when the comments part is new — the
 * document's relationships and [Content_Types].xml. Every other entry of the package keeps its
 * bytes (JSZip copies an unchanged entry's compressed data as it was read).
 */
import type JSZip from 'jszip';
import type { Finding } from '../core/types';
import { explanationLines } from '../core/report/labels';
import { BodyEditor, type Revision } from './edit';
import { bodyText, dirOf, encodeXml, openDocx, readPart, relsPathOf, resolvePartPath } from './package';
import { childElements, CT_NS, isEl, parseXml, REL_NS, serializeXml, W_NS_STRICT, XML_NS, type Document, type Element } from './xml';

export const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
export const COMMENTS_REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/comments';
export const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
export const AUTHOR = '公文写作助手';

export interface AnnotateOptions {
  /** Also write each fix as a tracked change. */
  fixes?: boolean;
  author?: string;
  initials?: string;
  /** Time stamp of the comments and changes (default: now). */
  now?: Date;
}

export interface AnnotateResult {
  bytes: Buffer;
  /** The body text the findings refer to. */
  text: string;
  findings: Finding[];
  /** Comments written (findings whose range holds body text). */
  comments: number;
  /** Fixes written as tracked changes. */
  changes: number;
  /** Fixes not written as tracked changes (overlapping another, or where a change could do harm). */
  changesSkipped: number;
}

/**
 * The range a comment anchors on: the finding's; for an empty one (a missing character), the
 * character before it on its line (so a fix inserted there falls inside the range), else the one after.
 */
export function commentRange(f: Finding, text: string): [number, number] {
  if (f.end > f.start) return [f.start, f.end];
  if (f.start > 0 && text[f.start - 1] !== '\n') return [f.start - 1, f.start];
  if (f.start < text.length && text[f.start] !== '\n') return [f.start, f.start + 1];
  return [f.start, f.end];
}

/** Fixes that do not overlap (the first one wins, as core/fix.ts applies them). */
function separateFixes(findings: readonly Finding[]): Finding[] {
  const withFix = findings.filter((f) => f.fix).sort((a, b) => a.fix!.start - b.fix!.start || a.fix!.end - b.fix!.end);
  const out: Finding[] = [];
  let until = -1;
  for (const f of withFix) {
    if (f.fix!.start < until) continue;
    out.push(f);
    until = Math.max(f.fix!.end, f.fix!.start + (f.fix!.start === f.fix!.end ? 1 : 0));
  }
  return out;
}

function maxId(root: Element, ns: string): number {
  let max = -1;
  const walk = (e: Element) => {
    const v = e.getAttributeNS(ns, 'id');
    if (v && /^-?\d+$/.test(v)) max = Math.max(max, Number(v));
    for (const c of childElements(e)) walk(c);
  };
  walk(root);
  return max;
}

function xsdDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A w:comment holding one paragraph per line. */
export function commentElement(doc: Document, wNs: string, id: number, lines: string[], rev: Revision, initials: string): Element {
  const p = doc.documentElement!.lookupPrefix(wNs);
  const q = p ? `${p}:` : '';
  const el = (name: string, attrs: Record<string, string> = {}) => {
    const e = doc.createElementNS(wNs, q + name);
    for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(wNs, q + k, v);
    return e;
  };
  const c = el('comment', { id: String(id), author: rev.author, date: rev.date, initials });
  lines.forEach((line, i) => {
    const para = el('p');
    if (i === 0) {
      const ref = el('r');
      ref.appendChild(el('annotationRef'));
      para.appendChild(ref);
    }
    const r = el('r');
    const t = el('t');
    t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    t.appendChild(doc.createTextNode(line));
    r.appendChild(t);
    para.appendChild(r);
    c.appendChild(para);
  });
  return c;
}

export function emptyCommentsPart(wNs: string): Document {
  return parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${wNs}"></w:comments>`);
}

async function findCommentsPart(zip: JSZip, mainPath: string): Promise<{ rels?: Document; relsPath: string; commentsPath?: string }> {
  const relsPath = relsPathOf(mainPath);
  const rels = await readPart(zip, relsPath);
  if (rels) {
    for (const r of childElements(rels.documentElement!)) {
      const type = r.getAttribute('Type');
      if (isEl(r, REL_NS, 'Relationship') && (type === COMMENTS_REL || type === COMMENTS_REL_STRICT) && r.getAttribute('TargetMode') !== 'External') {
        return { rels, relsPath, commentsPath: resolvePartPath(dirOf(mainPath), r.getAttribute('Target') ?? '') };
      }
    }
  }
  return { rels, relsPath };
}

/** Registers a new comments part: a relationship from the main document and a content type. */
async function registerCommentsPart(zip: JSZip, mainPath: string, rels: Document | undefined, relsPath: string, commentsPath: string, strict: boolean): Promise<void> {
  const relDoc = rels ?? parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"></Relationships>`);
  const root = relDoc.documentElement!;
  const used = new Set(childElements(root).map((r) => r.getAttribute('Id')));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const rel = relDoc.createElementNS(REL_NS, 'Relationship');
  rel.setAttribute('Id', `rId${n}`);
  rel.setAttribute('Type', strict ? COMMENTS_REL_STRICT : COMMENTS_REL);
  const dir = dirOf(mainPath);
  rel.setAttribute('Target', dir && commentsPath.startsWith(dir + '/') ? commentsPath.slice(dir.length + 1) : `/${commentsPath}`);
  root.appendChild(rel);
  zip.file(relsPath, encodeXml(serializeXml(relDoc)));

  const ct = await readPart(zip, '[Content_Types].xml');
  if (!ct) return; // a package without content types is not one Word opens anyway
  const types = ct.documentElement!;
  const partName = `/${commentsPath}`;
  const has = childElements(types).some((o) => isEl(o, CT_NS, 'Override') && o.getAttribute('PartName')?.toLowerCase() === partName.toLowerCase());
  if (!has) {
    const o = ct.createElementNS(CT_NS, 'Override');
    o.setAttribute('PartName', partName);
    o.setAttribute('ContentType', COMMENTS_CT);
    types.appendChild(o);
    zip.file('[Content_Types].xml', encodeXml(serializeXml(ct)));
  }
}

/**
 * Annotates a .docx: `findingsOf` gets the body text (text.ts) and returns the findings to write
 * (already filtered by severity). Throws DocxError for unreadable files.
 */
export async function annotateDocx(
  bytes: Uint8Array,
  findingsOf: (text: string) => Finding[] | Promise<Finding[]>,
  opts: AnnotateOptions = {},
): Promise<AnnotateResult> {
  const pkg = await openDocx(bytes);
  const body = bodyText(pkg);
  const text = body.text;
  const findings = await findingsOf(text);
  const rev: Revision = { author: opts.author ?? AUTHOR, date: xsdDate(opts.now ?? new Date()) };
  const editor = new BodyEditor(pkg.doc, pkg.wNs, body);

  const fixes = opts.fixes ? separateFixes(findings) : [];
  const ranges = findings.map((f) => commentRange(f, text));
  for (const [s, e] of ranges) {
    editor.splitAt(s);
    editor.splitAt(e);
  }
  for (const f of findings) {
    const [s, e] = commentRange({ ...f, end: f.start }, text);
    editor.splitAt(s);
    editor.splitAt(e);
  }
  for (const f of fixes) {
    editor.splitAt(f.fix!.start);
    editor.splitAt(f.fix!.end);
  }

  const { rels, relsPath, commentsPath: existing } = await findCommentsPart(pkg.zip, pkg.mainPath);
  const commentsPath = existing ?? resolvePartPath(dirOf(pkg.mainPath), 'comments.xml');
  const commentsDoc = (existing && (await readPart(pkg.zip, existing))) || emptyCommentsPart(pkg.wNs);
  let id = Math.max(maxId(pkg.doc.documentElement!, pkg.wNs), maxId(commentsDoc.documentElement!, pkg.wNs)) + 1;
  const nextId = () => id++;

  let comments = 0;
  findings.forEach((f, i) => {
    const cid = id;
    // A range holding no body text (only a paragraph break) anchors like an empty finding.
    const near = commentRange({ ...f, end: f.start }, text);
    if (!editor.addComment(cid, ranges[i][0], ranges[i][1]) && !editor.addComment(cid, near[0], near[1])) return;
    nextId();
    commentsDoc.documentElement!.appendChild(commentElement(commentsDoc, pkg.wNs, cid, explanationLines(f, text), rev, opts.initials ?? '公文'));
    comments++;
  });
  let changes = 0;
  for (const f of fixes) if (editor.addChange(f.fix!.start, f.fix!.end, f.fix!.text, rev, nextId)) changes++;

  // nothing to write: the copy keeps the document part's bytes too
  if (comments || changes) pkg.zip.file(pkg.mainPath, encodeXml(serializeXml(pkg.doc)));
  if (comments) {
    pkg.zip.file(commentsPath, encodeXml(serializeXml(commentsDoc)));
    if (!existing) await registerCommentsPart(pkg.zip, pkg.mainPath, rels, relsPath, commentsPath, pkg.wNs === W_NS_STRICT);
  }
  const out = await pkg.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { bytes: out, text, findings, comments, changes, changesSkipped: opts.fixes ? findings.filter((f) => f.fix).length - changes : 0 };
}
