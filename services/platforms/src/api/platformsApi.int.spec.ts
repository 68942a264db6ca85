import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServiceApp } from '@backbone/service-kit';
import type { TestServiceApp } from '@backbone/service-kit';
import { createPlatformDirectory, platformIdFor } from '../domain/index.ts';
import { referenceLookup } from '../references/referenceFacts.ts';
import { openPlatformsFixture } from '../testing/platformsFixture.ts';
import type { PlatformsFixture } from '../testing/platformsFixture.ts';
import { seedReferences, SEEDED } from '../testing/seedReferences.ts';
import { createPlatformsApi } from './platformsApi.ts';

const COORDINATING = 'social-work';
const OWNER = 'civil-affairs';
const MEMBER = 'science-technology';
const FIELD = 'new-employment-groups';
/** 10:00 on 15 April 2025 in Mianyang. */
const NOW = new Date('2025-04-15T02:00:00.000Z');
const PLATFORM = platformIdFor('fucheng', 'chengjiao-street');

let fixture: PlatformsFixture;
let app: TestServiceApp;

beforeEach(async () => {
  fixture = openPlatformsFixture(() => NOW);
  await seedReferences(fixture.others);
  await fixture.project();
  const directory = createPlatformDirectory({ coordinating: COORDINATING, departments: [COORDINATING, OWNER, MEMBER], fields: [FIELD, 'field-4'] });
  const api = createPlatformsApi({
    handler: fixture.handler,
    directory: async () => directory,
    references: referenceLookup(fixture.views),
    clock: () => NOW,
    newId: randomUUID,
  });
  app = await startTestServiceApp({ mounts: { '/api/platforms': api } });
});
afterEach(async () => {
  await app.close();
  await fixture.close();
});

interface Answer {
  readonly status: number;
  readonly type: string | null;
  readonly body: Record<string, unknown>;
}

