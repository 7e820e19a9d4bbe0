// The digest's chart is a PNG with an opaque white background: Telegram shows a transparent one
// on black in dark mode, and the black labels disappear.
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../src/core/status.js';
import { openDatabase } from '../../src/db/open.js';
import { createI18n } from '../../src/i18n.js';
import { renderProgressChart } from '../../src/render/chart.js';
import { seedYear2026, TODAY } from '../support/year-2026.js';

describe('the progress chart', () => {
  it('has no transparent pixel, and white corners', async () => {
    const db = openDatabase(':memory:');
    seedYear2026(db);
    const png = renderProgressChart(buildSummary(db, 2026, TODAY, 'Asia/Ho_Chi_Minh'), createI18n().t('vi'));
    db.$client.close();
    const img = await loadImage(png);
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    let transparent = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) transparent++;
    expect(transparent).toBe(0);
    expect([...data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const last = data.length - 4;
    expect([...data.subarray(last, last + 4)]).toEqual([255, 255, 255, 255]);
  });
});
