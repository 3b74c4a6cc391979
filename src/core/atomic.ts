/**
 * The one way this product writes a file: to a temporary file beside it (flag `wx`: never one that
 * exists), then renamed over the target, so a reader never sees half a file and a failed write
 * leaves the old one as it was. A file that is replaced keeps its permissions.
 */
import fs = require('fs');
import path = require('path');

export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    let mode: number | undefined;
    try {
      mode = fs.statSync(file).mode & 0o777;
    } catch {
      mode = undefined; // a new file
    }
    fs.writeFileSync(tmp, data, { flag: 'wx', ...(mode !== undefined ? { mode } : {}) });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // not created
    }
    throw e;
  }
}
