import { randomUUID } from 'node:crypto';
import type { LoadClient } from './loadClient.ts';

// Action 5 and Task 4: a town/street platform planned, built and opened, integrating a policy,
// a venue and a team, and delivering services in two key fields, one by qualified talent.

export interface PlatformsLoadOptions {
  readonly coordinating: string;
  /** The department that plans and runs the platform. */
  readonly owner: string;
  /** Two key fields. */
  readonly fields: readonly [string, string];
  /** A resources policy to deploy and talent to station, published by the other contexts. */
  readonly policyId: string;
  readonly qualifiedPersonId: string;
  readonly volunteerId: string;
  readonly clock: () => Date;
}

const CHINA_STANDARD_TIME_MS = 8 * 3_600_000;

/** Drives the platforms context; throws on the first command the backbone did not accept. Answers the platform's id. */
export async function drivePlatforms(client: LoadClient, options: PlatformsLoadOptions): Promise<string> {
  const { coordinating, owner } = options;
  const [field, otherField] = options.fields;
  const district = `ops-${randomUUID().slice(0, 8)}`;
  const platform = (await client.command('/api/platforms', owner, { district, town: 'chengjiao-street' })).id;
  const p = `/api/platforms/${platform}`;

  await client.command(`${p}/building`, owner, {});
  await client.command(`${p}/open`, coordinating, {});
  // The policy and the people reach this context's own reference projections through Kafka.
  await client.command(`${p}/policies`, owner, { policyId: options.policyId }, { waitForReferences: true });
  await client.command(`${p}/venues`, owner, { kind: 'service-station', capacity: 30 });
  await client.command(`${p}/teams`, owner, { personIds: [options.qualifiedPersonId, options.volunteerId] }, { waitForReferences: true });

  // Service days are China Standard Time days.
  const today = new Date(options.clock().getTime() + CHINA_STANDARD_TIME_MS).toISOString().slice(0, 10);
  const service = (overrides: Record<string, unknown>) => ({ field, serviceType: 'rider-support-desk', beneficiaries: 12, volunteerHours: 2.5, deliveredOn: today, ...overrides });
  await client.command(`${p}/services`, owner, service({ personIds: [options.qualifiedPersonId] }));
  await client.command(`${p}/services`, owner, service({ field: otherField, beneficiaries: 5, personIds: [options.volunteerId] }));
  return platform;
}
