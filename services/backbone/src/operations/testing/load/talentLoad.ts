import { randomUUID } from 'node:crypto';
import type { LoadClient } from './loadClient.ts';

// Task 3, Actions 1, 2 and 4: people of every kind, a selection round and its result, a course,
// a certification, service hours, an incentive under a policy, a practice base and the think tank.

export interface TalentLoadOptions {
  readonly coordinating: string;
  /** The department that registers the volunteer and the social worker. */
  readonly department: string;
  /** Two key fields. */
  readonly fields: readonly [string, string];
  readonly clock: () => Date;
}

export interface TalentLoadResult {
  /** A social worker, certified and selected into the entry tier: qualified talent. */
  readonly qualifiedPersonId: string;
  readonly volunteerId: string;
}

/** Drives the talent context; throws on the first command the backbone did not accept. */
export async function driveTalent(client: LoadClient, options: TalentLoadOptions): Promise<TalentLoadResult> {
  const { coordinating, department } = options;
  const [field, otherField] = options.fields;
  const t = '/api/talent';
  const person = async (by: string, kind: string, sector: string, fields: readonly string[]) =>
    (await client.command(`${t}/people`, by, { kind, sector, fields, externalId: `ops-${randomUUID()}`, name: '运维演练' })).id;

  const volunteer = await person(department, 'volunteer', 'community', [field]);
  const worker = await person(department, 'social-worker', 'social-organisation', [field, otherField]);
  const expert = await person(coordinating, 'expert', 'university', [otherField]);

  // A round closing in three seconds: its result can be recorded once it has closed.
  const closesAt = options.clock().getTime() + 3_000;
  const round = await client.command(`${t}/selection-rounds`, coordinating, { field, tier: 'entry', closesAt: new Date(closesAt).toISOString() });
  await client.command(`${t}/selection-rounds/${round.id}/nominations`, department, { personId: worker });

  await client.command(`${t}/people/${volunteer}/trainings`, department, { courseId: 'volunteer-coordination', hours: 6 });
  await client.command(`${t}/people/${worker}/certifications`, coordinating, { certification: 'social-worker-intermediate' });
  const today = options.clock().toISOString().slice(0, 10);
  await client.command(`${t}/people/${volunteer}/service-hours`, department, { field, hours: 2.5, servedOn: today });
  await client.command(`${t}/people/${worker}/service-hours`, department, { field: otherField, hours: 1.5, servedOn: today });
  const policy = await client.command(`${t}/incentive-policies`, department, { scope: 'common', budgetFen: 50_000 });
  await client.command(`${t}/people/${volunteer}/incentives`, department, { policyId: policy.id, amountFen: 10_000 });
  await client.command(`${t}/practice-bases`, coordinating, { universityOrgId: 'university-operations-proof', fields: [field] });
  await client.command(`${t}/think-tank/members`, coordinating, { personId: expert });
  await client.command(`${t}/think-tank/notes`, coordinating, { memberId: expert, field: otherField, titleRef: 'advice-operations-proof' });

  const wait = closesAt + 100 - options.clock().getTime();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await client.command(`${t}/people/${worker}/tier`, coordinating, { roundId: round.id, tier: 'entry' });
  return { qualifiedPersonId: worker, volunteerId: volunteer };
}
