import {
  ApplicationScored,
  ApplicationSubmitted,
  FundPoolOpened,
  FundsContributed,
  GrantAwarded,
  GrantDisbursed,
  GrantRevoked,
  IncubationCallOpened,
  PolicyIssued,
} from '@backbone/contracts';
import type { EventDefinition } from '@backbone/contracts';
import type { ApplicationEvent } from './applications/applicationState.ts';
import type { PolicyEvent } from './policies/policyDecider.ts';
import type { PoolEvent } from './pools/poolState.ts';

// Each aggregate's events and their published definitions, as a command handler needs them.

/** The events of a fund pool's stream. */
export const poolEventDefinitions = {
  FundPoolOpened,
  FundsContributed,
  IncubationCallOpened,
  GrantAwarded,
  GrantDisbursed,
  GrantRevoked,
} as const satisfies { readonly [K in PoolEvent['type']]: EventDefinition };

/** The events of an application's stream. */
export const applicationEventDefinitions = {
  ApplicationSubmitted,
  ApplicationScored,
} as const satisfies { readonly [K in ApplicationEvent['type']]: EventDefinition };

/** The events of a policy's stream. */
export const policyEventDefinitions = { PolicyIssued } as const satisfies {
  readonly [K in PolicyEvent['type']]: EventDefinition;
};
