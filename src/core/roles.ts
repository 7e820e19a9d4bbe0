// Who is a coordinator (Sở KH&CN): one rule for every channel. Coordinators are named in the
// configuration by their id on a channel (COORDINATOR_IDS on Telegram, ZALO_COORDINATOR_IDS on
// Zalo, the console's own list); a person is a coordinator when any of their identities is named,
// so the role follows them to every channel they linked (/lienketkenh, usecases/identity.ts).
import type { Config } from '../config.js';
import type { Db } from '../db/open.js';
import { identitiesOf, identityEpoch, knownPersonId } from '../db/queries/users.js';

type RolesConfig = Pick<Config, 'coordinatorIds' | 'zalo' | 'consoleCoordinatorIds'>;

/** The coordinators' ids per channel, as the configuration names them (external ids, as text). */
export function coordinatorRefs(config: RolesConfig): Array<{ channel: string; externalId: string }> {
  return [
    ...config.coordinatorIds.map((id) => ({ channel: 'telegram', externalId: String(id) })),
    ...(config.zalo?.coordinatorIds ?? []).map((id) => ({ channel: 'zalo', externalId: id })),
    ...(config.consoleCoordinatorIds ?? []).map((id) => ({ channel: 'console', externalId: id })),
  ];
}

const namedSets = new WeakMap<RolesConfig, Set<string>>();
const answers = new WeakMap<Db, { epoch: number; config: RolesConfig; byPerson: Map<number, boolean> }>();

/** Whether the person `personId` is a coordinator: one of their identities is named in the configuration. */
export function isCoordinator(db: Db, config: RolesConfig, personId: number): boolean {
  let named = namedSets.get(config);
  if (!named) {
    named = new Set(coordinatorRefs(config).map((r) => `${r.channel}\u0000${r.externalId}`));
    namedSets.set(config, named);
  }
  if (!named.size) return false;
  // Asked on every update; the answer moves only when the person's identities do (a first sight,
  // a link: identityEpoch), so it is kept until then.
  const epoch = identityEpoch(db);
  let memo = answers.get(db);
  if (!memo || memo.epoch !== epoch || memo.config !== config) {
    memo = { epoch, config, byPerson: new Map() };
    answers.set(db, memo);
  }
  let yes = memo.byPerson.get(personId);
  if (yes === undefined) {
    yes = identitiesOf(db, personId).some((i) => named.has(`${i.channel}\u0000${i.externalId}`));
    // Not an answer seen inside a transaction: a link made in it may still be rolled back.
    if (!db.$client.inTransaction) memo.byPerson.set(personId, yes);
  }
  return yes;
}

/**
 * The coordinators as persons, each once (two configured identities linked are one person), in the
 * configuration's order. A Telegram coordinator who never wrote is named by their Telegram id, which
 * will be their internal id (queries/users.ts); on other channels the bot cannot write to someone
 * it has never seen (Zalo: users must write first), so they are left out until they write.
 */
export function coordinatorPersons(db: Db, config: RolesConfig): number[] {
  const persons = new Set<number>();
  for (const r of coordinatorRefs(config)) {
    const id = knownPersonId(db, r.channel, r.externalId) ?? (r.channel === 'telegram' ? Number(r.externalId) : undefined);
    if (id !== undefined) persons.add(id);
  }
  return [...persons];
}
