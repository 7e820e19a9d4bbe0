// The labels a report is built with. Always from a Vietnamese `t`: official documents are
// Vietnamese whatever language the person who asked for them reads the bot in.
import type { ReportLabels } from '../core/yearly-report.js';
import type { TFunction } from '../i18n.js';

export function documentLabels(doc: TFunction): ReportLabels {
  return {
    status: (s) => (s ? doc(`status.${s}`) : doc('report_doc.not_reported')),
    category: (c) => doc(`category.${c}`),
    agencyLine: (agency, text) => (agency ? `${agency}: ${text}` : text),
    today: (list) => doc('report_doc.today', { agencies: list }),
    notReported: doc('report_doc.not_reported'),
  };
}
