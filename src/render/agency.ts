import type { TFunction } from '../i18n.js';
import type { AgencyIndex } from '../domain/agencies.js';
import type { Agency } from '../domain/types.js';
import { esc } from '../conversation/rich.js';

/** "Sở NN&PTNT (nay: Sở Nông nghiệp và Môi trường)": the plan's name, then who carries it today. */
export function agencyWithSuccessor(a: Agency, index: AgencyIndex, t: TFunction, useShort = true): string {
  const name = esc(useShort ? a.short : a.name);
  const note = successorNote(a, index, t);
  return note ? `${name} ${note}` : name;
}

export function successorNote(a: Agency, index: AgencyIndex, t: TFunction): string {
  if (a.change === 'unchanged' || a.change === 'new') return '';
  const names = a.successors.map((c) => esc(index.get(c)?.name ?? c)).join(', ');
  const unconfirmed = a.confirmed ? '' : t('agency.unconfirmed');
  return `(${t(`agency.change.${a.change}`, { names })}${unconfirmed})`;
}

/**
 * Today's body first, then the plan's wording it stands in for: "Sở Nông nghiệp và Môi trường (thay
 * cho Sở Nông nghiệp và Phát triển nông thôn)". For the "Hiện nay" lines of a task, which name who
 * acts today; the plan's own lines above them keep its wording.
 */
export function todayInPlaceOf(a: Agency, index: AgencyIndex, t: TFunction, role: 'lead' | 'coordinating' = 'lead'): string {
  if (a.change === 'unchanged' || a.change === 'new' || !a.successors.length) return esc(a.name);
  const names = a.successors.map((c) => esc(index.get(c)?.name ?? c)).join(', ');
  const unconfirmed = a.confirmed ? '' : t('agency.unconfirmed');
  // An abolished body's part waits for the coordinator to give it to someone: not named as today's.
  // Said per role: an abolished coordinating body leaves the task its lead, only not its helper.
  if (a.change === 'abolished') return t(role === 'lead' ? 'agency.abolished_pending' : 'agency.abolished_coordinating', { name: esc(a.name), names });
  return `${names} (${t('agency.instead_of', { name: esc(a.name) })}${unconfirmed})`;
}

/** Compact form for lists: "Sở KH&ĐT → Sở Tài chính". */
export function agencyShortWithToday(code: string, index: AgencyIndex): string {
  const a = index.get(code);
  if (!a) return esc(code);
  if (a.change === 'unchanged' || a.change === 'new' || !a.successors.length) return esc(a.short);
  return `${esc(a.short)} → ${a.successors.map((c) => esc(index.get(c)?.short ?? c)).join(', ')}`;
}
