import { PLAN } from './plan-data.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "10/12/2026": agencies report each year before this date (Kế hoạch 457, mục IV.1.b). */
export function reportDueDate(year: number): string {
  return `${pad(PLAN.identity.reportDueDay)}/${pad(PLAN.identity.reportDueMonth)}/${year}`;
}

/** The yearly report date as 'yyyy-mm-dd'. */
export function reportDueIso(year: number): string {
  return `${year}-${pad(PLAN.identity.reportDueMonth)}-${pad(PLAN.identity.reportDueDay)}`;
}
