import type { ApiClient, CommandAnswer } from '../../../testing/index.ts';

// Test-only: the incubation venture driven over HTTP against a running backbone, as the
// departments' systems would, each with its own credential.

/** The client of the backbone speaking for one department. */
export type ClientFor = (department: string) => Promise<ApiClient>;

export interface VentureRun {
  readonly poolId: string;
  readonly callId: string;
  readonly applicationIds: readonly string[];
  readonly grantId: string;
  readonly endsAt: string;
  /** What the venture adds to its field's funds numbers. */
  readonly adds: Readonly<Record<'pooledFen' | 'budgetedFen' | 'awardedFen' | 'disbursedFen' | 'applications' | 'scoredApplications' | 'awards' | 'calls' | 'pools', number>>;
}

async function command(client: ApiClient, path: string, body: unknown): Promise<CommandAnswer> {
  const answer = await client.post<CommandAnswer>(path, body);
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Pool → contributions from three departments → call → three applications → scores → award → a tranche. */
export async function runVentureOverHttp(
  clientFor: ClientFor,
  options: { coordinating: string; sponsor: string; others: readonly string[]; field: string },
): Promise<VentureRun> {
  const { field } = options;
  const [second, third] = options.others;
  if (!second || !third) throw new Error('the venture needs two departments besides the sponsor');
  const [coordinating, sponsor, other, reviewer] = await Promise.all([options.coordinating, options.sponsor, second, third].map(clientFor));
  const r = '/api/resources';
  const { id: poolId } = await command(coordinating!, `${r}/pools`, { name: 'E2E venture', field });
  await command(coordinating!, `${r}/pools/${poolId}/contributions`, { amountFen: 3_000_000 });
  await command(sponsor!, `${r}/pools/${poolId}/contributions`, { amountFen: 2_000_000, department: options.sponsor });
  await command(other!, `${r}/pools/${poolId}/contributions`, { amountFen: 1_000_000 });
  const now = Date.now();
  const weights = { partyBuilding: 30, theoryResearch: 20, professionalValue: 30, serviceScenarios: 20 };
  const window = { opensAt: new Date(now - 3_600_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() };
  const { id: callId } = await command(coordinating!, `${r}/calls`, { poolId, field, budgetFen: 4_000_000, ...window, weights });
  const applicationIds: string[] = [];
  for (const [i, client] of [sponsor!, sponsor!, other!].entries()) {
    const body = { applicantOrganisationId: `org-e2e-${i}`, field, title: `E2E project ${i}`, requestedFen: 2_500_000 };
    applicationIds.push((await command(client, `${r}/calls/${callId}/applications`, body)).id);
  }
  const scores = (base: number) => ({ partyBuilding: base, theoryResearch: base - 5, professionalValue: base + 5, serviceScenarios: base });
  await command(reviewer!, `${r}/applications/${applicationIds[0]}/scores`, { reviewerId: 'reviewer-a', scores: scores(90) });
  await command(coordinating!, `${r}/applications/${applicationIds[0]}/scores`, { reviewerId: 'reviewer-b', scores: scores(85) });
  await command(reviewer!, `${r}/applications/${applicationIds[1]}/scores`, { reviewerId: 'reviewer-a', scores: scores(60) });
  await command(sponsor!, `${r}/applications/${applicationIds[2]}/scores`, { reviewerId: 'reviewer-c', scores: scores(70) });
  const endsAt = new Date(now + 90 * 86_400_000).toISOString();
  const { id: grantId } = await command(coordinating!, `${r}/applications/${applicationIds[0]}/award`, { amountFen: 2_500_000, endsAt });
  await command(coordinating!, `${r}/grants/${grantId}/disbursements`, { trancheFen: 1_000_000 });
  return {
    poolId,
    callId,
    applicationIds,
    grantId,
    endsAt,
    adds: { pooledFen: 6_000_000, budgetedFen: 4_000_000, awardedFen: 2_500_000, disbursedFen: 1_000_000, applications: 3, scoredApplications: 3, awards: 1, calls: 1, pools: 1 },
  };
}
