// Who coordinates on Zalo. Until people on two channels are linked as one person (issue 12 item 4,
// another engineer's work: roles will follow the person), Zalo coordinators are exactly the Zalo
// user ids in ZALO_COORDINATOR_IDS — decided here and nowhere else, so that work replaces this file.
import type { Config } from '../../config.js';
import type { Db } from '../../db/open.js';
import { knownPersonId, touchPerson } from '../../db/queries/users.js';
import { ZALO } from './identities.js';

export function isZaloCoordinator(config: Config, zaloUserId: string): boolean {
  return config.zalo?.coordinatorIds.includes(zaloUserId) ?? false;
}

/**
 * The internal ids of the Zalo coordinators, for what the core tells coordinators (notices, jobs).
 * One who never wrote is stored under their id as name until their first message names them.
 */
export function zaloCoordinatorPersonIds(db: Db, config: Config, now: number): number[] {
  return (config.zalo?.coordinatorIds ?? []).map((id) => knownPersonId(db, ZALO, id) ?? touchPerson(db, ZALO, id, { firstName: id }, now).id);
}
