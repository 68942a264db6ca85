import type { CriterionScores, CriterionWeights } from '@backbone/contracts';
import type { ResourceCommands } from '../commands/resourceCommands.ts';
import { rankApplications } from '../domain/index.ts';

/** The seeded randomness the demo draws from. */
export interface DemoRandom {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export interface ResourcesDemoOptions {
  /** Commands over handlers whose clock is the demo's. */
  readonly commands: ResourceCommands;
  /** Moves the demo's clock forward (never back) to this instant. */
  readonly advanceTo: (instant: number) => void;
  /** The quarter's first and last instants (ms). */
  readonly start: number;
  readonly end: number;
  readonly coordinating: string;
  readonly departments: readonly string[];
  readonly fields: readonly string[];
  readonly random: DemoRandom;
}

const DAY = 86_400_000;
const YUAN = 100;
const TITLES = [
  'Volunteer service stations for delivery riders',
  'Social-work desk for micro-businesses',
  'Mentors for technology start-ups',
  'Night school for platform workers',
  'Shared service hours ledger',
  'Community care map',
];
const WEIGHTS: CriterionWeights = { partyBuilding: 25, theoryResearch: 20, professionalValue: 30, serviceScenarios: 25 };

interface Applied {
  readonly id: string;
  readonly sponsor: string;
  readonly requestedFen: number;
  readonly reviews: { readonly scores: CriterionScores }[];
}

/**
 * The resources share of the demo quarter, on its moving clock: a venture pool fed by several
 * departments and a pool per leading field, calls across fields, sponsored applications scored
 * by other departments, awards down each call's ranking within its budget, tranches paid out,
 * one grant revoked, and a few support policies. Returns a one-line summary.
 */
export async function runResourcesDemo(options: ResourcesDemoOptions): Promise<string> {
  const { commands, random, coordinating, start } = options;
  const at = (days: number) => options.advanceTo(start + Math.round(days * DAY));
  const as = (actor: string) => ({ actor });
  const others = options.departments.filter((d) => d !== coordinating);
  const fields = options.fields.slice(0, Math.max(1, Math.min(4, options.fields.length)));
  const count = { tranches: 0, reviews: 0, policies: 0, revoked: 0, pooledFen: 0, awardedFen: 0, disbursedFen: 0 };

  at(1);
  const venture = (await commands.openPool({ name: '2025 incubation venture (创投)' }, as(coordinating))).id;
  const pools = [{ poolId: venture, field: undefined as string | undefined, availableFen: 0 }];
  for (const field of fields.slice(0, 2)) {
    at(2);
    pools.push({ poolId: (await commands.openPool({ name: `Project fund: ${field}`, field }, as(coordinating))).id, field, availableFen: 0 });
  }
  // The coordinating department and four others feed the venture pool; the rest take turns on the field pools.
  for (const [i, department] of [coordinating, ...others].entries()) {
    at(3 + i * 0.5);
    const pool = i < 5 || pools.length === 1 ? pools[0]! : pools[1 + (i % (pools.length - 1))]!;
    const amountFen = random.int(20, 80) * 10_000 * YUAN;
    await commands.contributeFunds(pool.poolId, { amountFen }, as(department));
    pool.availableFen += amountFen;
    count.pooledFen += amountFen;
  }

  const calls: { callId: string; field: string; budgetFen: number; applied: Applied[] }[] = [];
  for (const [i, field] of fields.entries()) {
    at(8 + i);
    const dedicated = pools.find((p) => p.field === field && p.availableFen > 0);
    const pool = dedicated ?? pools[0]!;
    const budgetFen = Math.min(random.int(25, 40) * 10_000 * YUAN, Math.floor(pool.availableFen / (dedicated ? 1 : 2)));
    if (budgetFen < 1) continue;
    const opensAt = new Date(start + 8 * DAY).toISOString();
    const closesAt = new Date(start + 40 * DAY).toISOString();
    const { id } = await commands.openCall({ poolId: pool.poolId, field, budgetFen, opensAt, closesAt, weights: WEIGHTS }, as(coordinating));
    pool.availableFen -= budgetFen;
    calls.push({ callId: id, field, budgetFen, applied: [] });
  }

  for (const [c, call] of calls.entries()) {
    const { field } = call;
    const applications = random.int(4, 7);
    for (let a = 0; a < applications; a++) {
      at(12 + c * 2 + a * 3);
      const sponsor = random.pick(others);
      const requestedFen = random.int(8, 15) * 10_000 * YUAN;
      const title = `${random.pick(TITLES)} (${field})`;
      const body = { applicantOrganisationId: `org-demo-${c}-${a}`, field, title, requestedFen };
      const { id } = await commands.submitApplication(call.callId, body, as(sponsor));
      call.applied.push({ id, sponsor, requestedFen, reviews: [] });
    }
  }

  for (const call of calls) {
    for (const application of call.applied) {
      const reviewers = [coordinating, ...others].filter((d) => d !== application.sponsor);
      const first = random.int(0, reviewers.length - 1);
      for (let r = 0; r < 3; r++) {
        at(41 + random.int(0, 5));
        const scores = {
          partyBuilding: random.int(55, 98),
          theoryResearch: random.int(45, 95),
          professionalValue: random.int(50, 99),
          serviceScenarios: random.int(50, 97),
        };
        await commands.scoreApplication(application.id, { reviewerId: `reviewer-${r + 1}`, scores }, as(reviewers[(first + r) % reviewers.length]!));
        application.reviews.push({ scores });
        count.reviews += 1;
      }
    }
  }

  const grants: { grantId: string; amountFen: number }[] = [];
  const endsAt = new Date(options.end + 180 * DAY).toISOString();
  for (const call of calls) {
    at(48);
    let remaining = call.budgetFen;
    const ranked = rankApplications(WEIGHTS, call.applied.map((a) => ({ applicationId: a.id, reviews: a.reviews })));
    for (const { applicationId } of ranked) {
      const application = call.applied.find((a) => a.id === applicationId)!;
      const amountFen = Math.min(application.requestedFen, remaining);
      if (amountFen < 50_000 * YUAN) break;
      const { id } = await commands.awardGrant(applicationId, { amountFen, endsAt }, as(coordinating));
      grants.push({ grantId: id, amountFen });
      remaining -= amountFen;
      count.awardedFen += amountFen;
    }
  }

  for (const [g, grant] of grants.entries()) {
    at(55 + g);
    const first = Math.floor((grant.amountFen * 4) / 10);
    await commands.disburseGrant(grant.grantId, { trancheFen: first }, as(coordinating));
    count.tranches += 1;
    count.disbursedFen += first;
    if (g === grants.length - 1 && grants.length > 2) {
      at(75);
      await commands.revokeGrant(grant.grantId, { reason: 'the organisation withdrew from the project' }, as(coordinating));
      count.revoked += 1;
    } else if (random.chance(0.6)) {
      at(80 + random.int(0, 8));
      const second = Math.floor((grant.amountFen * 3) / 10);
      await commands.disburseGrant(grant.grantId, { trancheFen: second }, as(coordinating));
      count.tranches += 1;
      count.disbursedFen += second;
    }
  }

  const kinds = ['project', 'mechanism', 'policy', 'service-standard'] as const;
  for (const [i, kind] of kinds.entries()) {
    at(20 + i * 15);
    const issuer = i === 0 ? coordinating : random.pick(others);
    await commands.issuePolicy({ kind, fields: [fields[i % fields.length]!], title: `Support measure ${i + 1}: ${kind}` }, as(issuer));
    count.policies += 1;
  }

  const yuan = (fen: number) => Math.round(fen / YUAN).toLocaleString('en-US');
  const applications = calls.reduce((n, c) => n + c.applied.length, 0);
  return (
    `resources: ${pools.length} pools (¥${yuan(count.pooledFen)}), ${calls.length} calls, ${applications} applications ` +
    `(${count.reviews} reviews), ${grants.length} grants (¥${yuan(count.awardedFen)}, ${count.revoked} revoked), ` +
    `${count.tranches} tranches (¥${yuan(count.disbursedFen)}), ${count.policies} policies`
  );
}
