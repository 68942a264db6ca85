import type { CommandHandler } from '@backbone/eventsourcing';
import type { PersonCommand } from '../domain/commands.ts';
import type { PersonState } from '../domain/person/personState.ts';
import type { ExternalRefRegistry } from '../personalData/externalRefRegistry.ts';
import type { PersonalDataStore } from '../personalData/personalDataStore.ts';

/** What the registry's use cases need: the person handler and the service's own personal-data stores. */
export interface PersonalDataBoundary {
  readonly persons: CommandHandler<PersonCommand, PersonState>;
  readonly personalData: PersonalDataStore;
  readonly externalRefs: ExternalRefRegistry;
  /** The HMAC key of external ids (service configuration; it never leaves the talent service). */
  readonly externalRefKey: string | Buffer;
  readonly clock: () => Date;
  /**
   * How long a claim of an external id may stay `pending` before it counts as left behind by
   * a registration that died between claim and append (default 2 minutes). Younger pending
   * claims answer 409 `person-registration-in-flight` (retryable).
   */
  readonly claimTimeoutMs?: number;
}

export const DEFAULT_CLAIM_TIMEOUT_MS = 120_000;
