import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { isUsableUpdateId, recordEvent, type RawUpdate } from '../../db/queries/inbox.js';
import { send, type Route } from '../../ops/http-server.js';
import type { Dispatcher } from './poller.js';

/**
 * Telegram's webhook POSTs, accepted only with the secret Telegram was given at setWebhook.
 * The update is stored in the inbox before the 200, so a crash after answering loses nothing;
 * a retried delivery of the same update_id is stored once.
 */
export function webhookRoute(db: Db, dispatcher: Dispatcher, secret: string): Route {
  const expected = Buffer.from(secret);
  return (req, body, res) => {
    if (req.method !== 'POST') return send(res, 405, { ok: false });
    const given = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(res, 401, { ok: false });
    let update: RawUpdate;
    try {
      update = JSON.parse(body.toString('utf8')) as RawUpdate;
      if (!isUsableUpdateId(update.update_id)) throw new Error('no usable update_id');
    } catch {
      return send(res, 400, { ok: false });
    }
    if (recordEvent(db, 'telegram', String(update.update_id), update).fresh) dispatcher.enqueue(update);
    return send(res, 200, { ok: true });
  };
}
