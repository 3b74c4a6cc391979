/**
 * Where the annotated copy goes and how it is written: beside the draft as 稿子.批注.docx (a free
 * name if that exists: 稿子.批注(2).docx …), never over the draft itself, and atomically (a temporary
 * file in the same folder, then a rename), so a crash never leaves half a file under the final name.
 */
import fs = require('fs');
import path = require('path');

export const ANNOTATED_SUFFIX = '.批注';

/** draft.docx → draft.批注.docx, or the first of draft.批注(2).docx, (3)… that does not exist. */
export function defaultAnnotatedPath(draft: string, exists: (p: string) => boolean = fs.existsSync): string {
  const ext = path.extname(draft);
  const base = draft.slice(0, draft.length - ext.length) + ANNOTATED_SUFFIX;
  let p = `${base}${ext || '.docx'}`;
  for (let n = 2; exists(p); n++) p = `${base}(${n})${ext || '.docx'}`;
  return p;
}

/** Same file (after resolving links), or both missing and the same absolute path. */
export function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

export { writeFileAtomic } from '../core/atomic';
