// Nothing optional stands between start and the first poll: with a Bot API that never answers
// setMyCommands or deleteWebhook, the bot still polls and answers people.
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { message } from '../support/updates.js';

let h: Harness;
afterAll(() => h?.close());

describe('start-up order', () => {
  it('polls and answers while setMyCommands and deleteWebhook hang', async () => {
    h = await startHarness({ stub: (stub) => (stub.hang('setMyCommands'), stub.hang('deleteWebhook')) });
    const text = (await h.ask(message('/nv II.3'))).join('\n');
    expect(text).toContain('Nhiệm vụ II.3');
    const methods = h.stub.calls.map((c) => c.method);
    expect(methods).toContain('getUpdates');
    expect(methods).not.toContain('setMyCommands'); // still hanging: never answered, never waited for
    expect(h.stub.hungCalls).toContain('setMyCommands');
  });
  it('a webhook left over makes getUpdates answer 409; the poller removes it and polls on', async () => {
    const g = await startHarness({
      stub: (stub) => stub.fail('getUpdates', { kind: 'status', code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" }, 1),
    });
    try {
      expect((await g.ask(message('/nv II.3'))).join('\n')).toContain('Nhiệm vụ II.3');
      expect(g.stub.calls.filter((c) => c.method === 'deleteWebhook').length).toBeGreaterThanOrEqual(1);
    } finally {
      await g.close();
    }
  });
});
