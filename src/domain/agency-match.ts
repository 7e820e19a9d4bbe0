import { foldCompact, foldTokens } from '../text/fold.js';

export interface MatchableAgency {
  code: string;
  name: string;
  short: string;
  aliases: readonly string[];
  successors: readonly string[];
}

export type AgencyMatch<A> = { kind: 'one'; agency: A } | { kind: 'many'; candidates: A[] } | { kind: 'none' };

// Words that carry no meaning when telling agencies apart.
const NOISE = new Set(['so', 'va', 'cac', 'tinh', 'an', 'giang']);

const namesOf = (a: MatchableAgency) => [a.code, a.name, a.short, ...a.aliases];
const compactNoPrefix = (s: string) => foldCompact(s).replace(/^(so|cac so)/, '');

/**
 * Resolves what a user typed to an agency: exact on code, name, short name or alias (ignoring
 * case, diacritics, "&", "-" and a leading "Sở"), then by words. When several agencies match but
 * they are one line of succession ("nông nghiệp" → Sở NN&PTNT and Sở NN&MT), today's agency wins,
 * because that is who reports now.
 */
export function matchAgency<A extends MatchableAgency>(query: string, agencies: readonly A[]): AgencyMatch<A> {
  const q = foldCompact(query);
  if (!q) return { kind: 'none' };
  const qNoPrefix = compactNoPrefix(query);
  const exact = agencies.filter((a) =>
    namesOf(a).some((n) => foldCompact(n) === q || (qNoPrefix.length > 1 && compactNoPrefix(n) === qNoPrefix)),
  );
  if (exact.length === 1) return { kind: 'one', agency: exact[0]! };
  if (exact.length > 1) return collapse(exact, agencies);

  const words = foldTokens(query).filter((w) => !NOISE.has(w));
  if (!words.length) return { kind: 'none' };
  const byWords = agencies.filter((a) =>
    namesOf(a).some((n) => {
      const tokens = foldTokens(n);
      return words.every((w) => tokens.some((t) => t.startsWith(w)));
    }),
  );
  if (byWords.length === 0) return { kind: 'none' };
  if (byWords.length === 1) return { kind: 'one', agency: byWords[0]! };
  return collapse(byWords, agencies);
}

function collapse<A extends MatchableAgency>(found: A[], all: readonly A[]): AgencyMatch<A> {
  const byCode = new Map(all.map((a) => [a.code, a]));
  const heirs = found.filter((a) => found.every((b) => b === a || leadsTo(b, a.code, byCode)));
  if (heirs.length === 1) return { kind: 'one', agency: heirs[0]! };
  return { kind: 'many', candidates: found };
}

function leadsTo(from: MatchableAgency, target: string, byCode: Map<string, MatchableAgency>, seen = new Set<string>()): boolean {
  if (seen.has(from.code)) return false;
  seen.add(from.code);
  return from.successors.some((s) => s === target || (byCode.has(s) && leadsTo(byCode.get(s)!, target, byCode, seen)));
}
