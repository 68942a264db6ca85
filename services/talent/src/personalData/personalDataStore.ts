/** A person's personal data: what never enters an event. */
export interface PersonalData {
  readonly name: string;
  readonly contact?: string;
  readonly identityNumber?: string;
}

/**
 * The talent service's own store of personal data, keyed by person id (a port; the SQLite
 * adapter implements it). Events name people only by id, so `erase` is all an erasure
 * request needs: the record goes, and the event history stays valid and replayable — it
 * just has no name to show any more. Every adapter passes `describePersonalDataStoreContract`.
 */
export interface PersonalDataStore {
  /** Stores the person's data, replacing whatever was stored for them. */
  put(personId: string, data: PersonalData): Promise<void>;
  /** The person's data, or undefined when none is stored (never registered, or erased). */
  get(personId: string): Promise<PersonalData | undefined>;
  /** Removes the person's record for good; true when there was one. Repeating it is harmless. */
  erase(personId: string): Promise<boolean>;
}
