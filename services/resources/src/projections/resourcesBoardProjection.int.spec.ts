import type { Envelope } from '@backbone/contracts';
import { markOf } from '@backbone/views';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResourcesApiFixture } from '../api/testing/resourcesApiFixture.ts';
import type { ResourcesApiFixture } from '../api/testing/resourcesApiFixture.ts';
import { COORDINATING, ENDS, FIELD, OTHER_FIELD, REVIEWER_DEPARTMENT, SCORES, SPONSOR, UNRELATED, WEIGHTS, CLOSES, OPENS } from '../domain/testing/resourceFixtures.ts';
import { registerFundsGauges } from '../metrics/fundsGauges.ts';
import { fundsBoard } from './fundsBoard.ts';
import type { FundsNumbers } from './fundsBoard.ts';
import { RESOURCES_BOARD, resourcesBoardProjection } from './resourcesBoardProjection.ts';

const FIELDS = [
  { id: FIELD, name: 'Technology development support' },
  { id: OTHER_FIELD, name: 'New employment groups' },
  { id: 'micro-economy-joint-services', name: 'Micro-economy joint services' },
];
const M = 1_000_000;
const none: FundsNumbers = {
  pooledFen: 0, budgetedFen: 0, awardedFen: 0, returnedFen: 0, disbursedFen: 0, utilisation: null,
  pools: 0, calls: 0, applications: 0, scoredApplications: 0, awards: 0, revocations: 0, policies: 0,
};

/** A small seeded PRNG, so a failing order can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The log in another order that keeps each aggregate's own order (as the bus does), with events
 * delivered again: at once, and later after newer events of the same aggregate.
 */
function shuffledWithRedeliveries(log: readonly Envelope[], seed: number): Envelope[] {
  const random = seeded(seed);
  const queues = new Map<string, Envelope[]>();
  for (const e of log) queues.set(e.subject, [...(queues.get(e.subject) ?? []), e]);
  const delivered: Envelope[] = [];
  while (queues.size > 0) {
    const subjects = [...queues.keys()];
    const subject = subjects[Math.floor(random() * subjects.length)]!;
    const queue = queues.get(subject)!;
    const event = queue.shift()!;
    delivered.push(event);
    if (random() < 0.3) delivered.push(event);
    const earlier = delivered.filter((e) => e.subject === subject);
    if (random() < 0.3) delivered.push(earlier[Math.floor(random() * earlier.length)]!);
    if (queue.length === 0) queues.delete(subject);
  }
  return delivered;
}

