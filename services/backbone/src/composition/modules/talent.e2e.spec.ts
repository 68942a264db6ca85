import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TalentBoard } from '@backbone/service-talent';
import { expect } from 'vitest';
import type { Config } from '../../config.ts';
import { api, describeInBothModes, eventually, tokenIssuer } from '../../testing/index.ts';
import type { ApiClient, CommandAnswer } from '../../testing/index.ts';
import type { RunningBackbone } from '../startBackbone.ts';

const REFERENCE_CONFIG = resolve(fileURLToPath(new URL('../../../../../config/reference.json', import.meta.url)));
const COORDINATING = 'social-work';
const [CIVIL, SCIENCE] = ['civil-affairs', 'science-technology'] as const;
const [FIELD, OTHER_FIELD] = ['new-employment-groups', 'technology-development-support'] as const;

type BoardAnswer = { departments?: unknown[]; fields?: unknown[]; sections?: { talent?: TalentBoard } };
const referenceConfig = JSON.parse(readFileSync(REFERENCE_CONFIG, 'utf8')) as { departments: unknown[]; fields: unknown[] };

/** The figures this test moves, read from `sections.talent`. */
function figures(board: TalentBoard) {
  return {
    people: board.people.total,
    erased: board.people.erased,
    community: board.people.bySector.community ?? 0,
    university: board.people.bySector.university ?? 0,
    publicInstitution: board.people.bySector['public-institution'] ?? 0,
    untiered: board.people.byTier.none ?? 0,
    inField: board.people.byField[FIELD] ?? 0,
    courses: board.trainings.completed,
    grants: board.incentives.granted,
    grantedFen: board.incentives.grantedFen,
    volunteerHoursInField: board.serviceHours.byField[FIELD]?.volunteerHours ?? 0,
    hoursInOtherField: board.serviceHours.byField[OTHER_FIELD]?.hours ?? 0,
  };
}
type Figures = ReturnType<typeof figures>;
function delta(after: Figures, before: Figures): Figures {
  const moved = { ...after };
  for (const key of Object.keys(after) as (keyof Figures)[]) moved[key] = Math.round((after[key] - before[key]) * 10) / 10;
  return moved;
}

async function talentBoard(client: ApiClient): Promise<Figures | undefined> {
  const answer = await client.get<BoardAnswer>('/api/board');
  return answer.status === 200 && answer.body.sections?.talent ? figures(answer.body.sections.talent) : undefined;
}

/** Polls `GET /api/board` (bounded) until `sections.talent` satisfies `accept`. */
async function boardWhen(client: ApiClient, what: string, accept: (figures: Figures) => boolean): Promise<Figures> {
  const seen = await eventually(what, () => talentBoard(client), (f) => f !== undefined && accept(f), { timeoutMs: 60_000 });
  if (seen === undefined) throw new Error(`${what}: no talent section`);
  return seen;
}

/** Registrations, trainings, incentives and hours over HTTP; the board counts exactly them; an erasure takes one person off. */
async function talentEndToEnd(backbone: RunningBackbone, config: Config): Promise<void> {
  const token = tokenIssuer({ dataDir: config.DATA_DIR });
  const as = async (department: string) => api(backbone.url, await token(department));
  const [coordinating, civil, science] = await Promise.all([as(COORDINATING), as(CIVIL), as(SCIENCE)]);
  // The directory view fills one event at a time: wait until it holds every department and field.
  await eventually('the whole reference directory on the board', () => coordinating.get<BoardAnswer>('/api/board'), (a) =>
    a.status === 200 && a.body.departments?.length === referenceConfig.departments.length && a.body.fields?.length === referenceConfig.fields.length,
  { timeoutMs: 60_000 });
  const before = await boardWhen(coordinating, 'the talent board', () => true);
  const command = async (client: ApiClient, path: string, body: unknown): Promise<CommandAnswer> => {
    // The reference directory may still be on its way to this process's view (503): nothing is written then.
    const answer = await eventually(`POST ${path}`, () => client.post<CommandAnswer>(`/api/talent${path}`, body), (a) => a.status !== 503);
    expect([path, answer.status], JSON.stringify(answer.body)).toEqual([path, expect.toSatisfy((s: number) => s === 200 || s === 201)]);
    return answer.body;
  };
  const person = (client: ApiClient, kind: string, sector: string, fields: string[]) =>
    command(client, '/people', { kind, sector, fields, externalId: `e2e-${randomUUID()}`, name: '测试人员', contact: 'e2e@example.org' });

  const volunteer = (await person(civil, 'volunteer', 'community', [FIELD])).id;
  const worker = (await person(science, 'social-worker', 'university', [FIELD, OTHER_FIELD])).id;
  await person(coordinating, 'expert', 'public-institution', [OTHER_FIELD]);
  await command(civil, `/people/${volunteer}/trainings`, { courseId: 'volunteer-coordination', hours: 6 });
  await command(science, `/people/${worker}/trainings`, { courseId: 'case-management-101', hours: 16 });
  const classified = (await command(science, '/incentive-policies', { scope: 'classified', sectors: ['university'], budgetFen: 100_000 })).id;
  const common = (await command(civil, '/incentive-policies', { scope: 'common', budgetFen: 50_000 })).id;
  await command(science, `/people/${worker}/incentives`, { policyId: classified, amountFen: 30_000 });
  await command(civil, `/people/${volunteer}/incentives`, { policyId: common, amountFen: 10_000 });
  const today = new Date().toISOString().slice(0, 10);
  await command(civil, `/people/${volunteer}/service-hours`, { field: FIELD, hours: 2.5, servedOn: today });
  await command(science, `/people/${worker}/service-hours`, { field: OTHER_FIELD, hours: 1.5, servedOn: today });

  const expected = {
    people: 3, erased: 0, community: 1, university: 1, publicInstitution: 1, untiered: 3, inField: 2,
    courses: 2, grants: 2, grantedFen: 40_000, volunteerHoursInField: 2.5, hoursInOtherField: 1.5,
  };
  const counted = await boardWhen(coordinating, 'the board to count them', (f) => {
    const moved = delta(f, before);
    return moved.people >= 3 && moved.courses >= 2 && moved.grantedFen >= 40_000 && moved.hoursInOtherField >= 1.5 && moved.volunteerHoursInField >= 2.5;
  });
  expect(delta(counted, before)).toEqual(expected);

  expect((await civil.get<{ personalData?: unknown }>(`/api/talent/people/${volunteer}`)).body.personalData).toEqual({ name: '测试人员', contact: 'e2e@example.org' });
  await command(civil, `/people/${volunteer}/erasure`, {});
  expect((await civil.get<{ personalData?: unknown }>(`/api/talent/people/${volunteer}`)).body).not.toHaveProperty('personalData');
  const erased = await boardWhen(coordinating, 'the board to see the erasure', (f) => delta(f, before).erased >= 1);
  expect(delta(erased, before)).toEqual({ ...expected, people: 2, erased: 1, community: 0, untiered: 2, inField: 1 });

  const metrics = await (await fetch(`${backbone.url}/metrics`)).text();
  expect(metrics).toMatch(/backbone_talent_trainings_completed(\{[^}]*\})? \d+/);
}

describeInBothModes('talent', 'people, trainings, incentives and hours over HTTP reach sections.talent of GET /api/board', talentEndToEnd);
