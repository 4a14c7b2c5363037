import type { IngestReport } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { Runner } from '../db/runner.ts';
import { shareableSettings, type ReviewSettings } from '../settings/schema.ts';
import { csvLine } from '../lib/csv-write.ts';
import { engagementOf, fileHeading, preparedLine } from './engagement.ts';
import { settingsRows } from './settings-rows.ts';
import { headerWithUnit, type TableColumn } from './table-columns.ts';
import { GAP_REGISTER_COLUMNS, gapRegister, type GapRegisterRow } from './gap-register.ts';
import { RECLAMATION_COLUMNS, reclamationList, type ReclamationRow } from './reclamation-list.ts';
import type { Redactor } from './redact.ts';
import { BRIEF_OFFERING_COLUMNS, briefOfferingRows, renewalBrief, renewalBriefMarkdown, type RenewalBrief } from './renewal-brief.ts';
import { reviewDocument, type ReviewDocument } from './review-json.ts';
import { SELF_REPORT_COLUMNS, selfReport, selfReportCover, selfReportCoverMarkdown, type SelfReportCover, type SelfReportRow } from './self-report.ts';
import { workbookBytes, type SheetSpec } from './xlsx-write.ts';

/** The deliverables as data (for the page's print layout) and as the files the page downloads and the twin writes. */
export interface DeliverablesResult {
  deliverables: Deliverables;
  files: DeliverableFile[];
}

export interface Deliverables {
  redacted: boolean;
  window: ReviewWindow | null;
  settings: ReviewSettings;
  reclamation: ReclamationRow[];
  gaps: GapRegisterRow[];
  brief: RenewalBrief;
  self_report: SelfReportRow[];
  self_report_cover: SelfReportCover;
  /** review.json, with the same redaction. */
  review: ReviewDocument;
}

export interface DeliverableFile {
  name: string;
  type: string;
  content: string | Uint8Array;
}

/** Builds every deliverable from a review (the self-report reads the database: it needs session times). */
export async function buildDeliverables(runner: Runner, review: Review, ingest: readonly IngestReport[], redactor: Redactor, redacted: boolean): Promise<Deliverables> {
  const gaps = gapRegister(review);
  const rows = review.window ? await selfReport(runner, review.window) : [];
  return redactor.value({
    redacted,
    window: review.window,
    settings: shareableSettings(review.settings),
    reclamation: reclamationList(review),
    gaps,
    brief: renewalBrief(review, ingest, gaps),
    self_report: rows,
    self_report_cover: selfReportCover(review, ingest, rows),
    review: reviewDocument([...ingest], review),
  });
}

const CSV = 'text/csv;charset=utf-8';

/**
 * A register as CSV: the file heading (what it is, for whom, the window, the currency) on the first line, an empty
 * line, then the header row in words and one row per record.
 */
function registerCsv<Row extends object>(title: string, d: Deliverables, columns: readonly TableColumn<Row>[], rows: readonly Row[]): string {
  const e = engagementOf(d.settings, d.window);
  return csvLine([fileHeading(title, e)]) + '\r\n' + csvLine(columns.map((c) => headerWithUnit(c, e.currency))) + rows.map((r) => csvLine(columns.map((c) => r[c.key]))).join('');
}

/** The files of the deliverables, as the page downloads them and the headless twin writes them. */
export function deliverableFiles(d: Deliverables): DeliverableFile[] {
  return [
    { name: 'reclamation-list.csv', type: CSV, content: registerCsv('Action list: one action per seat', d, RECLAMATION_COLUMNS, d.reclamation) },
    { name: 'gap-register.csv', type: CSV, content: registerCsv('Compliance gap register', d, GAP_REGISTER_COLUMNS, d.gaps) },
    { name: 'renewal-brief.md', type: 'text/markdown;charset=utf-8', content: renewalBriefMarkdown(d.brief) },
    { name: 'review.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: workbookBytes(workbookSheets(d), { currency: d.settings.prices.currency }) },
    { name: 'self-report.csv', type: CSV, content: registerCsv('Usage self-report', d, SELF_REPORT_COLUMNS, d.self_report) },
    { name: 'self-report-cover.md', type: 'text/markdown;charset=utf-8', content: selfReportCoverMarkdown(d.self_report_cover) },
    { name: 'review.json', type: 'application/json;charset=utf-8', content: `${JSON.stringify(d.review, null, 2)}\n` },
  ];
}

const sheetColumns = <Row>(columns: readonly TableColumn<Row>[]) => columns.map(({ key, header, format }) => ({ key, header, format }));
const records = (rows: readonly object[]) => rows as unknown as Record<string, unknown>[];

/** The workbook: a cover, the three deliverables, the self-report and the settings used, one sheet each. */
export function workbookSheets(d: Deliverables): SheetSpec[] {
  const e = engagementOf(d.settings, d.window);
  const cover = [
    { item: 'Review', value: fileHeading('LRT Review', e) },
    ...(preparedLine(e) ? [{ item: 'Prepared', value: preparedLine(e) }] : []),
    { item: 'Review window', value: e.window ? `${e.window.start} to ${e.window.end}` : 'none (no usage data)' },
    { item: 'Currency', value: e.currency },
    ...(d.redacted ? [{ item: 'Personal data', value: 'redacted: people and devices appear as stable pseudonyms' }] : []),
    { item: 'Action list', value: `${d.reclamation.length} seats, one action each; their savings a year add up to the review's savings` },
    { item: 'Gap register', value: `${d.gaps.length} compliance gaps, each with its evidence, exposure and remediation` },
    { item: 'Renewal brief', value: `${d.brief.offerings.length} offerings, with the recommendation for the renewal` },
    { item: 'Self-report', value: `${d.self_report.length} product-months of usage, without personal data` },
  ];
  return [
    { name: 'About', list: false, columns: [{ key: 'item', header: 'About this workbook' }, { key: 'value', header: '' }], rows: cover },
    { name: 'Action list', columns: sheetColumns(RECLAMATION_COLUMNS), rows: records(d.reclamation) },
    { name: 'Gap register', columns: sheetColumns(GAP_REGISTER_COLUMNS), rows: records(d.gaps) },
    { name: 'Renewal brief', columns: sheetColumns(BRIEF_OFFERING_COLUMNS), rows: records(briefOfferingRows(d.brief)) },
    { name: 'Self-report', columns: sheetColumns(SELF_REPORT_COLUMNS), rows: records(d.self_report) },
    { name: 'Settings', columns: [{ key: 'setting', header: 'Setting' }, { key: 'value', header: 'Value' }], rows: settingsRows(d.settings) },
  ];
}
