import { z } from 'zod';
import { BackboneError, PlatformId } from '@backbone/contracts';
import type { CommandHandler } from '@backbone/eventsourcing';
import { createApiRouter, defineCommand, defineQuery, idempotencyOf } from '@backbone/service-kit';
import type { ApiRouter, CommandInput } from '@backbone/service-kit';
import { describePlatform, platformCommandBodies, platformIdFor } from '../domain/index.ts';
import type { PlatformCommand, PlatformCommandOf, PlatformCommandType, PlatformDirectory, PlatformState } from '../domain/index.ts';
import type { ReferencedIds, ReferenceLookup } from '../references/referenceFacts.ts';

export interface PlatformsApiOptions {
  readonly handler: CommandHandler<PlatformCommand, PlatformState>;
  /** The reference directory as the platforms context knows it (from the reference events). */
  readonly directory: () => Promise<PlatformDirectory>;
  /** Facts of policies, grants and people, from the platforms context's own reference projections. */
  readonly references: ReferenceLookup;
  readonly clock: () => Date;
  /** Makes the ids of venues, teams and service records a body leaves out. */
  readonly newId: () => string;
}

const PlatformParams = z.strictObject({ id: PlatformId });
type Input = CommandInput<unknown, unknown, unknown>;

/** The decider names a record's fields relative to the command's data; a problem names them in the body, as zod's issues do. */
function withBodyPaths(error: unknown): unknown {
  if (!(error instanceof BackboneError) || error.issues === undefined) return error;
  const issues = error.issues.map((issue) => ({ ...issue, path: issue.path === '' ? 'body' : `body.${issue.path}` }));
  return new BackboneError(error.code, error.message, { rule: error.rule, issues, cause: error, canRetry: error.canRetry });
}

/** The platforms context's HTTP API: a platform's life, its four integrations, its services, its state and history. */
export function createPlatformsApi(options: PlatformsApiOptions): ApiRouter {
  const { handler } = options;

  async function run<T extends PlatformCommandType>(type: T, platformId: string, data: PlatformCommandOf<T>['data'], ids: ReferencedIds, input: Input) {
    const [directory, facts] = await Promise.all([options.directory(), options.references(ids)]);
    const command = { type, platformId, actor: input.department, now: options.clock(), directory, facts, data } as PlatformCommand;
    try {
      return await handler.handle({
        aggregateId: platformId,
        command,
        actor: input.department,
        correlationId: input.correlationId,
        idempotency: idempotencyOf(input),
      });
    } catch (error) {
      throw withBodyPaths(error);
    }
  }

  /** A command on an existing platform whose body needs no ids filled in. */
  const onPlatform = <T extends 'startBuilding' | 'openPlatform' | 'suspendPlatform' | 'resumePlatform' | 'deployPolicy' | 'linkProject'>(
    type: T,
    path: string,
    summary: string,
    ids: (body: PlatformCommandOf<T>['data']) => ReferencedIds = () => ({}),
  ) =>
    defineCommand({
      method: 'POST',
      path,
      summary,
      params: PlatformParams,
      body: platformCommandBodies[type],
      success: 200,
      handle: (input) => {
        // Sound: these commands' data is exactly their parsed body.
        const data = input.body as PlatformCommandOf<T>['data'];
        return run(type, input.params.id, data, ids(data), input);
      },
    });

  async function load(id: string) {
    const loaded = await handler.load(id);
    if (loaded.version === 0 || loaded.state.status === 'none') {
      throw new BackboneError('not_found', `platform ${id} does not exist`, { rule: 'platform-not-found' });
    }
    return { ...loaded, platform: loaded.state };
  }

  const serviceId = (given: string | undefined) => given ?? `service-${options.newId()}`;

  return createApiRouter({
    name: 'platforms',
    routes: [
      defineCommand({
        method: 'POST',
        path: '/',
        summary: 'Plan the platform of a town or street (its id is derived from district and town)',
        body: platformCommandBodies.planPlatform,
        success: 201,
        handle: (input) => run('planPlatform', platformIdFor(input.body.district, input.body.town), input.body, {}, input),
      }),
      onPlatform('startBuilding', '/:id/building', 'Start building a planned platform'),
      onPlatform('openPlatform', '/:id/open', 'Open a platform being built: it operates'),
      onPlatform('suspendPlatform', '/:id/suspend', 'Suspend an operating platform, with a reason'),
      onPlatform('resumePlatform', '/:id/resume', 'Resume a suspended platform'),
      onPlatform('deployPolicy', '/:id/policies', 'Deploy a policy issued in the resources context', (b) => ({ policies: [b.policyId] })),
      onPlatform('linkProject', '/:id/projects', 'Link the project of a grant awarded in the resources context', (b) => ({ grants: [b.grantId] })),
      defineCommand({
        method: 'POST',
        path: '/:id/venues',
        summary: 'Add a venue (阵地)',
        params: PlatformParams,
        body: platformCommandBodies.addVenue,
        success: 200,
        handle: (input) =>
          run('addVenue', input.params.id, { ...input.body, venueId: input.body.venueId ?? `venue-${options.newId()}` }, {}, input),
      }),
      defineCommand({
        method: 'POST',
        path: '/:id/teams',
        summary: 'Station a team of people registered in the talent context',
        params: PlatformParams,
        body: platformCommandBodies.stationTeam,
        success: 200,
        handle: (input) =>
          run('stationTeam', input.params.id, { ...input.body, teamId: input.body.teamId ?? `team-${options.newId()}` }, { people: input.body.personIds }, input),
      }),
      defineCommand({
        method: 'POST',
        path: '/:id/services',
        summary: 'Record a service the operating platform delivered',
        params: PlatformParams,
        body: platformCommandBodies.recordService,
        success: 200,
        handle: (input) =>
          run('recordService', input.params.id, { ...input.body, serviceId: serviceId(input.body.serviceId) }, { people: input.body.personIds ?? [] }, input),
      }),
      defineCommand({
        method: 'POST',
        path: '/:id/services/bulk',
        summary: 'Import service records: all are written or none; the problem names each bad record by index',
        params: PlatformParams,
        body: platformCommandBodies.importServices,
        success: 200,
        handle: (input) => {
          const records = input.body.records.map((r) => ({ ...r, serviceId: serviceId(r.serviceId) }));
          return run('importServices', input.params.id, { records }, { people: records.flatMap((r) => r.personIds ?? []) }, input);
        },
      }),
      defineQuery({
        path: '/:id',
        summary: "A platform's current state and version",
        params: PlatformParams,
        handle: async ({ params }) => {
          const loaded = await load(params.id);
          return { id: params.id, version: loaded.version, state: describePlatform(loaded.platform) };
        },
      }),
      defineQuery({
        path: '/:id/history',
        summary: "A platform's events (CloudEvents envelopes), in order",
        params: PlatformParams,
        handle: async ({ params }) => {
          const loaded = await load(params.id);
          return { id: params.id, version: loaded.version, events: loaded.events.map((e) => e.envelope) };
        },
      }),
    ],
  });
}
