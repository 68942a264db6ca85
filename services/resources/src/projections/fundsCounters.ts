import type { ResourceEvent } from '@backbone/contracts';
import type { ViewWrite } from '@backbone/views';

/** A funds scope: the whole plan or one key field. */
export type FundsScope = 'all' | `field:${string}`;
export const fundsFieldScope = (field: string): FundsScope => `field:${field}`;

/** Money counters, in fen. */
export const FUNDS_KINDS = ['pooled', 'budgeted', 'awarded', 'returned', 'disbursed'] as const;
export type FundsKind = (typeof FUNDS_KINDS)[number];

/** Count counters. */
export const FUNDS_COUNTS = ['pools', 'calls', 'applications', 'scoredApplications', 'awards', 'revocations', 'policies'] as const;
export type FundsCount = (typeof FUNDS_COUNTS)[number];

export type FundsMetric = `${FundsKind}Fen` | FundsCount;

/** The view counter a funds number is kept in. */
export const fundsCounter = (scope: FundsScope, metric: FundsMetric): string => `${scope}:${metric}`;

/** What one event knows beside itself, read from its own aggregate's earlier events. */
export interface FundsEventContext {
  /** The field of the pool a contribution went to (undefined for a pool open to every field). */
  readonly poolField?: string;
  /** Whether a score is the application's first. */
  readonly firstReview?: boolean;
  /** The field of the scored application. */
  readonly applicationField?: string;
}

/**
 * The counter increments of one event: each names only the event's own data and its own
 * aggregate's earlier facts, so the counters are exact whatever the order across aggregates.
 * Every amount counts in the plan (`all`) and in the field it belongs to; a contribution to a
 * pool open to every field counts in the plan only.
 */
export function fundsIncrements(event: ResourceEvent, context: FundsEventContext = {}): ViewWrite[] {
  const bump = (scopes: readonly (FundsScope | undefined)[], metric: FundsMetric, by = 1): ViewWrite[] =>
    scopes.flatMap((scope) => (scope === undefined || by === 0 ? [] : [{ op: 'increment' as const, counter: fundsCounter(scope, metric), by }]));
  const inField = (field: string | undefined): (FundsScope | undefined)[] => ['all', field === undefined ? undefined : fundsFieldScope(field)];
  switch (event.type) {
    case 'FundPoolOpened':
      return bump(inField(event.data.field), 'pools');
    case 'FundsContributed':
      return bump(inField(context.poolField), 'pooledFen', event.data.amountFen);
    case 'IncubationCallOpened':
      return [...bump(inField(event.data.field), 'calls'), ...bump(inField(event.data.field), 'budgetedFen', event.data.budgetFen)];
    case 'ApplicationSubmitted':
      return bump(inField(event.data.field), 'applications');
    case 'ApplicationScored':
      return context.firstReview ? bump(inField(context.applicationField), 'scoredApplications') : [];
    case 'GrantAwarded':
      return [...bump(inField(event.data.field), 'awards'), ...bump(inField(event.data.field), 'awardedFen', event.data.amountFen)];
    case 'GrantDisbursed':
      return bump(inField(event.data.field), 'disbursedFen', event.data.trancheFen);
    case 'GrantRevoked':
      return [...bump(inField(event.data.field), 'revocations'), ...bump(inField(event.data.field), 'returnedFen', event.data.returnedFen)];
    case 'PolicyIssued':
      return bump(['all', ...event.data.fields.map(fundsFieldScope)], 'policies');
  }
}
