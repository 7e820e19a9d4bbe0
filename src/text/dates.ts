// Dates are shown the way Vietnamese officials write them: dd/mm/yyyy, in the configured zone.

function parts(ms: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { day: p.day!, month: p.month!, year: p.year!, hour: p.hour!, minute: p.minute! };
}

export function formatDate(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

export function formatDateTime(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** The calendar year at `ms` in the zone: the reporting year an update belongs to. */
export function yearAt(ms: number, timeZone: string): number {
  return Number(parts(ms, timeZone).year);
}

/** "ngày 08 tháng 5 năm 2024": the official date line pads days below 10 and months 1–2. */
export function officialDateLine(ms: number, timeZone: string): { day: string; month: string; year: string } {
  const p = parts(ms, timeZone);
  const month = Number(p.month);
  return { day: p.day, month: month <= 2 ? p.month : String(month), year: p.year };
}
