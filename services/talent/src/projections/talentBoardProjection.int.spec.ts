import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '@backbone/contracts';
import { createSqliteViewStore, markOf } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { Registry } from 'prom-client';
import { startTalentApiFixture } from '../api/testing/talentApiFixture.ts';
import type { TalentApiFixture } from '../api/testing/talentApiFixture.ts';
import { registration } from '../api/testing/people.ts';
import { readTalentBoard } from '../board/talentBoard.ts';
import { registerTalentGauges } from '../board/talentGauges.ts';
import { COORDINATING, FIELD, OTHER, OTHER_FIELD, SELF } from '../domain/testing/talentFixtures.ts';
import { TALENT_BOARD } from './talentBoardCounters.ts';
import { talentBoardProjection } from './talentBoardProjection.ts';

let api: TalentApiFixture;
let views: ViewStore;
let dir: string;
let log: Envelope[];
const projection = talentBoardProjection();

/** A quarter in miniature, through the API: every kind of talent event. */
async function writeStory(): Promise<void> {
  const id = async (answer: Promise<{ body: Record<string, unknown> }>) => String((await answer).body.id);
  const post = (as: string, path: string, body: unknown) => api.call('POST', path, { as, body });
  const volunteer = await id(post(SELF, '/people', registration({ kind: 'volunteer', sector: 'community', fields: [FIELD, OTHER_FIELD] })));
  const worker = await id(post(OTHER, '/people', registration({ kind: 'social-worker', sector: 'university' })));
  const expert = await id(post(SELF, '/people', registration({ kind: 'expert', sector: 'public-institution' })));
  const leaver = await id(post(SELF, '/people', registration({ kind: 'volunteer', sector: 'enterprise', fields: [OTHER_FIELD] })));
  const round = await id(post(COORDINATING, '/selection-rounds', { field: FIELD, tier: 'entry', closesAt: '2025-04-10T00:00:00Z' }));
  await post(OTHER, `/selection-rounds/${round}/nominations`, { personId: worker });
  api.clock.now = new Date('2025-04-11T09:00:00.000Z');
  await post(COORDINATING, `/people/${worker}/tier`, { roundId: round, tier: 'entry' });
  await post(SELF, `/people/${volunteer}/trainings`, { courseId: 'first-aid', hours: 6.5 });
  await post(OTHER, `/people/${worker}/trainings`, { courseId: 'case-work-101', hours: 16 });
  await post(COORDINATING, `/people/${worker}/certifications`, { certification: 'junior-social-worker' });
  await post(SELF, `/people/${volunteer}/service-hours`, { field: FIELD, hours: 2.5, servedOn: '2025-04-10' });
  await post(SELF, `/people/${volunteer}/service-hours`, { field: OTHER_FIELD, hours: 4, servedOn: '2025-04-11' });
  await post(OTHER, `/people/${worker}/service-hours`, { field: FIELD, hours: 1.2, servedOn: '2025-04-11' });
  await post(SELF, `/people/${leaver}/service-hours`, { field: OTHER_FIELD, hours: 3, servedOn: '2025-04-11' });
  const common = await id(post(SELF, '/incentive-policies', { scope: 'common', budgetFen: 50_000 }));
  const classified = await id(post(OTHER, '/incentive-policies', { scope: 'classified', sectors: ['university'], budgetFen: 30_000 }));
  await post(SELF, `/people/${volunteer}/incentives`, { policyId: common, amountFen: 20_000 });
  await post(OTHER, `/people/${worker}/incentives`, { policyId: classified, amountFen: 12_500 });
  await post(COORDINATING, '/practice-bases', { universityOrgId: 'swust', fields: [FIELD] });
  await post(COORDINATING, '/think-tank/members', { personId: expert });
  await post(SELF, '/think-tank/notes', { memberId: expert, field: FIELD, titleRef: 'note-1' });
  await post(SELF, `/people/${leaver}/erasure`, {});
  log = (await api.store.readAll({ limit: 1000 })).map((e) => e.envelope);
}

async function projectInto(version: string, envelopes: readonly Envelope[]): Promise<void> {
  for (const envelope of envelopes) {
    const writes = await projection.project(envelope, views.readerOf(TALENT_BOARD, version));
    await views.apply(TALENT_BOARD, version, markOf(envelope), writes);
  }
}

