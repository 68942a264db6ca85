import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceLookup } from '@backbone/service-platforms';
import type { PlatformsBoard } from '@backbone/service-platforms';
import { expect } from 'vitest';
import type { Config } from '../../config.ts';
import { api, describeInBothModes, eventually, tokenIssuer } from '../../testing/index.ts';
import type { ApiClient, ApiResponse, CommandAnswer, Problem } from '../../testing/index.ts';
import { openViewStore } from '../infrastructure.ts';
import type { RunningBackbone } from '../startBackbone.ts';

const REFERENCE_CONFIG = resolve(fileURLToPath(new URL('../../../../../config/reference.json', import.meta.url)));
const referenceConfig = JSON.parse(readFileSync(REFERENCE_CONFIG, 'utf8')) as { departments: unknown[]; fields: unknown[] };
const COORDINATING = 'social-work';
const OWNER = 'civil-affairs';
const [FIELD, OTHER_FIELD] = ['new-employment-groups', 'micro-economy-joint-services'] as const;
const CST_OFFSET_MS = 8 * 3_600_000;

type BoardAnswer = { departments?: unknown[]; fields?: unknown[]; sections?: { platforms?: PlatformsBoard } };

const ok = (answer: ApiResponse<unknown>) => answer.status === 200 || answer.status === 201;

/** Polls `GET /api/board` (bounded) until `sections.platforms` satisfies `accept`. */
async function platformsSection(client: ApiClient, what: string, accept: (board: PlatformsBoard) => boolean): Promise<PlatformsBoard> {
  const answer = await eventually(what, () => client.get<BoardAnswer>('/api/board'), (a) => {
    const board = a.status === 200 ? a.body.sections?.platforms : undefined;
    return board !== undefined && accept(board);
  }, { timeoutMs: 60_000 });
  return answer.body.sections!.platforms!;
}

