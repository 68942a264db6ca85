// Facts about other contexts that a platform command needs. The platforms service never calls
// another service: it reads them from its own projections of the resources and talent events
// just before deciding, and hands them to the decider inside the command. An id missing from a
// map is one those projections have not seen.

/** A policy issued in the resources context (`PolicyIssued`). */
export interface PolicyFacts {
  readonly policyId: string;
  readonly kind: string;
  readonly fields: readonly string[];
  readonly issuedBy: string;
}

/** A grant awarded in the resources context (`GrantAwarded`, perhaps `GrantRevoked` later). */
export interface GrantFacts {
  readonly grantId: string;
  readonly field: string;
  readonly sponsoringDepartment: string;
  readonly revoked: boolean;
}

/** A person registered in the talent context; ids and flags only. */
export interface PersonFacts {
  readonly personId: string;
  readonly erased: boolean;
  /** Granted at least one certification. */
  readonly certified: boolean;
  /** Selected into a tier, if any (`entry`, `backbone`, `leading`). */
  readonly tier?: string;
}

/** The facts of the ids one command names, by id. */
export interface ReferenceFacts {
  readonly policies: ReadonlyMap<string, PolicyFacts>;
  readonly grants: ReadonlyMap<string, GrantFacts>;
  readonly people: ReadonlyMap<string, PersonFacts>;
}

/** Facts that know of nothing: for commands that name no other context's ids. */
export const NO_FACTS: ReferenceFacts = { policies: new Map(), grants: new Map(), people: new Map() };

/** Whether the person counts as professional talent for the board: certified or tiered. */
export const isQualified = (person: PersonFacts): boolean => person.certified || person.tier !== undefined;