describe('resources-board projection (SQLite view store)', () => {
  let api: ResourcesApiFixture;
  let log: Envelope[];
  const projection = resourcesBoardProjection();

  async function project(version: string, envelopes: readonly Envelope[]): Promise<number> {
    let applied = 0;
    for (const envelope of envelopes) {
      const writes = await projection.project(envelope, api.views.readerOf(RESOURCES_BOARD, version));
      if (await api.views.apply(RESOURCES_BOARD, version, markOf(envelope), writes)) applied += 1;
    }
    return applied;
  }

  beforeAll(async () => {
    api = await startResourcesApiFixture();
    const c = api.commands;
    const as = (actor: string) => ({ actor });
    const general = (await c.openPool({ name: 'Venture' }, as(COORDINATING))).id;
    await c.contributeFunds(general, { amountFen: 60 * M }, as(COORDINATING));
    await c.contributeFunds(general, { amountFen: 40 * M }, as(SPONSOR));
    const tech = (await c.openPool({ name: 'Tech fund', field: FIELD }, as(COORDINATING))).id;
    await c.contributeFunds(tech, { amountFen: 30 * M }, as(UNRELATED));
    const window = { opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS };
    const jobsCall = (await c.openCall({ poolId: general, field: OTHER_FIELD, budgetFen: 50 * M, ...window }, as(COORDINATING))).id;
    const techCall = (await c.openCall({ poolId: tech, field: FIELD, budgetFen: 20 * M, ...window }, as(COORDINATING))).id;
    const apply = async (callId: string, field: string, requestedFen: number) =>
      (await c.submitApplication(callId, { applicantOrganisationId: 'org', field, title: 'Project', requestedFen }, as(SPONSOR))).id;
    const a1 = await apply(jobsCall, OTHER_FIELD, 20 * M);
    const a2 = await apply(jobsCall, OTHER_FIELD, 10 * M);
    const b1 = await apply(techCall, FIELD, 15 * M);
    await c.scoreApplication(a1, { reviewerId: 'r1', scores: SCORES }, as(REVIEWER_DEPARTMENT));
    await c.scoreApplication(a1, { reviewerId: 'r2', scores: { ...SCORES, partyBuilding: 40 } }, as(COORDINATING));
    await c.scoreApplication(a2, { reviewerId: 'r1', scores: { ...SCORES, professionalValue: 100 } }, as(REVIEWER_DEPARTMENT));
    await c.scoreApplication(b1, { reviewerId: 'r1', scores: SCORES }, as(REVIEWER_DEPARTMENT));
    const g1 = (await c.awardGrant(a1, { amountFen: 20 * M, endsAt: ENDS }, as(COORDINATING))).id;
    const g2 = (await c.awardGrant(b1, { amountFen: 15 * M, endsAt: ENDS }, as(COORDINATING))).id;
    await c.disburseGrant(g1, { trancheFen: 8 * M }, as(COORDINATING));
    await c.disburseGrant(g2, { trancheFen: 5 * M }, as(COORDINATING));
    await c.revokeGrant(g2, { reason: 'withdrawn' }, as(COORDINATING));
    await c.issuePolicy({ kind: 'project', fields: [FIELD, OTHER_FIELD], title: 'Project support' }, as(SPONSOR));
    await c.issuePolicy({ kind: 'service-standard', fields: [FIELD], title: 'Service standard' }, as(REVIEWER_DEPARTMENT));
    log = (await api.store.readAll({ limit: 1000 })).map((e) => e.envelope);
  });
  afterAll(async () => {
    await api.close();
  });

  const expected = {
    totals: {
      ...none, pooledFen: 130 * M, budgetedFen: 70 * M, awardedFen: 35 * M, returnedFen: 10 * M, disbursedFen: 13 * M,
      utilisation: 0.52, pools: 2, calls: 2, applications: 3, scoredApplications: 3, awards: 2, revocations: 1, policies: 2,
    },
    fields: [
      {
        ...FIELDS[0]!, ...none, pooledFen: 30 * M, budgetedFen: 20 * M, awardedFen: 15 * M, returnedFen: 10 * M, disbursedFen: 5 * M,
        utilisation: 1, pools: 1, calls: 1, applications: 1, scoredApplications: 1, awards: 1, revocations: 1, policies: 2,
      },
      {
        ...FIELDS[1]!, ...none, budgetedFen: 50 * M, awardedFen: 20 * M, disbursedFen: 8 * M,
        utilisation: 0.4, calls: 1, applications: 2, scoredApplications: 2, awards: 1, policies: 1,
      },
      { ...FIELDS[2]!, ...none },
    ],
  };

  it('counts funds per field and for the plan: a general pool counts in the plan only; utilisation = disbursed / (awarded − returned)', async () => {
    await api.views.ensureLive(RESOURCES_BOARD, 'in-order');
    expect(await project('in-order', log)).toBe(log.length);
    expect(await fundsBoard(api.views.readerOf(RESOURCES_BOARD, 'in-order'), FIELDS)).toEqual(expected);
  });

  it.each([1, 2, 3, 42])('is exact under any order across aggregates and any redelivery (seed %i)', async (seed) => {
    const deliveries = shuffledWithRedeliveries(log, seed);
    expect(deliveries.length).toBeGreaterThan(log.length);
    expect(await project(`shuffled-${seed}`, deliveries)).toBe(log.length);
    expect(await fundsBoard(api.views.readerOf(RESOURCES_BOARD, `shuffled-${seed}`), FIELDS)).toEqual(expected);
  });

  it("ranks a call's applications from their reviews and the call's weights", async () => {
    const version = await api.views.ensureLive(RESOURCES_BOARD, 'in-order');
    expect(version).toBe('in-order');
    const callId = log.find((e) => e.type.endsWith('IncubationCallOpened.v1'))!.data as { callId: string };
    const ranking = await api.get<{ ranking: { weightedScore?: number; rank?: number; reviewCount: number }[] }>(`/calls/${callId.callId}/ranking`, SPONSOR);
    // a2: (30·80 + 20·70 + 30·100 + 20·60) / 100 = 80; a1: the mean of 77 and 65 = 71.
    expect(ranking.body.ranking.map((r) => [r.weightedScore, r.rank, r.reviewCount])).toEqual([[80, 1, 1], [71, 2, 2]]);
  });

  it('shows the numbers as gauges: backbone_board_{plan,field}_funds_fen{kind}, utilisation, counts', async () => {
    const registry = new Registry();
    registerFundsGauges({ registry, views: api.views, fields: async () => FIELDS });
    const text = await registry.metrics();
    expect(text).toContain(`backbone_board_field_funds_fen{field="${FIELD}",kind="pooled"} 30000000`);
    expect(text).toContain(`backbone_board_field_funds_fen{field="${OTHER_FIELD}",kind="awarded"} 20000000`);
    expect(text).toContain('backbone_board_plan_funds_fen{kind="disbursed"} 13000000');
    expect(text).toContain('backbone_board_plan_funds_utilisation_ratio 0.52');
    expect(text).toContain(`backbone_board_field_incubation_applications{field="${OTHER_FIELD}"} 2`);
    expect(text).toContain(`backbone_board_field_incubation_awards{field="${FIELD}"} 1`);
    expect(text).not.toContain('backbone_board_field_funds_utilisation_ratio{field="micro-economy-joint-services"}');
    expect(text).toContain('backbone_board_funds_scrape_errors_total 0');
  });
});
