import { PLAN } from './plan-data.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "10/12/2026": agencies report each year before this date (Kế hoạch 457, mục IV.1.b). */
export function reportDueDate(year: number): string {
  return `${pad(PLAN.identity.reportDueDay)}/${pad(PLAN.identity.reportDueMonth)}/${year}`;
}