async function call(method: string, path: string, options: { as?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.as) headers.authorization = `Bearer ${await app.token(options.as)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${app.url}/api/platforms${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

const post = (path: string, body: unknown, as = OWNER) => call('POST', path, { as, body });
const service = (overrides: Record<string, unknown> = {}) => ({
  field: FIELD,
  serviceType: 'rider-support-desk',
  beneficiaries: 20,
  volunteerHours: 7.5,
  deliveredOn: '2025-04-15',
  ...overrides,
});

async function operatingPlatform(): Promise<void> {
  expect((await post('/', { district: 'fucheng', town: 'chengjiao-street' })).status).toBe(201);
  expect((await post(`/${PLATFORM}/building`, {})).status).toBe(200);
  expect((await post(`/${PLATFORM}/open`, {})).status).toBe(200);
}

/** Sends the request and checks it was refused as a problem with that status and rule, and wrote nothing. */
async function refused(request: () => Promise<Answer>, status: number, rule?: string): Promise<Answer> {
  const before = await fixture.head();
  const answer = await request();
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  if (rule !== undefined) expect(answer.body.rule).toBe(rule);
  expect(await fixture.head()).toBe(before);
  return answer;
}

describe('a platform through its life and its four integrations', () => {
  it('plans, builds, opens, integrates and records services; GET shows the state and the history', async () => {
    const planned = await post('/', { district: 'fucheng', town: 'chengjiao-street' });
    expect(planned).toMatchObject({ status: 201, body: { id: PLATFORM, version: 1, eventIds: [expect.any(String)] } });
    await post(`/${PLATFORM}/building`, {});
    await post(`/${PLATFORM}/open`, {}, COORDINATING);
    expect((await post(`/${PLATFORM}/policies`, { policyId: SEEDED.policy })).status).toBe(200);
    expect((await post(`/${PLATFORM}/venues`, { kind: 'service-station', capacity: 40 })).status).toBe(200);
    expect((await post(`/${PLATFORM}/projects`, { grantId: SEEDED.grant })).status).toBe(200);
    expect((await post(`/${PLATFORM}/teams`, { teamId: 'riders', personIds: [SEEDED.certified, SEEDED.volunteer] })).status).toBe(200);
    expect((await post(`/${PLATFORM}/services`, service({ serviceId: 'desk-1', personIds: [SEEDED.certified] }))).status).toBe(200);
    const bulk = await post(`/${PLATFORM}/services/bulk`, { records: [service(), service({ beneficiaries: 0, field: 'field-4' })] });
    expect(bulk).toMatchObject({ status: 200, body: { id: PLATFORM, version: 10, eventIds: [expect.any(String), expect.any(String)] } });

    const read = await call('GET', `/${PLATFORM}`, { as: MEMBER });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: PLATFORM,
      version: 10,
      state: {
        status: 'operating',
        district: 'fucheng',
        town: 'chengjiao-street',
        plannedBy: OWNER,
        policies: [SEEDED.policy],
        venues: [{ venueId: expect.stringMatching(/^venue-/), kind: 'service-station', capacity: 40 }],
        projects: [SEEDED.grant],
        teams: [{ teamId: 'riders', personIds: [SEEDED.certified, SEEDED.volunteer] }],
        services: 3,
        beneficiaries: 40,
        volunteerHours: 22.5,
      },
    });
    const history = await call('GET', `/${PLATFORM}/history`, { as: MEMBER });
    const events = history.body.events as { type: string; subject: string; data: Record<string, unknown> }[];
    expect(events.map((e) => e.type.split('.')[3])).toEqual([
      'PlatformPlanned',
      'PlatformBuildingStarted',
      'PlatformOpened',
      'PolicyDeployed',
      'VenueAdded',
      'ProjectLinked',
      'TeamStationed',
      'ServiceDelivered',
      'ServiceDelivered',
      'ServiceDelivered',
    ]);
    expect(events[7]?.data).toMatchObject({ serviceId: 'desk-1', byQualifiedTalent: true });
    expect(events.every((e) => e.subject === PLATFORM)).toBe(true);
  });

  it('answers 404 for a platform that does not exist', async () => {
    await refused(() => call('GET', `/${platformIdFor('nowhere', 'at-all')}`, { as: MEMBER }), 404, 'platform-not-found');
    await refused(() => post(`/${platformIdFor('nowhere', 'at-all')}/open`, {}), 404, 'platform-not-found');
  });

  it('repeats the first answer for a repeated Idempotency-Key and writes nothing more', async () => {
    await operatingPlatform();
    const first = await call('POST', `/${PLATFORM}/services`, { as: OWNER, body: service(), idempotencyKey: 'import-2025-04-15' });
    const before = await fixture.head();
    const again = await call('POST', `/${PLATFORM}/services`, { as: OWNER, body: service(), idempotencyKey: 'import-2025-04-15' });
    expect(again.status).toBe(200);
    expect(await fixture.head()).toBe(before);
    expect(again.body).toEqual(first.body);
  });
});

describe('bad input: problem+json, nothing written', () => {
  it('a service on a platform that is not operating (platform-not-operating, 409)', async () => {
    await post('/', { district: 'fucheng', town: 'chengjiao-street' });
    await refused(() => post(`/${PLATFORM}/services`, service()), 409, 'platform-not-operating');
    await post(`/${PLATFORM}/building`, {});
    await refused(() => post(`/${PLATFORM}/services/bulk`, { records: [service()] }), 409, 'platform-not-operating');
    await post(`/${PLATFORM}/open`, {});
    await post(`/${PLATFORM}/suspend`, { reason: 'flood damage' });
    await refused(() => post(`/${PLATFORM}/services`, service()), 409, 'platform-not-operating');
  });

  it('negative counts (400, every issue with its path)', async () => {
    await operatingPlatform();
    const answer = await refused(() => post(`/${PLATFORM}/services`, service({ beneficiaries: -1, volunteerHours: -2 })), 400);
    expect((answer.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['body.beneficiaries', 'body.volunteerHours']);
    await refused(() => post(`/${PLATFORM}/venues`, { kind: 'activity-room', capacity: -10 }), 400);
  });

  it('a future date (delivered-on-in-future, 400)', async () => {
    await operatingPlatform();
    const answer = await refused(() => post(`/${PLATFORM}/services`, service({ deliveredOn: '2025-04-16' })), 400, 'delivered-on-in-future');
    expect(answer.body.issues).toEqual([{ path: 'body.deliveredOn', message: expect.stringMatching(/^delivered-on-in-future: /) }]);
  });

  it('an unknown policy, grant or person (404), a revoked grant or an erased person (409)', async () => {
    await operatingPlatform();
    await refused(() => post(`/${PLATFORM}/policies`, { policyId: 'policy-never-issued' }), 404, 'policy-not-found');
    await refused(() => post(`/${PLATFORM}/projects`, { grantId: 'grant-never-awarded' }), 404, 'grant-not-found');
    await refused(() => post(`/${PLATFORM}/projects`, { grantId: SEEDED.revokedGrant }), 409, 'grant-revoked');
    await refused(() => post(`/${PLATFORM}/teams`, { personIds: [SEEDED.volunteer, 'person-never-registered'] }), 404, 'person-not-found');
    await refused(() => post(`/${PLATFORM}/teams`, { personIds: [SEEDED.erased] }), 409, 'person-erased');
    await refused(() => post(`/${PLATFORM}/services`, service({ personIds: ['person-never-registered'] })), 404, 'person-not-found');
  });

  it('a bulk import with bad records writes none of them and names each bad record by its index', async () => {
    await operatingPlatform();
    const records = [service(), service({ deliveredOn: '2030-01-01' }), service(), service({ personIds: ['person-never-registered'] }), service({ field: 'astrology' })];
    const answer = await refused(() => post(`/${PLATFORM}/services/bulk`, { records }), 400, 'import-has-bad-records');
    expect(answer.body.detail).toMatch(/^3 of 5 records are invalid; nothing was imported/);
    expect(answer.body.issues).toEqual([
      { path: 'body.records.1.deliveredOn', message: expect.stringMatching(/^delivered-on-in-future: /) },
      { path: 'body.records.3.personIds.0', message: expect.stringMatching(/^person-not-found: /) },
      { path: 'body.records.4.field', message: expect.stringMatching(/^unknown-field: /) },
    ]);
    const negative = await refused(() => post(`/${PLATFORM}/services/bulk`, { records: [service(), service({ beneficiaries: -4 })] }), 400);
    expect(negative.body.issues).toEqual([{ path: 'body.records.1.beneficiaries', message: expect.any(String) }]);
    await refused(() => post(`/${PLATFORM}/services/bulk`, { records: [] }), 400);
  });

  it('a department that may not (403), no credential (401), an unknown field in the body (400)', async () => {
    await operatingPlatform();
    await refused(() => post(`/${PLATFORM}/services`, service(), MEMBER), 403, 'only-owner-records-services');
    await refused(() => post(`/${PLATFORM}/suspend`, { reason: 'why not' }, MEMBER), 403, 'only-owner-or-coordinating-suspends');
    await refused(() => call('POST', `/${PLATFORM}/services`, { body: service() }), 401);
    await refused(() => post(`/${PLATFORM}/services`, { ...service(), department: COORDINATING }), 400);
    await refused(() => post('/', { district: 'fucheng', town: 'chengjiao-street' }, MEMBER), 409, 'platform-already-exists');
  });
});
