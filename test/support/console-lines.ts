// Typing into the console channel in-process, and reading what the bot printed back: shared by the
// console tests (test/e2e/console.test.ts, test/e2e/text-prompts.test.ts).
import type { ConsoleApp } from '../../src/app.js';
import type { Printed } from '../../src/channels/console/channel.js';

/** `type(person, chat, line)`: the messages it caused, the outbox's included, from what `print` collected. */
export function consoleTyping(app: () => ConsoleApp, printed: Printed[]) {
  return async (person: string, chat: string, line: string): Promise<Printed[]> => {
    const from = printed.length;
    await app().console.line(person, chat, line);
    await app().outbox.drained();
    return printed.slice(from);
  };
}

export const texts = (ps: Printed[]) => ps.map((p) => p.text).join('\n---\n');

/** The number to type for the newest choice labelled like `label`. */
export const numberOf = (ps: Printed[], label: RegExp) => {
  const offer = [...ps].reverse().find((p) => p.choices.some((c) => label.test(c)))!;
  return String(offer.choices.findIndex((c) => label.test(c)) + 1);
};
