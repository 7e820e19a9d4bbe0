// The digest's picture: progress by section as stacked bars. Chart.js draws on @napi-rs/canvas
// (prebuilt binaries from npm, no system libraries); the font ships with the dejavu-fonts-ttf
// package so Vietnamese labels render the same on every server.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title } from 'chart.js';
import type { Summary } from '../domain/progress.js';
import type { TFunction } from '../i18n.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);

const FONT = 'DejaVu Sans';
let fontReady = false;
function ensureFont() {
  if (fontReady) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSans.ttf'), FONT);
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSans-Bold.ttf'), FONT);
  fontReady = true;
}

// Chart.js clears the canvas before drawing, so a fill made beforehand is lost and the PNG comes
// out transparent — Telegram then shows it on a dark background in dark mode. The fill has to
// happen inside the chart's own drawing, underneath everything else.
const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart: Chart) {
    const c = chart.ctx;
    c.save();
    c.globalCompositeOperation = 'destination-over';
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, chart.width, chart.height);
    c.restore();
  },
};

const COLORS = { done: '#2e7d32', in_progress: '#1976d2', blocked: '#c62828', not_started: '#bdbdbd' } as const;

/** A PNG of task counts by status in each section. */
export function renderProgressChart(summary: Summary, t: TFunction): Buffer {
  ensureFont();
  const width = 900;
  const height = 480;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const statuses = ['done', 'in_progress', 'blocked', 'not_started'] as const;
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, {
    type: 'bar',
    data: {
      labels: summary.bySection.map((s) => t('chart.section', { code: s.section, percent: s.percent })),
      datasets: statuses.map((st) => ({
        label: t(`status.${st}`),
        data: summary.bySection.map((s) => s.counts[st]),
        backgroundColor: COLORS[st],
      })),
    },
    plugins: [whiteBackground],
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      indexAxis: 'y',
      font: { family: FONT },
      plugins: {
        title: { display: true, text: t('chart.title', { year: summary.year, percent: summary.percent }), font: { family: FONT, size: 20 } },
        legend: { position: 'bottom', labels: { font: { family: FONT, size: 14 } } },
      },
      scales: {
        x: { stacked: true, ticks: { precision: 0, font: { family: FONT } }, title: { display: true, text: t('chart.tasks'), font: { family: FONT } } },
        y: { stacked: true, ticks: { font: { family: FONT, size: 14 } } },
      },
    },
  });
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}
