import { forbidden } from '@backbone/contracts';
import type { LoadedAggregate } from '@backbone/eventsourcing';
import { defineQuery } from '@backbone/service-kit';
import type { RouteDefinition } from '@backbone/service-kit';
import { talentNotFound } from '../commandHandling/talentIds.ts';
import type { TalentAggregate } from '../domain/streams.ts';
import { IdParams } from './talentApiContext.ts';
import type { TalentApiContext } from './talentApiContext.ts';

/** The read half of a command handler. */
export interface AggregateLoader<TState> {
  load(id: string): Promise<LoadedAggregate<TState>>;
}

interface ReadsOptions<TState> {
  readonly path: string;
  readonly aggregate: TalentAggregate;
  readonly handler: AggregateLoader<TState>;
}

/**
 * Loads an aggregate for a reader: 404 when it does not exist, then 403 unless the reader's
 * department is one the directory knows (profiles carry no personal data; see the person GET).
 */
export async function readableAggregate<TState>(
  context: TalentApiContext,
  handler: AggregateLoader<TState>,
  aggregate: TalentAggregate,
  id: string,
  department: string,
): Promise<LoadedAggregate<TState>> {
  const loaded = await handler.load(id);
  if (loaded.version === 0) throw talentNotFound(aggregate, id);
  const directory = await context.directory();
  if (!directory.departments.has(department)) {
    throw forbidden('talent-readable-by-known-departments', `${department} is not a department of the plan`);
  }
  return loaded;
}

/** `GET /<path>/:id` (state and version) and `GET /<path>/:id/history` (envelopes) of one aggregate kind. */
export function aggregateReads<TState>(
  context: TalentApiContext,
  options: ReadsOptions<TState>,
): RouteDefinition[] {
  const { path, aggregate, handler } = options;
  return [
    defineQuery({
      path: `${path}/:id`,
      summary: `A ${aggregate}'s current state and version`,
      params: IdParams,
      handle: async ({ params, department }) => {
        const loaded = await readableAggregate(context, handler, aggregate, params.id, department);
        return { id: params.id, version: loaded.version, state: loaded.state };
      },
    }),
    historyRoute(context, options),
  ];
}

/** `GET /<path>/:id/history`: the aggregate's envelopes, in order. */
export function historyRoute<TState>(
  context: TalentApiContext,
  options: ReadsOptions<TState>,
): RouteDefinition {
  const { handler } = options;
  return defineQuery({
    path: `${options.path}/:id/history`,
    summary: `A ${options.aggregate}'s events (CloudEvents envelopes), in order`,
    params: IdParams,
    handle: async ({ params, department }) => {
      const loaded = await readableAggregate(context, handler, options.aggregate, params.id, department);
      return { id: params.id, version: loaded.version, events: loaded.events.map((e) => e.envelope) };
    },
  });
}