/** Interleaves the aggregates at random (seeded), keeping each aggregate's own order. */
function interleaved(envelopes: readonly Envelope[], seed: number): Envelope[] {
  const queues = new Map<string, Envelope[]>();
  for (const e of envelopes) queues.set(e.subject, [...(queues.get(e.subject) ?? []), e]);
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: Envelope[] = [];
  while (queues.size > 0) {
    const subjects = [...queues.keys()];
    const subject = subjects[Math.floor(next() * subjects.length)]!;
    const queue = queues.get(subject)!;
    out.push(queue.shift()!);
    if (queue.length === 0) queues.delete(subject);
  }
  return out;
}

beforeAll(async () => {
  api = await startTalentApiFixture(new Date('2025-04-01T09:00:00.000Z'));
  dir = mkdtempSync(join(tmpdir(), 'talent-board-'));
  views = createSqliteViewStore({ path: join(dir, 'views.db') });
  await writeStory();
});
afterAll(async () => {
  await views.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the talent board projection', () => {
  it('counts talent by tier, sector and field, trainings, incentives and hours per field', async () => {
    await views.ensureLive(TALENT_BOARD, 'log-order');
    await projectInto('log-order', log);
    const board = await readTalentBoard(views.reader(TALENT_BOARD), { fields: [FIELD, OTHER_FIELD, 'micro-economy-joint-services'] });
    expect(board.people).toEqual({
      total: 3,
      erased: 1,
      byKind: { 'social-worker': 1, volunteer: 1, expert: 1 },
      bySector: { university: 1, 'social-organisation': 0, 'public-institution': 1, community: 1, enterprise: 0 },
      byTier: { none: 2, entry: 1, backbone: 0, leading: 0 },
      byField: { [FIELD]: 3, [OTHER_FIELD]: 1, 'micro-economy-joint-services': 0 },
    });
    expect(board.selection).toEqual({ rounds: 1, nominations: 1, results: 1 });
    expect(board.trainings).toEqual({ completed: 2, hours: 22.5, certifications: 1 });
    expect(board.incentives).toEqual({
      policies: 2,
      budgetFen: 80_000,
      granted: 2,
      grantedFen: 32_500,
      byScope: { common: { granted: 1, grantedFen: 20_000 }, classified: { granted: 1, grantedFen: 12_500 } },
      byDepartment: { [SELF]: { granted: 1, grantedFen: 20_000 }, [OTHER]: { granted: 1, grantedFen: 12_500 } },
    });
    expect(board.serviceHours.entries).toBe(4);
    expect(board.serviceHours.hours).toBe(10.7);
    expect(board.serviceHours.byField[FIELD]).toEqual({ hours: 3.7, volunteerHours: 2.5, byKind: { 'social-worker': 1.2, volunteer: 2.5, expert: 0 } });
    expect(board.serviceHours.byField[OTHER_FIELD]).toMatchObject({ hours: 7, volunteerHours: 7 });
    expect(board).toMatchObject({ practiceBases: 1, thinkTank: { members: 1, adviceNotes: 1 } });
  });

  it('is exact under any order across aggregates and under redelivery', async () => {
    const expected = await readTalentBoard(views.readerOf(TALENT_BOARD, 'log-order'));
    for (const seed of [7, 42, 1234]) {
      const version = `shuffled-${seed}`;
      const order = interleaved(log, seed);
      // Each event delivered twice, and the whole log once more at the end.
      await projectInto(version, order.flatMap((e) => [e, e]));
      await projectInto(version, order);
      expect(await readTalentBoard(views.readerOf(TALENT_BOARD, version))).toEqual(expected);
    }
  });

  it('shows the board as gauges', async () => {
    const registry = new Registry();
    registerTalentGauges({ registry, views, fields: async () => [FIELD, OTHER_FIELD] });
    const text = await registry.metrics();
    expect(text).toContain(`backbone_talent_people_by_tier{tier="entry"} 1`);
    expect(text).toContain(`backbone_talent_people_by_sector{sector="community"} 1`);
    expect(text).toContain(`backbone_talent_trainings_completed 2`);
    expect(text).toContain(`backbone_talent_incentives_granted_fen{department="${SELF}"} 20000`);
    expect(text).toContain(`backbone_talent_service_hours{field="${FIELD}",kind="volunteer"} 2.5`);
    expect(text).toContain('backbone_talent_board_scrape_errors_total 0');
  });
});
