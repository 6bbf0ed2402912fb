/** The formula audit engine: one engine for the task pane's Audit tab and `npx salesops audit`. */
export { auditWorkbook, AuditCancelled } from './audit';
export { toMarkdown, toJson, reportRows, writeReportSheet, REPORT_SHEET } from './report';
export type { AuditOptions, AuditProgress, AuditReport, AuditSummary, Explanation, Finding, FindingKind, InventoryItem, RangeRead, Severity } from './types';
