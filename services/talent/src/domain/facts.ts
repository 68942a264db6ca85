import { ruleViolation } from '@backbone/contracts';
import type { PersonKind, Sector, Tier } from '@backbone/contracts';
import { notFound } from './guards.ts';

// Facts about another aggregate that a command needs, read by the service from that
// aggregate's stream just before deciding (`personFactsOf`, `selectionRoundFactsOf`). They
// are a snapshot, not a lock: each rule that must hold under concurrency lives inside one
// aggregate (a policy's budget, a person's tier, a round's nominations).

/** What other talent aggregates may know of a person: no personal data. */
export interface PersonFacts {
  readonly personId: string;
  readonly kind: PersonKind;
  readonly sector: Sector;
  readonly fields: readonly string[];
  readonly registeredBy: string;
  readonly erased: boolean;
  readonly thinkTankMember: boolean;
}

/** What a person's tier decision needs to know of a selection round. */
export interface SelectionRoundFacts {
  readonly roundId: string;
  readonly field: string;
  readonly tier: Tier;
  readonly closesAt: string;
  readonly nominees: readonly string[];
}

/** The person the facts describe, or 404 `person-not-found`; an erased person takes part in nothing new (409 `person-erased`). */
export function requireActivePerson(facts: PersonFacts | undefined, personId: string): PersonFacts {
  if (facts === undefined) throw notFound('person-not-found', `person ${personId} is not registered`);
  if (facts.erased) throw ruleViolation('person-erased', `person ${personId} was erased`);
  return facts;
}
