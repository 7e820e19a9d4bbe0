// Dates are shown the way Vietnamese officials write them: dd/mm/yyyy, in the configured zone.

// Intl formatting is slow for 100,000 dates (a yearly report); the zone's UTC offset is looked up
// once per hour of time (zones change offset only on hour boundaries) and the rest is arithmetic.
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function offsetMinutes(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / 3_600_000);
  const key = `${timeZone}|${hour}`;
  let off = offsets.get(key);
  if (off === undefined) {
    let f = formatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      });
      formatters.set(timeZone, f);
    }
    const p = Object.fromEntries(f.formatToParts(new Date(hour * 3_600_000)).map((x) => [x.type, x.value]));
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    off = Math.round((local - hour * 3_600_000) / 60_000);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function parts(ms: number, timeZone: string) {
  const d = new Date(ms + offsetMinutes(ms, timeZone) * 60_000);
  return {
    day: pad2(d.getUTCDate()),
    month: pad2(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()),
    hour: pad2(d.getUTCHours()),
    minute: pad2(d.getUTCMinutes()),
  };
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

/** 'yyyy-mm-dd' of a moment in the zone: the calendar day officials see. */
export function dayAt(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 'yyyymmdd-hhmmss' in the zone: file names an operator reads in local time, sorting by time. */
export function fileStampAt(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  const seconds = pad2(Math.floor(ms / 1000) % 60);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${seconds}`;
}

/** 'yyyy-mm-dd' → 'dd/mm/yyyy'. */
export function isoToVn(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** 'dd/mm/yyyy' → 'yyyy-mm-dd', or null when it is not a real date. */
export function vnToIso(s: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
