/** Text of a .docx file, via mammoth's raw-text extraction (paragraphs become lines). */
export async function docxText(bytes: Buffer): Promise<string> {
  // mammoth is only needed when a .docx is mined
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mammoth = require('mammoth') as { extractRawText(o: { buffer: Buffer }): Promise<{ value: string }> };
  const r = await mammoth.extractRawText({ buffer: bytes });
  return r.value.replace(/\n{2,}/g, '\n');
}
