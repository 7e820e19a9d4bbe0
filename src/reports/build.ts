// The yearly report's three files from the database: data (core/yearly-report.ts), then .docx, .xlsx
// and .csv. One function for every caller — the report process (build-process.ts), the in-process
// fallback for an in-memory database (outside.ts) and the benchmark — so they cannot drift apart.
import { buildReport } from '../core/yearly-report.js';
import type { Db } from '../db/open.js';
import type { TFunction } from '../i18n.js';
import { reportCsv } from './csv.js';
import { reportDocx } from './docx.js';
import { documentLabels } from './labels.js';
import { reportXlsx } from './xlsx.js';

export interface ReportRequest {
  year: number;
  agencyCode?: string;
  now: number;
  timeZone: string;
}

/** What the bot needs to say about the files it sends, besides the files themselves. */
export interface ReportOutline {
  agency?: { code: string; name: string };
  /** Task rows in the report. */
  rows: number;
  /** A signer is set (/chuky); without one the document has dotted lines to sign by hand. */
  signed: boolean;
}

export interface ReportFiles {
  outline: ReportOutline;
  docx: Buffer;
  xlsx: Buffer;
  csv: Buffer;
  /** Milliseconds spent in each phase, for the benchmark and the log. */
  phases: { data: number; docx: number; xlsx: number; csv: number };
}

/** `doc` is a Vietnamese `t`: official documents are Vietnamese whatever the requester reads. */
export async function buildReportFiles(db: Db, req: ReportRequest, doc: TFunction): Promise<ReportFiles> {
  let at = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - at;
    at = now;
    return ms;
  };
  const data = buildReport(db, { year: req.year, agencyCode: req.agencyCode, now: req.now, timeZone: req.timeZone, labels: documentLabels(doc) });
  const tData = lap();
  const docx = await reportDocx(data, doc, req.timeZone);
  const tDocx = lap();
  const xlsx = await reportXlsx(data, doc, req.timeZone);
  const tXlsx = lap();
  const csv = reportCsv(data, doc);
  const tCsv = lap();
  return {
    outline: {
      agency: data.agency ? { code: data.agency.code, name: data.agency.name } : undefined,
      rows: data.rows.length,
      signed: !!data.issuer.signerTitle,
    },
    docx,
    xlsx,
    csv,
    phases: { data: tData, docx: tDocx, xlsx: tXlsx, csv: tCsv },
  };
}
