import { z } from 'zod';
import { ResourceId } from '@backbone/contracts';
import { createApiRouter, defineCommand, defineQuery, expectedVersionOf, idempotencyOf } from '@backbone/service-kit';
import type { ApiRouter, CommandInput } from '@backbone/service-kit';
import type { CommandMeta, ResourceCommands } from '../commands/resourceCommands.ts';
import { resourceCommandBodies } from '../domain/index.ts';

import type { ResourceReads } from './resourceReads.ts';

export interface ResourcesApiOptions {
  readonly commands: ResourceCommands;
  readonly reads: ResourceReads;
}

const Params = z.strictObject({ id: ResourceId });

const metaOf = (input: CommandInput<unknown, unknown, unknown>): CommandMeta => ({
  actor: input.department,
  correlationId: input.correlationId,
  expectedVersion: expectedVersionOf(input),
  idempotency: idempotencyOf(input),
});

type Reader = (department: string, id: string) => Promise<unknown>;

/** `GET /<kind>/:id` and `GET /<kind>/:id/history`. */
const readsOf = (path: string, what: string, state: Reader, history: Reader) => [
  defineQuery({
    path: `/${path}/:id`,
    summary: `${what}: its current state and version`,
    params: Params,
    handle: ({ params, department }) => state(department, params.id),
  }),
  defineQuery({
    path: `/${path}/:id/history`,
    summary: `${what}: its events (CloudEvents envelopes), in order`,
    params: Params,
    handle: ({ params, department }) => history(department, params.id),
  }),
];

/**
 * The resources context's HTTP API (mount under `/api/resources`): fund pools and
 * contributions, incubation calls, applications and their scores, awards, disbursements and
 * revocations, support policies; each by id with its history. `If-Match` names the version of
 * the stream a command is decided on (the pool's, for calls and grants).
 */
export function createResourcesApi(options: ResourcesApiOptions): ApiRouter {
  const { commands, reads } = options;
  const bodies = resourceCommandBodies;
  return createApiRouter({
    name: 'resources',
    routes: [
      defineCommand({
        method: 'POST',
        path: '/pools',
        summary: 'Open a fund pool, optionally for one key field (coordinating department)',
        body: bodies.openPool,
        success: 201,
        handle: (input) => commands.openPool(input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/pools/:id/contributions',
        summary: "Contribute the credential's department's own funds, in fen",
        params: Params,
        body: bodies.contributeFunds,
        success: 200,
        handle: (input) => commands.contributeFunds(input.params.id, input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/calls',
        summary: "Open an incubation call against a pool, reserving its budget from the pool's balance (coordinating)",
        description: 'Answers the call id and the version of its pool.',
        body: bodies.openCall,
        success: 201,
        handle: (input) => commands.openCall(input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/calls/:id/applications',
        summary: "Submit an organisation's application to an open call; the credential's department sponsors it",
        params: Params,
        body: bodies.submitApplication,
        success: 201,
        handle: (input) => commands.submitApplication(input.params.id, input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/applications/:id/scores',
        summary: 'Score each of the four criteria 0–100, once per reviewer (not the sponsoring department)',
        params: Params,
        body: bodies.scoreApplication,
        success: 200,
        handle: (input) => commands.scoreApplication(input.params.id, input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/applications/:id/award',
        summary: "Award a grant to a scored application, within its request, its call's budget and the pool (coordinating)",
        description: "Answers the grant id and the version of its pool; `If-Match` names the pool's version.",
        params: Params,
        body: bodies.awardGrant,
        success: 201,
        handle: (input) => commands.awardGrant(input.params.id, input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/grants/:id/disbursements',
        summary: 'Pay out a tranche, never beyond the award (coordinating)',
        params: Params,
        body: bodies.disburseGrant,
        success: 200,
        handle: (input) => commands.disburseGrant(input.params.id, input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/grants/:id/revoke',
        summary: "Revoke a grant; what it has not paid out goes back to its call's budget (coordinating)",
        params: Params,
        body: bodies.revokeGrant,
        success: 200,
        handle: (input) => commands.revokeGrant(input.params.id, input.body, metaOf(input)),
      }),
      defineCommand({
        method: 'POST',
        path: '/policies',
        summary: 'Issue a project, mechanism, policy or service-standard policy for one or more key fields',
        body: bodies.issuePolicy,
        success: 201,
        handle: (input) => commands.issuePolicy(input.body, metaOf(input)),
      }),
      ...readsOf('pools', 'A fund pool with its calls, grants and balances', reads.pool, reads.poolHistory),
      ...readsOf('calls', "An incubation call (on its pool's stream)", reads.call, reads.callHistory),
      defineQuery({
        path: '/calls/:id/ranking',
        summary: "The call's applications ranked by weighted score (derived from the reviews and the call's weights)",
        params: Params,
        handle: ({ params, department }) => reads.callRanking(department, params.id),
      }),
      ...readsOf('applications', 'An application with its reviews and weighted score', reads.application, reads.applicationHistory),
      ...readsOf('grants', "A grant (on its pool's stream)", reads.grant, reads.grantHistory),
      ...readsOf('policies', 'A support policy', reads.policy, reads.policyHistory),
    ],
  });
}