/** A policy (resources) and two people (talent, one certified) over HTTP; a platform integrates them and delivers services; the board counts them. */
async function platformsEndToEnd(backbone: RunningBackbone, config: Config): Promise<void> {
  const token = tokenIssuer({ dataDir: config.DATA_DIR });
  const as = async (department: string) => api(backbone.url, await token(department));
  const [coordinating, owner] = await Promise.all([as(COORDINATING), as(OWNER)]);
  await eventually('the whole reference directory on the board', () => coordinating.get<BoardAnswer>('/api/board'), (a) =>
    a.status === 200 && a.body.departments?.length === referenceConfig.departments.length && a.body.fields?.length === referenceConfig.fields.length,
  { timeoutMs: 60_000 });
  const before = await platformsSection(coordinating, 'the platforms section', () => true);

  /** A command that must succeed; a reference another context published may still be on its way to this context's view (404). */
  const command = async (client: ApiClient, path: string, body: unknown, waitForReferences = false): Promise<CommandAnswer> => {
    const answer = await eventually(`POST ${path}`, () => client.post<CommandAnswer | Problem>(path, body), (a) =>
      a.status !== 503 && !(waitForReferences && a.status === 404), { timeoutMs: 60_000 });
    expect([path, ok(answer)], JSON.stringify(answer.body)).toEqual([path, true]);
    return answer.body as CommandAnswer;
  };

  const policy = (await command(coordinating, '/api/resources/policies', { kind: 'policy', fields: [FIELD], title: 'Rider support desks' })).id;
  const person = async () =>
    (await command(owner, '/api/talent/people', { kind: 'social-worker', sector: 'community', fields: [FIELD], externalId: `e2e-${randomUUID()}`, name: '测试社工' })).id;
  const [certified, volunteer] = [await person(), await person()];
  await command(coordinating, `/api/talent/people/${certified}/certifications`, { certification: 'social-worker-intermediate' });

  const district = `e2e-${randomBytes(4).toString('hex')}`;
  const platform = (await command(owner, '/api/platforms', { district, town: 'chengjiao-street' })).id;
  expect(platform).toBe(`platform-${district}.chengjiao-street`);
  await command(owner, `/api/platforms/${platform}/building`, {});
  await command(coordinating, `/api/platforms/${platform}/open`, {});
  await command(owner, `/api/platforms/${platform}/policies`, { policyId: policy }, true);
  await command(owner, `/api/platforms/${platform}/venues`, { kind: 'service-station', capacity: 30 });
  // The certification decides the professional share, and it comes on another partition than the
  // volunteer's registration: wait until this context's references hold it, not just both people.
  // The view store the backbone under test keeps its read models in, opened beside it.
  const views = openViewStore(config);
  try {
    const lookup = referenceLookup(views);
    await eventually('the certification in the platforms references', () => lookup({ people: [certified, volunteer] }), (facts) =>
      facts.people.get(certified)?.certified === true && facts.people.has(volunteer), { timeoutMs: 60_000 });
  } finally {
    await views.close();
  }
  await command(owner, `/api/platforms/${platform}/teams`, { teamId: 'riders', personIds: [certified, volunteer] });

  const today = new Date(Date.now() + CST_OFFSET_MS).toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const record = (overrides: Record<string, unknown> = {}) => ({ field: FIELD, serviceType: 'rider-support-desk', beneficiaries: 10, volunteerHours: 2.5, deliveredOn: today, ...overrides });
  await command(owner, `/api/platforms/${platform}/services`, record({ personIds: [certified] }));
  const imported = await command(owner, `/api/platforms/${platform}/services/bulk`, {
    records: [record({ personIds: [volunteer] }), record({ beneficiaries: 4 }), record({ field: OTHER_FIELD, volunteerHours: 1 })],
  });

  // Bad input: a problem, and the platform's version does not move.
  const future = await owner.post<Problem>(`/api/platforms/${platform}/services`, record({ deliveredOn: '2999-01-01' }));
  expect([future.status, future.contentType, future.body.rule]).toEqual([400, 'application/problem+json', 'delivered-on-in-future']);
  const badBulk = await owner.post<Problem>(`/api/platforms/${platform}/services/bulk`, { records: [record(), record({ personIds: ['talent-person-unknown'] })] });
  expect([badBulk.status, badBulk.body.rule, badBulk.body.issues?.[0]?.path]).toEqual([400, 'import-has-bad-records', 'body.records.1.personIds.0']);
  expect((await owner.get<{ version: number }>(`/api/platforms/${platform}`)).body.version).toBe(imported.version);

  const counted = await platformsSection(coordinating, 'the board to count the services', (b) => b.districts.some((d) => d.district === district && d.services === 4));
  expect(counted.districts.find((d) => d.district === district)).toMatchObject({
    towns: 1,
    operating: 1,
    coverage: 1,
    services: 4,
    beneficiaries: 34,
    volunteerHours: 8.5,
    qualifiedServices: 1,
    qualifiedShare: 0.25,
  });
  const monthOf = (b: PlatformsBoard) => b.months.find((m) => m.month === month);
  const fieldOf = (b: PlatformsBoard, field: string) => monthOf(b)?.fields.find((f) => f.field === field)?.services ?? 0;
  expect(fieldOf(counted, FIELD) - fieldOf(before, FIELD)).toBe(3);
  expect(fieldOf(counted, OTHER_FIELD) - fieldOf(before, OTHER_FIELD)).toBe(1);
  expect(counted.platforms.towns - before.platforms.towns).toBe(1);
  expect(counted.platforms.operating - before.platforms.operating).toBe(1);
  expect(counted.trend?.month).toBe(month);
  expect(counted.trend?.partial).toBe(true);

  const metrics = await (await fetch(`${backbone.url}/metrics`)).text();
  expect(metrics).toMatch(/backbone_platforms_platforms\{[^}]*status="operating"[^}]*\} \d+/);
  expect(metrics).toMatch(/backbone_platforms_coverage_ratio(\{[^}]*\})? [\d.]+/);
}

describeInBothModes('platforms', 'a policy and people from the other contexts, a platform integrating them, its services on sections.platforms', platformsEndToEnd);
