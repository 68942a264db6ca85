/** Who holds an external id's hash: a registration in flight (`pending`) or done (`registered`). */
export interface ExternalRefClaim {
  readonly personId: string;
  readonly state: 'pending' | 'registered';
  readonly claimedAt: Date;
}

/**
 * The index of the external ids (as keyed hashes) of registered, unerased people, with one
 * holder per hash enforced by the store (a unique index): of two registrations of the same
 * person at the same moment, only one can claim the hash. A port; the SQLite adapter keeps it
 * beside the personal data. Every adapter passes `describeExternalRefRegistryContract`.
 */
export interface ExternalRefRegistry {
  /** Claims the hash for a registration in flight; false when someone holds it already. */
  claim(hash: string, personId: string, at: Date): Promise<boolean>;
  /** The current holder of the hash, if any. */
  holder(hash: string): Promise<ExternalRefClaim | undefined>;
  /** Marks the person's claim as a done registration (no-op when they do not hold it). */
  confirm(hash: string, personId: string): Promise<void>;
  /** Gives the hash up if this person holds it; true when a claim was removed. */
  release(hash: string, personId: string): Promise<boolean>;
  /** Gives up whatever hash the person holds (on erasure, so they may register again). */
  releasePerson(personId: string): Promise<void>;
}
