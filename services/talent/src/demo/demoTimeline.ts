import type { IncentiveScope, PersonKind, Sector } from '@backbone/contracts';
import { newTalentId } from '../commandHandling/talentIds.ts';
import type {
  AdviceNoteCommandOf,
  IncentivePolicyCommandOf,
  PersonCommandOf,
  PersonCommandType,
  PracticeBaseCommandOf,
  SelectionRoundCommandOf,
} from '../domain/commands.ts';
import type { DemoRandom } from './talentDemo.ts';

/** A person the demo registers. */
export interface DemoPerson {
  readonly personId: string;
  readonly kind: PersonKind;
  readonly sector: Sector;
  readonly fields: readonly string[];
  readonly registeredBy: string;
  readonly registeredAt: number;
}

/** An incentive policy the demo issues. */
export interface DemoPolicy {
  readonly policyId: string;
  readonly issuedBy: string;
  readonly scope: IncentiveScope;
  readonly sectors: readonly Sector[];
  readonly budgetFen: number;
}

interface At {
  readonly at: number;
  readonly actor: string;
}
type PersonStep<T extends PersonCommandType> = At & { readonly type: T; readonly personId: string; readonly data: PersonCommandOf<T>['data'] };

/** One command of the demo quarter, at its moment, by its department. */
export type DemoStep =
  | PersonStep<'registerPerson'>
  | PersonStep<'recordSelectionResult'>
  | PersonStep<'completeCourse'>
  | PersonStep<'grantCertification'>
  | PersonStep<'logServiceHours'>
  | PersonStep<'appointThinkTankMember'>
  | (At & { readonly type: 'openSelectionRound'; readonly roundId: string; readonly data: SelectionRoundCommandOf<'openSelectionRound'>['data'] })
  | (At & { readonly type: 'nominate'; readonly roundId: string; readonly data: SelectionRoundCommandOf<'nominate'>['data'] })
  | (At & { readonly type: 'issueIncentivePolicy'; readonly policyId: string; readonly data: IncentivePolicyCommandOf<'issueIncentivePolicy'>['data'] })
  | (At & { readonly type: 'grantIncentive'; readonly policyId: string; readonly data: IncentivePolicyCommandOf<'grantIncentive'>['data'] })
  | (At & { readonly type: 'designatePracticeBase'; readonly baseId: string; readonly data: PracticeBaseCommandOf<'designatePracticeBase'>['data'] })
  | (At & { readonly type: 'submitAdviceNote'; readonly noteId: string; readonly data: AdviceNoteCommandOf<'submitAdviceNote'>['data'] });

