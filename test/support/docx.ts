/**
 * Test support for Word files: small packages built from body XML (for the pure tests), LibreOffice
 * conversions (real .docx files made and read back by a Word-compatible application), and a reader
 * of the .odt content LibreOffice writes (visible text with its formatting, comments and their anchors).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import type { Finding } from '../../src/core/types';
import { childElements, isElement, parseXml, type Element, type Node } from '../../src/docx/xml';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>`;

/** The document part around a body (`prefix` other than w: tests namespace handling). */
export function documentXml(body: string, prefix = 'w'): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}:document xmlns:${prefix}="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${body}<${prefix}:sectPr/></${prefix}:body></${prefix}:document>`;
}

/** A minimal .docx package around `body` (paragraph XML with the w: prefix); `extra` adds or replaces parts. */
export async function docxFromBody(body: string, extra: Record<string, string> = {}, prefix = 'w'): Promise<Buffer> {
  const zip = new JSZip();
  const parts: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'word/document.xml': documentXml(body, prefix),
    'word/_rels/document.xml.rels': DOC_RELS,
    'word/styles.xml': STYLES,
    ...extra,
  };
  for (const [k, v] of Object.entries(parts)) zip.file(k, v);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A paragraph of runs: each [text, rPr XML]. */
export function para(...runs: Array<[string, string?]>): string {
  return `<w:p>${runs.map(([t, rPr]) => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(t)}</w:t></w:r>`).join('')}</w:p>`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Every entry of a ZIP, uncompressed. */
export async function zipEntries(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (!f.dir) out.set(name, await f.async('nodebuffer'));
  }
  return out;
}

// ------------------------------------------------------------------ LibreOffice

let sofficePath: string | null | undefined;
/** The soffice binary, or null when LibreOffice is not installed. */
export function soffice(): string | null {
  if (sofficePath === undefined) {
    const r = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
    sofficePath = r.status === 0 && r.stdout.trim() ? r.stdout.trim().split('\n')[0] : null;
  }
  return sofficePath;
}

export const SOFFICE_MISSING =
  'LibreOffice (soffice) is not installed: tests with real .docx files are skipped. Install it with apt-get install -y libreoffice-writer-nogui (.ci/run does).';

/** One LibreOffice profile per test process, so runs never share (or lock) a profile. */
const PROFILE = path.join(os.tmpdir(), `gongwen-lo-profile-${process.pid}`);
process.on('exit', () => fs.rmSync(PROFILE, { recursive: true, force: true }));

/**
 * Converts files with LibreOffice, headless: `to` is a filter spec such as
 * 'docx:MS Word 2007 XML' or 'odt'; `infilter` e.g. 'Text (encoded):UTF8,LF,,,'. Returns the
 * output paths (same base names, in `outdir`).
 */
export function convert(files: string[], to: string, outdir: string, infilter?: string): string[] {
  const bin = soffice();
  if (!bin) throw new Error(SOFFICE_MISSING);
  const args = ['--headless', '--norestore', `-env:UserInstallation=file://${PROFILE}`];
  if (infilter) args.push(`--infilter=${infilter}`);
  args.push('--convert-to', to, '--outdir', outdir, ...files);
  execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const ext = to.split(':')[0];
  const outs = files.map((f) => path.join(outdir, path.basename(f).replace(/\.[^.]+$/, '') + '.' + ext));
  for (const o of outs) if (!fs.existsSync(o)) throw new Error(`LibreOffice did not write ${o}`);
  return outs;
}

/** Text drafts (one paragraph per line) → .docx files made by LibreOffice. */
export function textToDocx(files: string[], outdir: string): string[] {
  return convert(files, 'docx:MS Word 2007 XML', outdir, 'Text (encoded):UTF8,LF,,,');
}

// ------------------------------------------------------------------ reading LibreOffice's .odt

const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const STYLE = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';
const DC = 'http://purl.org/dc/elements/1.1/';

export interface OdtChar {
  ch: string;
  /** The character's formatting: its paragraph's and span's automatic text properties, resolved. */
  format: string;
}

export interface OdtAnnotation {
  creator: string;
  /** The comment's text, its paragraphs joined by \n. */
  body: string;
  /** The body text the comment is anchored on. */
  anchored: string;
}

export interface OdtContent {
  /** Visible body paragraphs (comments, notes and deleted text left out). */
  paragraphs: OdtChar[][];
  annotations: OdtAnnotation[];
  /** Tracked changes: kind, author and (for deletions) the deleted text. */
  changes: Array<{ kind: 'insertion' | 'deletion' | 'format-change'; creator: string; text: string }>;
}

const IGNORED_PROPS = /rsid/;

function textProps(styles: Map<string, Element>, name: string | null): string {
  if (!name) return '';
  const st = styles.get(name);
  if (!st) return `style=${name}`;
  const props: string[] = [];
  const parent = st.getAttributeNS(STYLE, 'parent-style-name');
  if (parent) props.push(`parent=${parent}`);
  for (const c of childElements(st)) {
    if (c.localName !== 'text-properties') continue;
    for (let i = 0; i < c.attributes.length; i++) {
      const a = c.attributes.item(i)!;
      if (!IGNORED_PROPS.test(a.localName ?? '')) props.push(`${a.localName}=${a.value}`);
    }
  }
  return props.sort().join(';');
}

function plainText(n: Node): string {
  let s = '';
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) s += (c as unknown as { data: string }).data;
    else if (isElement(c)) {
      if (c.namespaceURI === TEXT && c.localName === 'p' && s) s += '\n';
      s += plainText(c);
    }
  }
  return s;
}

