import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { message } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('smoke', () => {
  it('answers /help', async () => {
    const texts = await h.ask(message('/help'));
    expect(texts.join('\n')).toContain('/nhiemvu');
  });
});
