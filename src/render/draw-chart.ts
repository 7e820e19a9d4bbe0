// The chart library (Chart.js on @napi-rs/canvas, ~28 MB resident once loaded) is loaded the first
// time a chart is drawn — the weekly digest, /tonghop, the status page's picture — not when the bot
// starts: most hours of a bot's life draw no chart. Import this, never render/chart.ts, from code
// that is loaded at start.
import type { Summary } from '../domain/progress.js';
import type { TFunction } from '../i18n.js';

let chart: Promise<typeof import('./chart.js')> | undefined;

/** The digest's progress chart as a PNG (render/chart.ts), its library loaded on first use. */
export async function drawProgressChart(summary: Summary, t: TFunction): Promise<Buffer> {
  chart ??= import('./chart.js').catch((err: unknown) => {
    chart = undefined; // a failed load is tried again next time, not remembered
    throw err;
  });
  return (await chart).renderProgressChart(summary, t);
}
