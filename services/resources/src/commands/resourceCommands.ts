import { BackboneError } from '@backbone/contracts';
import type { CommandResult, IdempotencyRequest } from '@backbone/eventsourcing';
import { applicationFactsOf, callFactsOf } from '../domain/index.ts';
import type { ResourceCommandOf, ResourceCommandType, ResourcesDirectory } from '../domain/index.ts';
import {
  newApplicationId,
  newCallId,
  newGrantId,
  newPolicyId,
  newPoolId,
  poolIdOfCall,
  poolIdOfGrant,
  requireApplicationId,
  requirePoolId,
} from './resourceIds.ts';
import type { ResourceHandlers } from './resourceHandlers.ts';

/** Who sends a command and how: the department from the credential, and the request's options. */
export interface CommandMeta {
  readonly actor: string;
  readonly correlationId?: string;
  /** The version of the aggregate's stream the caller last saw (`If-Match`). */
  readonly expectedVersion?: number;
  readonly idempotency?: IdempotencyRequest;
}

/** The body of a command of one type. */
export type BodyOf<T extends ResourceCommandType> = ResourceCommandOf<T>['data'];

export interface ResourceCommandsOptions {
  readonly handlers: ResourceHandlers;
  /** The reference directory as the resources context knows it. */
  readonly directory: () => Promise<ResourcesDirectory>;
  readonly clock: () => Date;
  /** Makes the unique part of new ids. */
  readonly newId: () => string;
}

/**
 * The resources context's commands as the API (and any other driver) issues them. Each one
 * finds its stream from the ids, reads what the decider needs from other aggregates just before
 * deciding, and lets the handler decide and append. A refused command writes nothing.
 * Calls and grants live on their pool's stream: their answers carry the call or grant id and
 * the pool's version.
 */
export function createResourceCommands(options: ResourceCommandsOptions) {
  const { handlers, clock, newId } = options;
  const facts = async (meta: CommandMeta) => ({ actor: meta.actor, now: clock(), directory: await options.directory() });
  const request = (aggregateId: string, meta: CommandMeta) => ({
    aggregateId,
    actor: meta.actor,
    correlationId: meta.correlationId,
    expectedVersion: meta.expectedVersion,
    idempotency: meta.idempotency,
  });

  return {
    async openPool(data: BodyOf<'openPool'>, meta: CommandMeta): Promise<CommandResult> {
      const poolId = newPoolId(newId);
      const command = { type: 'openPool' as const, poolId, data, ...(await facts(meta)) };
      return handlers.pools.handle({ ...request(poolId, meta), command });
    },

    async contributeFunds(poolId: string, data: BodyOf<'contributeFunds'>, meta: CommandMeta): Promise<CommandResult> {
      requirePoolId(poolId);
      const command = { type: 'contributeFunds' as const, poolId, data, ...(await facts(meta)) };
      return handlers.pools.handle({ ...request(poolId, meta), command });
    },

    async openCall(data: BodyOf<'openCall'>, meta: CommandMeta): Promise<CommandResult> {
      const callId = newCallId(requirePoolId(data.poolId), newId);
      const command = { type: 'openCall' as const, poolId: data.poolId, callId, data, ...(await facts(meta)) };
      return withEntityId(await handlers.pools.handle({ ...request(data.poolId, meta), command }), 'callId');
    },

    async submitApplication(callId: string, data: BodyOf<'submitApplication'>, meta: CommandMeta): Promise<CommandResult> {
      const pool = await handlers.pools.load(poolIdOfCall(callId));
      const applicationId = newApplicationId(newId);
      const command = {
        type: 'submitApplication' as const,
        applicationId,
        callId,
        call: callFactsOf(pool.state, callId),
        data,
        ...(await facts(meta)),
      };
      return handlers.applications.handle({ ...request(applicationId, meta), command });
    },

    async scoreApplication(applicationId: string, data: BodyOf<'scoreApplication'>, meta: CommandMeta): Promise<CommandResult> {
      requireApplicationId(applicationId);
      const command = { type: 'scoreApplication' as const, applicationId, data, ...(await facts(meta)) };
      return handlers.applications.handle({ ...request(applicationId, meta), command });
    },

    /** Awards a grant on the pool of the application's call; `If-Match` names the pool's version. */
    async awardGrant(applicationId: string, data: BodyOf<'awardGrant'>, meta: CommandMeta): Promise<CommandResult> {
      const application = applicationFactsOf((await handlers.applications.load(requireApplicationId(applicationId))).state);
      if (!application) {
        throw new BackboneError('not_found', `application ${applicationId} does not exist`, { rule: 'application-not-found' });
      }
      const { poolId } = application;
      const grantId = newGrantId(poolId, newId);
      const command = { type: 'awardGrant' as const, poolId, grantId, applicationId, application, data, ...(await facts(meta)) };
      return withEntityId(await handlers.pools.handle({ ...request(poolId, meta), command }), 'grantId');
    },

    async disburseGrant(grantId: string, data: BodyOf<'disburseGrant'>, meta: CommandMeta): Promise<CommandResult> {
      const poolId = poolIdOfGrant(grantId);
      const command = { type: 'disburseGrant' as const, poolId, grantId, data, ...(await facts(meta)) };
      return { ...(await handlers.pools.handle({ ...request(poolId, meta), command })), id: grantId };
    },

    async revokeGrant(grantId: string, data: BodyOf<'revokeGrant'>, meta: CommandMeta): Promise<CommandResult> {
      const poolId = poolIdOfGrant(grantId);
      const command = { type: 'revokeGrant' as const, poolId, grantId, data, ...(await facts(meta)) };
      return { ...(await handlers.pools.handle({ ...request(poolId, meta), command })), id: grantId };
    },

    async issuePolicy(data: BodyOf<'issuePolicy'>, meta: CommandMeta): Promise<CommandResult> {
      const policyId = newPolicyId(newId);
      const command = { type: 'issuePolicy' as const, policyId, data, ...(await facts(meta)) };
      return handlers.policies.handle({ ...request(policyId, meta), command });
    },
  };
}

/** The resources context's commands (see `createResourceCommands`). */
export type ResourceCommands = ReturnType<typeof createResourceCommands>;

/**
 * Answers with the id of the call or grant the events created, read from the events themselves:
 * a repeated `Idempotency-Key` gets the first request's events back, and with them the first id.
 */
function withEntityId(result: CommandResult, key: 'callId' | 'grantId'): CommandResult {
  const data = result.events[0]?.data;
  const id = typeof data === 'object' && data !== null && key in data ? (data as Record<string, unknown>)[key] : undefined;
  if (typeof id !== 'string') throw new BackboneError('internal', `the command wrote no event naming its ${key}`);
  return { ...result, id };
}
