// The scenario driver for the console channel: lines typed in-process, what it printed read back.
// Choices are made by typing their number, questions answered by the next line.
import { testConfig } from '../support/config.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsoleApp } from '../../src/app.js';
import type { Printed } from '../../src/channels/console/channel.js';
import { consoleChat } from '../../src/channels/console/identities.js';
import type { Config } from '../../src/config.js';
import { sendDigest } from '../../src/jobs/digest.js';
import { createLogger } from '../../src/logger.js';
import type { BotMessage, Driver, Person, Place } from './driver.js';

export async function consoleDriver(): Promise<Driver> {
  const dir = mkdtempSync(join(tmpdir(), 'kh457-scenario-'));
  const printed: Printed[] = [];
  const config: Config = testConfig(dir);
  const app = await startConsoleApp(config, createLogger('silent'), {
    schedule: false,
    outboxBackoffMs: 20,
    console: {
      coordinators: ['thao'],
      people: { thao: { firstName: 'Thảo', lastName: 'Nguyễn' }, minh: { firstName: 'Minh', lastName: 'Trần' }, khach: { firstName: 'Khách' } },
      groups: { 'group:yte': 'Sở Y tế — KH457' },
      filesDir: join(dir, 'files'),
      print: (p) => printed.push(p),
    },
  });
  const chatOf = (who: Person, where: Place) => (where === 'yte' ? 'group:yte' : who);
  const toMessage = (p: Printed): BotMessage => ({
    to: (p.chat === 'group:yte' ? 'yte' : p.chat) as BotMessage['to'],
    text: p.text,
    choices: p.choices,
    ...(p.file ? { file: { name: p.file.name, bytes: readFileSync(p.file.path) } } : {}),
  });
  const typed = async (who: Person, where: Place, line: string) => {
    const from = printed.length;
    await app.console.line(who, chatOf(who, where), line);
    await app.outbox.drained();
    return printed.slice(from).map(toMessage);
  };
  return {
    channel: 'console',
    type: typed,
    async choose(who, where, label) {
      const chat = chatOf(who, where);
      const matches = (c: string) => (typeof label === 'string' ? c === label : label.test(c));
      const offer = [...printed].reverse().find((p) => p.chat === chat && p.choices.some(matches));
      if (!offer) throw new Error(`no choice ${label} offered to ${who} in ${where}`);
      return typed(who, where, String(offer.choices.findIndex(matches) + 1));
    },
    answer: typed,
    async digest() {
      const from = printed.length;
      await sendDigest(app.jobs, { trigger: 'manual', chat: { id: consoleChat(app.db, 'thao', null, Date.now()), threadId: null } });
      await app.outbox.drained();
      return printed.slice(from).map(toMessage);
    },
    async close() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
