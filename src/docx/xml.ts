/**
 * XML helpers for the parts of a .docx: a strict parser (any XML error is refused, never
 * "repaired" silently), the serializer, and element navigation by namespace and local name, so
 * a document that uses another prefix than `w:` reads the same.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

export type { Document, Element, Node };

/** WordprocessingML main namespace (transitional, as Word and LibreOffice write it) and strict. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const W_NS_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
export const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export function parseXml(source: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlError(String(message).split('\n')[0]);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(source, 'application/xml');
  } catch (e) {
    throw new XmlError((e as Error).message.split('\n')[0]);
  }
  if (!doc.documentElement) throw new XmlError('no root element');
  return doc;
}

export function serializeXml(doc: Document): string {
  return new XMLSerializer().serializeToString(doc);
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

export function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === ELEMENT_NODE;
}

/** Element children of `el`, as an array (safe to use while moving nodes). */
export function childElements(el: Node): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** `el` is the element `ns:name` (namespace URI and local name). */
export function isEl(el: Node | null | undefined, ns: string, name: string): el is Element {
  return isElement(el) && el.namespaceURI === ns && el.localName === name;
}

export function firstChild(el: Node, ns: string, name: string): Element | undefined {
  for (let c = el.firstChild; c; c = c.nextSibling) if (isEl(c, ns, name)) return c;
  return undefined;
}

/** Concatenated character data of a node's text and CDATA children. */
export function ownText(el: Node): string {
  let s = '';
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE) s += (c as unknown as { data: string }).data;
  }
  return s;
}

/** Replaces a node's children by one text node. */
export function setOwnText(el: Element, text: string): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(el.ownerDocument!.createTextNode(text));
}

/** Every descendant element `ns:name` of `root`, in document order. */
export function descendants(root: Node, ns: string, name: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (!isElement(c)) continue;
      if (c.namespaceURI === ns && c.localName === name) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

export function insertAfter(node: Node, ref: Node): void {
  const parent = ref.parentNode!;
  if (ref.nextSibling) parent.insertBefore(node, ref.nextSibling);
  else parent.appendChild(node);
}

/** The value of attribute `ns:name` ('' when absent). */
export function wAttr(el: Element, ns: string, name: string): string {
  return el.getAttributeNS(ns, name) ?? '';
}
