// The yearly report's three files from the database: data (core/yearly-report.ts), then .docx, .xlsx
// and .csv. One function for every caller — the report process (build-process.ts), the in-process
// fallback for an in-memory database (outside.ts) and the benchmark — so they cannot drift apart.
import { buildReport, type ReportData } from '../core/yearly-report.js';
import type { Db } from '../db/open.js';
import type { TFunction } from '../i18n.js';
import { reportCsv } from './csv.js';
import { reportDocx } from './docx.js';
import { documentLabels } from './labels.js';

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
  /**
   * Milliseconds spent in each phase, for the benchmark and the log. With the .xlsx built
   * elsewhere (ReportBuilders.xlsx), `xlsx` is that build's own time, in parallel with the .docx;
   * `handoff` the time to hand it the data and `wait` how long the files then waited for it.
   */
  phases: { data: number; docx: number; xlsx: number; csv: number; handoff?: number; wait?: number };
}

export interface ReportBuilders {
  /**
   * Builds the .xlsx somewhere else (the report process: a worker thread) while the .docx is built
   * here; called once with the data, as soon as it is ready. Without it the .xlsx is built here, after the .docx.
   */
  xlsx?: (data: ReportData) => Promise<{ xlsx: Buffer; ms: number }>;
}

/** `doc` is a Vietnamese `t`: official documents are Vietnamese whatever the requester reads. */
export async function buildReportFiles(db: Db, req: ReportRequest, doc: TFunction, builders: ReportBuilders = {}): Promise<ReportFiles> {
  let at = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - at;
    at = now;
    return ms;
  };
  const data = buildReport(db, { year: req.year, agencyCode: req.agencyCode, now: req.now, timeZone: req.timeZone, labels: documentLabels(doc) });
  const tData = lap();
  const elsewhere = builders.xlsx?.(data);
  // Keeps a failure from going unhandled while the .docx is built; it is thrown below.
  elsewhere?.catch(() => undefined);
  const tHandoff = elsewhere ? lap() : undefined;
  const docx = await reportDocx(data, doc, req.timeZone);
  const tDocx = lap();
  let xlsx: Buffer;
  let tXlsx: number;
  let tWait: number | undefined;
  let csv: Buffer;
  let tCsv: number;
  if (elsewhere) {
    csv = reportCsv(data, doc);
    tCsv = lap();
    const built = await elsewhere;
    tWait = lap();
    xlsx = built.xlsx;
    tXlsx = built.ms;
  } else {
    // Loaded here, not above: the report process builds its .xlsx on a worker thread, and its main
    // thread need not load exceljs at all.
    const { reportXlsx } = await import('./xlsx.js');
    xlsx = await reportXlsx(data, doc, req.timeZone);
    tXlsx = lap();
    csv = reportCsv(data, doc);
    tCsv = lap();
  }
  return {
    outline: {
      agency: data.agency ? { code: data.agency.code, name: data.agency.name } : undefined,
      rows: data.rows.length,
      signed: !!data.issuer.signerTitle,
    },
    docx,
    xlsx,
    csv,
    phases: { data: tData, docx: tDocx, xlsx: tXlsx, csv: tCsv, ...(elsewhere ? { handoff: tHandoff, wait: tWait } : {}) },
  };
}