export interface DemoTimelineOptions {
  readonly people: readonly DemoPerson[];
  readonly policies: readonly DemoPolicy[];
  readonly coordinating: string;
  readonly fields: readonly string[];
  readonly start: number;
  readonly random: DemoRandom;
  readonly newId: () => string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const COURSES = [
  { courseId: 'social-work-ethics', hours: 8 },
  { courseId: 'case-management-101', hours: 16 },
  { courseId: 'community-organising', hours: 12.5 },
  { courseId: 'volunteer-coordination', hours: 6 },
  { courseId: 'crisis-intervention', hours: 20 },
  { courseId: 'services-for-gig-workers', hours: 10 },
] as const;
const UNIVERSITIES = ['swust', 'mianyang-normal-university'] as const;
const PLATFORMS = ['platform-fucheng-street', 'platform-youxian-town', 'platform-gaoxin-street'] as const;

/** The talent quarter as a list of steps (unsorted); `start` is the quarter's first instant. */
export function demoTimeline(options: DemoTimelineOptions): DemoStep[] {
  const { people, policies, coordinating, fields, random, newId } = options;
  const day = (d: number) => options.start + d * DAY + 9 * HOUR;
  const between = (from: number, to: number) => from + random.int(0, Math.max(0, Math.floor((to - from) / HOUR))) * HOUR;
  const iso = (instant: number) => new Date(instant).toISOString();
  const steps: DemoStep[] = [];

  for (const p of people) {
    steps.push({ at: p.registeredAt, actor: p.registeredBy, type: 'registerPerson', personId: p.personId, data: { kind: p.kind, sector: p.sector, fields: [...p.fields] } });
  }
  policies.forEach((policy, i) => {
    const data = { scope: policy.scope, sectors: [...policy.sectors], budgetFen: policy.budgetFen };
    steps.push({ at: day(2 + i), actor: policy.issuedBy, type: 'issueIncentivePolicy', policyId: policy.policyId, data });
  });
  UNIVERSITIES.forEach((universityOrgId, i) => {
    const baseFields = [...new Set([fields[i % fields.length]!, random.pick(fields)])];
    steps.push({ at: day(4 + i), actor: coordinating, type: 'designatePracticeBase', baseId: newTalentId('practice-base', newId()), data: { universityOrgId, fields: baseFields } });
  });

  // Action 1: entry rounds in three fields, then a backbone round and a leading round that skips a tier with its reason.
  const round = (field: string, tier: 'entry' | 'backbone' | 'leading', opensAt: number, closesAt: number) => {
    const roundId = newTalentId('selection-round', newId());
    steps.push({ at: opensAt, actor: coordinating, type: 'openSelectionRound', roundId, data: { field, tier, closesAt: iso(closesAt) } });
    return { roundId, field, tier, opensAt, closesAt };
  };
  const select = (r: ReturnType<typeof round>, p: DemoPerson, skippedTierReason?: string) => {
    steps.push({ at: between(Math.max(p.registeredAt + HOUR, r.opensAt + HOUR), r.closesAt - DAY), actor: p.registeredBy, type: 'nominate', roundId: r.roundId, data: { personId: p.personId } });
    const data = skippedTierReason === undefined ? { roundId: r.roundId, tier: r.tier } : { roundId: r.roundId, tier: r.tier, skippedTierReason };
    steps.push({ at: between(r.closesAt + HOUR, r.closesAt + 4 * DAY), actor: coordinating, type: 'recordSelectionResult', personId: p.personId, data });
  };
  const entryRounds = fields.slice(0, 3).map((field) => round(field, 'entry', day(10), day(40)));
  const entrants: DemoPerson[] = [];
  for (const p of people.filter((x) => x.registeredAt < day(37))) {
    const r = entryRounds.find((e) => p.fields.includes(e.field));
    if (r === undefined || p.kind === 'expert' || !random.chance(0.6)) continue;
    select(r, p);
    entrants.push(p);
  }
  const backbone = round(fields[0]!, 'backbone', day(50), day(70));
  for (const p of entrants.filter((x) => x.fields.includes(backbone.field) && random.chance(0.5))) select(backbone, p);
  const leading = round(fields[1 % fields.length]!, 'leading', day(55), day(75));
  for (const p of people.filter((x) => x.kind === 'expert' && x.fields.includes(leading.field)).slice(0, 2)) {
    select(leading, p, 'A recognised expert with ten years of field practice');
  }

  for (const p of people) {
    const after = p.registeredAt + DAY;
    const courses = sample(random, COURSES, random.int(0, 3));
    for (const course of courses) {
      steps.push({ at: between(after, day(88)), actor: p.registeredBy, type: 'completeCourse', personId: p.personId, data: { ...course } });
    }
    if (p.kind !== 'volunteer' && random.chance(0.35)) {
      const certification = p.kind === 'expert' ? 'senior-advisor' : 'junior-social-worker';
      steps.push({ at: between(day(60), day(85)), actor: coordinating, type: 'grantCertification', personId: p.personId, data: { certification } });
    }
    const entries = p.kind === 'volunteer' ? random.int(6, 12) : p.kind === 'social-worker' ? random.int(3, 6) : random.int(0, 2);
    for (let i = 0; i < entries; i++) {
      const at = between(after, day(89));
      const platform = random.chance(0.5) ? { platformId: random.pick(PLATFORMS) } : {};
      const data = { field: random.pick(p.fields), hours: random.int(10, 60) / 10, servedOn: iso(at).slice(0, 10), ...platform };
      steps.push({ at, actor: p.registeredBy, type: 'logServiceHours', personId: p.personId, data });
    }
    // Action 2: a classified policy where it covers the sector, else the common one.
    const policy = policies.find((x) => x.scope === 'classified' && x.sectors.includes(p.sector)) ?? policies.find((x) => x.scope === 'common');
    if (policy !== undefined && random.chance(0.45)) {
      const data = { personId: p.personId, amountFen: random.int(2, 8) * 10_000 };
      steps.push({ at: between(Math.max(after, day(30)), day(88)), actor: policy.issuedBy, type: 'grantIncentive', policyId: policy.policyId, data });
    }
  }

  // Action 4: experts registered early join the think tank and advise on their fields.
  for (const [n, expert] of people.filter((p) => p.kind === 'expert' && p.registeredAt < day(30)).slice(0, 6).entries()) {
    const appointedAt = between(Math.max(expert.registeredAt + HOUR, day(20)), day(32));
    steps.push({ at: appointedAt, actor: coordinating, type: 'appointThinkTankMember', personId: expert.personId, data: {} });
    for (let i = 0; i < random.int(1, 2); i++) {
      const data = { memberId: expert.personId, field: random.pick(expert.fields), titleRef: `advice-2025-${n + 1}-${i + 1}` };
      steps.push({ at: between(day(35), day(88)), actor: expert.registeredBy, type: 'submitAdviceNote', noteId: newTalentId('advice-note', newId()), data });
    }
  }
  return steps;
}

/** `count` distinct items, chosen at random (a partial Fisher–Yates shuffle). */
function sample<T>(random: DemoRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = random.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
