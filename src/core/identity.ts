// Who is writing, for a channel: the one call a channel makes when an event arrives. The person is
// found by the channel's own id (stored on first sight, names kept current), and comes back as the
// person they are on every channel: linked identities give one internal id (/lienketkenh), with
// the language they chose and the coordinator role wherever it was given.
import type { Config } from '../config.js';
import type { Db } from '../db/open.js';
import { touchPerson, type Profile } from '../db/queries/users.js';
import { isCoordinator } from './roles.js';

export interface Person {
  /** The internal person id: Actor.id. */
  id: number;
  /** The language they chose (/ngonngu), on any channel; null: the default. */
  locale: string | null;
  isCoordinator: boolean;
}

/** The person behind (channel, externalId), seen now. */
export function personOf(db: Db, config: Pick<Config, 'coordinatorIds' | 'zalo' | 'consoleCoordinatorIds'>, channel: string, externalId: string, profile: Profile, now: number): Person {
  const { id, locale } = touchPerson(db, channel, externalId, profile, now);
  return { id, locale, isCoordinator: isCoordinator(db, config, id) };
}
