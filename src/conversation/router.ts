// Which use case answers an input: one table for every channel. A command is found by any of its
// names (/tinhhinh or /status), a choice by its codec's prefix, and text that answers one of the
// bot's messages goes to the flow that asked.
import { COMMANDS, type CommandKey } from './commands.js';
import type { ChoiceCodec } from './choices.js';
import type { Input, UseCase } from './types.js';

export interface Routes {
  commands?: Partial<Record<CommandKey | 'start', UseCase>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  choices?: Array<{ codec: ChoiceCodec<any>; run: UseCase }>;
  /** Text (or a file with a caption) answering one of the bot's messages. */
  answers?: UseCase;
}

const KEY_OF_NAME = new Map<string, CommandKey | 'start'>([
  ['start', 'start'],
  ...Object.entries(COMMANDS).flatMap(([key, names]) => names.map((n) => [n, key as CommandKey] as const)),
]);

export function commandKey(name: string): CommandKey | 'start' | undefined {
  return KEY_OF_NAME.get(name.toLowerCase());
}

export function mergeRoutes(...tables: Routes[]): Routes {
  const merged: { commands: NonNullable<Routes['commands']>; choices: NonNullable<Routes['choices']>; answers?: UseCase } = { commands: {}, choices: [] };
  for (const t of tables) {
    for (const [k, run] of Object.entries(t.commands ?? {})) {
      if (merged.commands[k as CommandKey]) throw new Error(`two use cases for /${k}`);
      merged.commands[k as CommandKey] = run;
    }
    merged.choices.push(...(t.choices ?? []));
    if (t.answers) {
      if (merged.answers) throw new Error('two use cases for answers');
      merged.answers = t.answers;
    }
  }
  return merged;
}

/** The use case for an input, or undefined when the core has none (the channel decides what then). */
export function findUseCase(routes: Routes, input: Input): UseCase | undefined {
  switch (input.kind) {
    case 'command': {
      const key = commandKey(input.command);
      return key ? routes.commands?.[key] : undefined;
    }
    case 'choice':
      return routes.choices?.find((c) => input.data.startsWith(`${c.codec.prefix}:`))?.run;
    case 'text':
      return input.answers ? routes.answers : undefined;
  }
}