/** Reads content.xml of an .odt written by LibreOffice. */
export async function readOdt(file: string): Promise<OdtContent> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const doc = parseXml(await zip.file('content.xml')!.async('string'));
  const styles = new Map<string, Element>();
  const auto = childElements(doc.documentElement!).find((e) => e.localName === 'automatic-styles');
  for (const s of auto ? childElements(auto) : []) styles.set(s.getAttributeNS(STYLE, 'name') ?? '', s);
  const body = childElements(childElements(doc.documentElement!).find((e) => e.localName === 'body')!).find((e) => e.localName === 'text')!;

  const out: OdtContent = { paragraphs: [], annotations: [], changes: [] };
  const open = new Map<string, OdtAnnotation>();
  let current: OdtChar[] | undefined;
  let paraFormat = '';

  const emit = (s: string, spanFormat: string) => {
    for (const ch of s) {
      current!.push({ ch, format: `${paraFormat}|${spanFormat}` });
      for (const a of open.values()) a.anchored += ch;
    }
  };
  const inline = (el: Element, spanFormat: string) => {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        emit((c as unknown as { data: string }).data, spanFormat);
        continue;
      }
      if (!isElement(c)) continue;
      const name = c.localName;
      if (c.namespaceURI === OFFICE && name === 'annotation') {
        const a: OdtAnnotation = {
          creator: childElements(c).find((x) => x.namespaceURI === DC && x.localName === 'creator')?.textContent ?? '',
          body: childElements(c)
            .filter((x) => x.namespaceURI === TEXT && x.localName === 'p')
            .map((x) => plainText(x))
            .join('\n'),
          anchored: '',
        };
        out.annotations.push(a);
        const id = c.getAttributeNS(OFFICE, 'name');
        if (id) open.set(id, a);
      } else if (c.namespaceURI === OFFICE && name === 'annotation-end') {
        open.delete(c.getAttributeNS(OFFICE, 'name') ?? '');
      } else if (c.namespaceURI === TEXT && name === 'note') {
        // footnote: its citation and body are not body text
      } else if (c.namespaceURI === TEXT && name === 's') {
        emit(' '.repeat(Number(c.getAttributeNS(TEXT, 'c') || 1)), spanFormat);
      } else if (c.namespaceURI === TEXT && name === 'tab') {
        emit('\t', spanFormat);
      } else if (c.namespaceURI === TEXT && name === 'line-break') {
        emit('\n', spanFormat);
      } else if (c.namespaceURI === TEXT && name === 'span') {
        inline(c, textProps(styles, c.getAttributeNS(TEXT, 'style-name')));
      } else {
        inline(c, spanFormat); // a, date, page-number, change-start/end (empty), bookmarks…
      }
    }
  };
  const block = (el: Element) => {
    for (const c of childElements(el)) {
      if (c.namespaceURI === TEXT && c.localName === 'tracked-changes') {
        for (const region of childElements(c)) {
          for (const k of childElements(region)) {
            const info = childElements(k).find((x) => x.localName === 'change-info');
            const creator = info ? (childElements(info).find((x) => x.localName === 'creator')?.textContent ?? '') : '';
            const text = childElements(k)
              .filter((x) => x.localName === 'p')
              .map((x) => plainText(x))
              .join('\n');
            out.changes.push({ kind: k.localName as OdtContent['changes'][number]['kind'], creator, text });
          }
        }
      } else if (c.namespaceURI === TEXT && (c.localName === 'p' || c.localName === 'h')) {
        current = [];
        paraFormat = textProps(styles, c.getAttributeNS(TEXT, 'style-name'));
        out.paragraphs.push(current);
        inline(c, '');
      } else if (c.localName !== 'sequence-decls') {
        block(c); // table, table-row, table-cell, section, list…
      }
    }
  };
  block(body);
  return out;
}

/** The visible text of an .odt's paragraphs, one per line. */
export function odtText(c: OdtContent): string {
  return c.paragraphs.map((p) => p.map((x) => x.ch).join('')).join('\n');
}

// ------------------------------------------------------------------ findings and Word-made files

/** A finding of a test rule on [start, end), with a fix to `fix` if given. */
export function finding(start: number, end: number, fix?: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'test-rule',
    category: 'nonstandard',
    severity: 'warning',
    start,
    end,
    message: `第 ${start} 至 ${end} 字有问题`,
    ...(fix !== undefined ? { fix: { start, end, text: fix } } : {}),
    ...extra,
  };
}

/** .docx files written by Microsoft Word, shipped with mammoth (a dependency) as its test data. */
export const WORD_FILES = path.join(path.resolve(__dirname, '../..'), 'node_modules', 'mammoth', 'test', 'test-data');
export function wordFiles(): string[] {
  return fs.existsSync(WORD_FILES) ? fs.readdirSync(WORD_FILES).filter((f) => f.endsWith('.docx')).sort() : [];
}

/** One finding with a fix on the 2nd and 3rd characters of every line of 4 or more. */
export function findingPerLine(text: string): Finding[] {
  const out: Finding[] = [];
  let o = 0;
  for (const line of text.split('\n')) {
    if (line.length >= 4) out.push(finding(o + 1, o + 3, '〔改〕'));
    o += line.length + 1;
  }
  return out;
}


/**
 * The entries of a ZIP as stored: compression method, CRC and the compressed bytes, read from the
 * central directory and local headers (no ZIP64, as .docx files are). Shows whether an entry was
 * copied as it was or compressed again.
 */
export function rawZipEntries(zip: Buffer): Map<string, { method: number; crc: number; data: Buffer }> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, { method: number; crc: number; data: Buffer }>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { method, crc, data: zip.subarray(dataStart, dataStart + size) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
