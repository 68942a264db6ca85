import { allEventDefinitions, contextTopic, createEventRegistry } from '@backbone/contracts';
import type { CriterionScores, Envelope, EventRegistry } from '@backbone/contracts';
import type { Projection, ViewReader, ViewWrite } from '@backbone/views';
import { fundsIncrements } from './fundsCounters.ts';
import { readResourceEvent } from './resourceEvents.ts';

/** The projection's name (its consumer group is `projection.resources-board`). */
export const RESOURCES_BOARD = 'resources-board';
/** One document per pool: its field, which its contributions count in. */
export const BOARD_POOLS = 'pools';
/** One document per application: its call, field and reviews (for the call's ranking). */
export const BOARD_APPLICATIONS = 'applications';
/** The set of a call's application ids. */
export const callApplicationsSet = (callId: string): string => `call:${callId}:applications`;

export interface PoolDocument {
  readonly poolId: string;
  readonly field?: string;
}

export interface ApplicationDocument {
  readonly applicationId: string;
  readonly callId: string;
  readonly field: string;
  readonly reviews: readonly { readonly scores: CriterionScores }[];
  /** The last event of the application folded in. */
  readonly version: number;
}

export interface ResourcesBoardProjectionOptions {
  /** Reads (upcasts and validates) the events; default: every published definition. */
  readonly registry?: EventRegistry;
}

/**
 * The funds part of the one board: per key field and for the plan, money pooled, budgeted to
 * calls, awarded, returned by revocations and disbursed, and the incubation venture's counts
 * (pools, calls, applications, scored applications, awards, revocations, policies). Counters
 * move by increments that depend only on the event and its own aggregate, and the view store's
 * per-aggregate dedupe drops a redelivered event, so the numbers are exact under any order
 * across aggregates and any redelivery. It also keeps each call's applications and their
 * reviews, from which the call's ranking is derived at read time.
 */
export function resourcesBoardProjection(options: ResourcesBoardProjectionOptions = {}): Projection {
  const registry = options.registry ?? createEventRegistry(allEventDefinitions);
  return {
    name: RESOURCES_BOARD,
    topics: [contextTopic('resources')],
    async project(envelope: Envelope, view: ViewReader): Promise<ViewWrite[]> {
      const read = readResourceEvent(envelope, registry);
      if (!read) return [];
      const { event, subject, version } = read;
      switch (event.type) {
        case 'FundPoolOpened': {
          const doc: PoolDocument = { poolId: subject, ...(event.data.field === undefined ? {} : { field: event.data.field }) };
          return [{ op: 'put', collection: BOARD_POOLS, id: subject, doc }, ...fundsIncrements(event)];
        }
        case 'FundsContributed': {
          // The pool's own earlier event: per-aggregate order guarantees it was applied first.
          const pool = await view.get<PoolDocument>(BOARD_POOLS, subject);
          return fundsIncrements(event, { poolField: pool?.field });
        }
        case 'ApplicationSubmitted': {
          const { applicationId, callId, field } = event.data;
          const doc: ApplicationDocument = { applicationId, callId, field, reviews: [], version };
          return [
            { op: 'put', collection: BOARD_APPLICATIONS, id: subject, doc },
            { op: 'addToSet', set: callApplicationsSet(callId), member: subject },
            ...fundsIncrements(event),
          ];
        }
        case 'ApplicationScored': {
          const before = await view.get<ApplicationDocument>(BOARD_APPLICATIONS, subject);
          // Missing or already past this version: the store refuses the writes anyway; computing them would be wrong.
          if (!before || version <= before.version) return [];
          const doc: ApplicationDocument = { ...before, reviews: [...before.reviews, { scores: event.data.scores }], version };
          return [
            { op: 'put', collection: BOARD_APPLICATIONS, id: subject, doc },
            ...fundsIncrements(event, { firstReview: before.reviews.length === 0, applicationField: before.field }),
          ];
        }
        default:
          return fundsIncrements(event);
      }
    },
  };
}
