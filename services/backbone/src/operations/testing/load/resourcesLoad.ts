import type { LoadClient } from './loadClient.ts';

// Task 2 and Action 3: a fund pool fed by two departments, an incubation call, an application
// scored by another department, awarded and partly disbursed, and a support policy.

export interface ResourcesLoadOptions {
  readonly coordinating: string;
  /** The sponsoring department, then the reviewing one; both contribute. */
  readonly departments: readonly [string, string];
  readonly field: string;
  readonly clock: () => Date;
}

export interface ResourcesLoadResult {
  /** The support policy, for a platform to deploy. */
  readonly policyId: string;
  readonly grantId: string;
}

const YUAN = 100;

/** Drives the resources context; throws on the first command the backbone did not accept. */
export async function driveResources(client: LoadClient, options: ResourcesLoadOptions): Promise<ResourcesLoadResult> {
  const { coordinating, field } = options;
  const [sponsor, reviewer] = options.departments;
  const now = options.clock().getTime();
  const r = '/api/resources';

  const pool = await client.command(`${r}/pools`, coordinating, { name: 'Operations proof pool', field });
  await client.command(`${r}/pools/${pool.id}/contributions`, sponsor, { amountFen: 300_000 * YUAN });
  await client.command(`${r}/pools/${pool.id}/contributions`, reviewer, { amountFen: 200_000 * YUAN });
  const call = await client.command(`${r}/calls`, coordinating, {
    poolId: pool.id,
    field,
    budgetFen: 400_000 * YUAN,
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    weights: { partyBuilding: 25, theoryResearch: 25, professionalValue: 25, serviceScenarios: 25 },
  });
  const application = await client.command(`${r}/calls/${call.id}/applications`, sponsor, {
    applicantOrganisationId: 'org-operations-proof',
    field,
    title: 'Rider service stations',
    requestedFen: 150_000 * YUAN,
  });
  await client.command(`${r}/applications/${application.id}/scores`, reviewer, {
    reviewerId: 'reviewer-operations-proof',
    scores: { partyBuilding: 80, theoryResearch: 70, professionalValue: 90, serviceScenarios: 85 },
  });
  const grant = await client.command(`${r}/applications/${application.id}/award`, coordinating, {
    amountFen: 120_000 * YUAN,
    endsAt: new Date(now + 180 * 86_400_000).toISOString(),
  });
  await client.command(`${r}/grants/${grant.id}/disbursements`, coordinating, { trancheFen: 40_000 * YUAN });
  const policy = await client.command(`${r}/policies`, sponsor, { kind: 'policy', fields: [field], title: 'Rider support desks' });
  return { policyId: policy.id, grantId: grant.id };
}
