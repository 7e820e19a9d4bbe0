// Who may run a use case, said once in the route table instead of at the top of each use case.
// A guard wraps a use case: the person is checked first, and a refusal is an answer in their
// language — an alert for a choice, a message for a command.
import type { Actor, Outcome, Request, UseCase } from './types.js';
import { refuse, say } from './types.js';

export type Guard = (run: UseCase) => UseCase;

/** A guard from a rule about the person and the locale key that explains a refusal. */
export function guard(allowed: (actor: Actor, req: Request) => boolean, refusalKey: string): Guard {
  return (run) => (req) => (allowed(req.actor, req) ? run(req) : refusal(req, req.t(refusalKey)));
}

export const refusal = (req: Request, text: string): Outcome => (req.input.kind === 'choice' ? refuse(text) : say({ text }));

/** Sở KH&CN's coordinators only: deadlines, assignments, officers, backups… */
export const coordinatorsOnly: Guard = guard((a) => a.isCoordinator, 'register.coordinators_only');
