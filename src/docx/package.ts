/**
 * Opening a .docx package (a ZIP of XML parts): the main document part found through the
 * package relationships, parsed strictly. Anything that is not a readable Word package becomes a
 * `DocxError` with a one-line Chinese message (an encrypted file or a legacy .doc is an OLE
 * compound file, not a ZIP).
 */
import JSZip from 'jszip';
import { childElements, firstChild, isEl, parseXml, REL_NS, W_NS, W_NS_STRICT, XmlError, type Document, type Element } from './xml';
import { extractBodyText, type BodyText } from './text';

export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

export const OFFICE_DOCUMENT_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const OFFICE_DOCUMENT_REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument';

/** OLE compound file (CFB) signature: encrypted OOXML and legacy .doc files start with it. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export interface DocxPackage {
  zip: JSZip;
  /** Path of the main document part inside the package, e.g. word/document.xml. */
  mainPath: string;
  doc: Document;
  body: Element;
  /** The WordprocessingML namespace the document uses. */
  wNs: string;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Resolves a relationship target against the folder of the part that owns the relationships. */
export function resolvePartPath(fromDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : fromDir ? `${fromDir}/${target}` : target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Path of the relationships part of `partPath`: word/document.xml → word/_rels/document.xml.rels. */
export function relsPathOf(partPath: string): string {
  const i = partPath.lastIndexOf('/');
  return `${partPath.slice(0, i + 1)}_rels/${partPath.slice(i + 1)}.rels`;
}

export function dirOf(partPath: string): string {
  const i = partPath.lastIndexOf('/');
  return i < 0 ? '' : partPath.slice(0, i);
}

/**
 * The text of an XML part: UTF-8 (a byte order mark dropped, as some producers write one) or
 * UTF-16 with its byte order mark, as OPC allows.
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
}

/** A part as written back: always UTF-8, so an XML declaration that says otherwise is corrected. */
export function encodeXml(xml: string): string {
  return xml.replace(/^(<\?xml[^>]*?encoding=")[^"]*(")/, '$1UTF-8$2');
}

export async function readPart(zip: JSZip, path: string, what = path): Promise<Document | undefined> {
  const f = zip.file(path);
  if (!f) return undefined;
  let xml: string;
  try {
    xml = decodeXml(await f.async('uint8array'));
  } catch (e) {
    throw new DocxError(`不是有效的 .docx 文件（${what} 无法解压）`);
  }
  try {
    return parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new DocxError(`Word 文档已损坏（${what} 不是合法的 XML）`);
    throw e;
  }
}

export async function openDocx(bytes: Uint8Array): Promise<DocxPackage> {
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new DocxError('是加密的 Word 文档或旧版 .doc 文件（OLE 复合文件），无法读取；请在 Word 中取消密码保护，或另存为 .docx');
  }
  if (!startsWith(bytes, [0x50, 0x4b])) throw new DocxError('不是有效的 .docx 文件（不是 ZIP 压缩包）');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw new DocxError('不是有效的 .docx 文件（ZIP 结构损坏）');
  }
  let mainPath = 'word/document.xml';
  const rels = await readPart(zip, '_rels/.rels');
  if (rels) {
    for (const r of childElements(rels.documentElement!)) {
      const type = r.getAttribute('Type');
      if (r.namespaceURI === REL_NS && r.localName === 'Relationship' && (type === OFFICE_DOCUMENT_REL || type === OFFICE_DOCUMENT_REL_STRICT)) {
        mainPath = resolvePartPath('', r.getAttribute('Target') ?? '');
        break;
      }
    }
  }
  const doc = await readPart(zip, mainPath);
  if (!doc) throw new DocxError(`不是 Word 文档（找不到正文部分 ${mainPath}）`);
  const root = doc.documentElement!;
  const wNs = root.namespaceURI === W_NS_STRICT ? W_NS_STRICT : W_NS;
  if (!isEl(root, wNs, 'document')) throw new DocxError(`不是 Word 文档（${mainPath} 不是 WordprocessingML 正文）`);
  const body = firstChild(root, wNs, 'body');
  if (!body) throw new DocxError(`Word 文档已损坏（${mainPath} 没有 w:body）`);
  return { zip, mainPath, doc, body, wNs };
}

export function bodyText(pkg: DocxPackage): BodyText {
  return extractBodyText(pkg.body, pkg.wNs);
}

/**
 * The body text of a .docx (see text.ts for what is read) and the paragraph of each of its lines;
 * throws DocxError for unreadable files.
 */
export async function readDocx(bytes: Uint8Array): Promise<{ text: string; paragraphOfLine: number[] }> {
  const { text, paragraphOfLine } = bodyText(await openDocx(bytes));
  return { text, paragraphOfLine };
}

export async function readDocxText(bytes: Uint8Array): Promise<string> {
  return (await readDocx(bytes)).text;
}
