// How an agency signs and heads its yearly report (NĐ 30/2020): set in chat with /chuky, read by
// the report. A missing row or field means "not set": the letterhead falls back to defaults and the
// signature block is left blank for a hand signature — never guessed.
import { eq } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { issuerSettings } from '../schema.js';

export type IssuerSettings = typeof issuerSettings.$inferSelect;
export type IssuerFields = Partial<Pick<IssuerSettings, 'authority' | 'signerTitle' | 'signerName' | 'abbreviation' | 'parentBody'>>;

export function getIssuerSettings(tx: Tx, agencyCode: string): IssuerSettings | undefined {
  return tx.select().from(issuerSettings).where(eq(issuerSettings.agencyCode, agencyCode)).get();
}

/** Sets the given fields (undefined ones are left as they are; null clears one). */
export function setIssuerSettings(tx: Tx, agencyCode: string, fields: IssuerFields, by: number, now: number): IssuerSettings {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as IssuerFields;
  return tx
    .insert(issuerSettings)
    .values({ agencyCode, ...set, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: issuerSettings.agencyCode, set: { ...set, updatedBy: by, updatedAt: now } })
    .returning()
    .get();
}

/** Back to defaults: the row goes, so nothing stale is left behind. */
export function clearIssuerSettings(tx: Tx, agencyCode: string): boolean {
  return tx.delete(issuerSettings).where(eq(issuerSettings.agencyCode, agencyCode)).run().changes > 0;
}
