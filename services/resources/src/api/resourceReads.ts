import { BackboneError, forbidden } from '@backbone/contracts';
import type { StoredEvent } from '@backbone/eventsourcing';
import type { ViewReader } from '@backbone/views';
import { poolIdOfCall, poolIdOfGrant, requireApplicationId, requirePolicyId, requirePoolId } from '../commands/resourceIds.ts';
import type { ResourceHandlers } from '../commands/resourceHandlers.ts';
import { describePool, weightedScore } from '../domain/index.ts';
import type { FundPool, ResourcesDirectory } from '../domain/index.ts';
import { callRanking } from '../projections/fundsBoard.ts';

export interface ResourceReadsOptions {
  readonly handlers: ResourceHandlers;
  readonly directory: () => Promise<ResourcesDirectory>;
  /** The live `resources-board` view (a call's ranking is read from it). */
  readonly board: ViewReader;
}

const notFound = (rule: string, message: string) => new BackboneError('not_found', message, { rule });
const envelopes = (events: readonly StoredEvent[]) => events.map((e) => e.envelope);
const about = (key: 'callId' | 'grantId', id: string) => (event: StoredEvent) => {
  const data = event.envelope.data;
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[key] === id;
};

/**
 * The reads of `GET /api/resources/…`: each aggregate's state and version folded from its
 * stream (always current), its history, and a call's ranking from the board view. Any
 * department of the directory may read them (the venture is run in the open); a credential
 * whose department is not in the directory is refused.
 */
export function createResourceReads(options: ResourceReadsOptions) {
  const { handlers } = options;

  async function requireReader(department: string): Promise<void> {
    const directory = await options.directory();
    if (!directory.departments.has(department)) {
      throw forbidden('reader-is-known-department', `${department} is not a department of the plan`);
    }
  }

  async function loadPool(poolId: string, rule = 'pool-not-found', what = `pool ${poolId}`) {
    const loaded = await handlers.pools.load(poolId);
    if (loaded.state.status === 'none') throw notFound(rule, `${what} does not exist`);
    const pool: FundPool = loaded.state;
    return { ...loaded, pool };
  }

  async function call(department: string, callId: string) {
    await requireReader(department);
    const poolId = poolIdOfCall(callId);
    const loaded = await loadPool(poolId, 'call-not-found', `call ${callId}`);
    const found = describePool(loaded.pool).calls.find((c) => c.callId === callId);
    if (!found) throw notFound('call-not-found', `call ${callId} does not exist`);
    return { ...loaded, poolId, call: found };
  }

  async function grant(department: string, grantId: string) {
    await requireReader(department);
    const poolId = poolIdOfGrant(grantId);
    const loaded = await loadPool(poolId, 'grant-not-found', `grant ${grantId}`);
    const found = describePool(loaded.pool).grants.find((g) => g.grantId === grantId);
    if (!found) throw notFound('grant-not-found', `grant ${grantId} does not exist`);
    return { ...loaded, poolId, grant: found };
  }

  async function application(department: string, applicationId: string) {
    await requireReader(department);
    const loaded = await handlers.applications.load(requireApplicationId(applicationId));
    if (loaded.state.status === 'none') throw notFound('application-not-found', `application ${applicationId} does not exist`);
    return { ...loaded, application: loaded.state };
  }

  async function policy(department: string, policyId: string) {
    await requireReader(department);
    const loaded = await handlers.policies.load(requirePolicyId(policyId));
    if (loaded.state.status === 'none') throw notFound('policy-not-found', `policy ${policyId} does not exist`);
    return { ...loaded, policy: loaded.state };
  }

  return {
    async pool(department: string, poolId: string) {
      await requireReader(department);
      const { version, pool } = await loadPool(requirePoolId(poolId));
      return { id: poolId, version, state: describePool(pool) };
    },
    async poolHistory(department: string, poolId: string) {
      await requireReader(department);
      const { version, events } = await loadPool(requirePoolId(poolId));
      return { id: poolId, version, events: envelopes(events) };
    },
    async call(department: string, callId: string) {
      const { version, poolId, call: state } = await call(department, callId);
      return { id: callId, poolId, version, state };
    },
    /** The call's events: those of its pool's stream that name it. */
    async callHistory(department: string, callId: string) {
      const { version, poolId, events } = await call(department, callId);
      return { id: callId, poolId, version, events: envelopes(events.filter(about('callId', callId))) };
    },
    /** The call's applications ranked by weighted score, as far as the board view has seen them. */
    async callRanking(department: string, callId: string) {
      const { poolId, call: state } = await call(department, callId);
      return { id: callId, poolId, weights: state.weights, ranking: await callRanking(options.board, callId, state.weights) };
    },
    async grant(department: string, grantId: string) {
      const { version, poolId, grant: state } = await grant(department, grantId);
      return { id: grantId, poolId, version, state };
    },
    /** The grant's events: those of its pool's stream that name it. */
    async grantHistory(department: string, grantId: string) {
      const { version, poolId, events } = await grant(department, grantId);
      return { id: grantId, poolId, version, events: envelopes(events.filter(about('grantId', grantId))) };
    },
    /** The application with its reviews, their count and the weighted score under its call's weights. */
    async application(department: string, applicationId: string) {
      const { version, application: state } = await application(department, applicationId);
      const pool = await handlers.pools.load(state.poolId);
      const weights = pool.state.status === 'none' ? undefined : describePool(pool.state).calls.find((c) => c.callId === state.callId)?.weights;
      const score = weights ? weightedScore(weights, state.reviews.map((r) => r.scores)) : undefined;
      return {
        id: applicationId,
        version,
        state: { ...state, reviewCount: state.reviews.length, ...(score === undefined ? {} : { weightedScore: score }) },
      };
    },
    async applicationHistory(department: string, applicationId: string) {
      const { version, events } = await application(department, applicationId);
      return { id: applicationId, version, events: envelopes(events) };
    },
    async policy(department: string, policyId: string) {
      const { version, policy: state } = await policy(department, policyId);
      return { id: policyId, version, state };
    },
    async policyHistory(department: string, policyId: string) {
      const { version, events } = await policy(department, policyId);
      return { id: policyId, version, events: envelopes(events) };
    },
  };
}

/** The reads of the resources API (see `createResourceReads`). */
export type ResourceReads = ReturnType<typeof createResourceReads>;
