/** The 审校报告: content (model.ts) and its two formats. Pure: no file system, no 'vscode'. */
export { buildReport, buildFileReport, type Report, type ReportInput, type ReportFileInput } from './model';
export { renderHtml, escapeHtml } from './html';
export { renderMarkdown, escapeMarkdown } from './markdown';
export * from './labels';
