import type { CommandHandler, EventStore } from '@backbone/eventsourcing';
import { VENUE_KINDS } from '@backbone/contracts';
import { platformIdFor } from '../domain/index.ts';
import type { PlatformCommand, PlatformCommandOf, PlatformCommandType, PlatformState, ReferenceFacts, ServiceRecord } from '../domain/index.ts';
import { referencesInLog } from './referencesInLog.ts';

/** The seeded PRNG the quarter demo hands to each context. */
export interface DemoRandom {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export interface PlatformsDemoOptions {
  readonly handler: CommandHandler<PlatformCommand, PlatformState>;
  /** Where the other contexts' demos wrote their policies, grants and people. */
  readonly store: EventStore;
  /** The demo's moving clock, and how to move it. */
  readonly clock: () => Date;
  readonly advanceTo: (instant: number) => void;
  readonly newId: () => string;
  readonly start: number;
  readonly end: number;
  readonly coordinating: string;
  readonly departments: readonly string[];
  readonly fields: readonly string[];
  readonly random: DemoRandom;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CST_OFFSET_MS = 8 * HOUR;
const cstDate = (instant: number) => new Date(instant + CST_OFFSET_MS).toISOString().slice(0, 10);

/** Mianyang's districts and counties, with how many of their towns/streets get a platform. */
const DISTRICTS: readonly (readonly [string, number])[] = [
  ['fucheng', 3],
  ['youxian', 2],
  ['anzhou', 2],
  ['jiangyou', 2],
  ['santai', 1],
  ['zitong', 1],
];
const SERVICE_TYPES = ['home-visit', 'group-activity', 'counselling', 'skills-training', 'legal-aid-desk', 'volunteer-patrol'];

type Command = { readonly [K in PlatformCommandType]: { readonly type: K; readonly data: PlatformCommandOf<K>['data'] } }[PlatformCommandType];

interface Step {
  readonly at: number;
  readonly platformId: string;
  readonly actor: string;
  /** The command at its time, given what the references knew then; undefined skips it. */
  readonly build: (facts: ReferenceFacts) => Command | undefined;
}

/** The life of one platform in the quarter. */
interface PlatformPlan {
  readonly platformId: string;
  readonly district: string;
  readonly town: string;
  readonly owner: string;
  readonly planAt: number;
  readonly buildAt?: number;
  readonly openAt?: number;
  readonly suspension?: { readonly from: number; readonly to: number };
  readonly homeField: string;
}

function planPlatforms(o: PlatformsDemoOptions): PlatformPlan[] {
  const { random, start } = o;
  const owners = o.departments.filter((d) => d !== o.coordinating);
  const towns = DISTRICTS.flatMap(([district, count]) => Array.from({ length: count }, (_, i) => [district, `town-${i + 1}`] as const));
  return towns.map(([district, town], index) => {
    const planAt = start + random.int(0, 12) * DAY + random.int(8, 17) * HOUR;
    // The last town is still being planned at the quarter's end, the one before it still being built.
    const buildAt = index === towns.length - 1 ? undefined : planAt + random.int(3, 10) * DAY;
    const openAt = buildAt === undefined || index === towns.length - 2 ? undefined : buildAt + random.int(7, 21) * DAY;
    const suspendedFrom = openAt === undefined || !random.chance(0.25) ? undefined : openAt + random.int(10, 30) * DAY;
    return {
      platformId: platformIdFor(district, town),
      district,
      town,
      owner: owners.length > 0 ? random.pick(owners) : o.coordinating,
      planAt,
      ...(buildAt === undefined ? {} : { buildAt }),
      ...(openAt === undefined ? {} : { openAt }),
      ...(suspendedFrom === undefined ? {} : { suspension: { from: suspendedFrom, to: suspendedFrom + random.int(5, 20) * DAY } }),
      homeField: random.pick(o.fields),
    };
  });
}

/** Up to `count` distinct items, at random. */
function sample<T>(random: DemoRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return picked;
}

function lifeOf(plan: PlatformPlan, o: PlatformsDemoOptions): Step[] {
  const { random } = o;
  const step = (at: number, build: Step['build'], actor = plan.owner): Step => ({ at, platformId: plan.platformId, actor, build });
  const steps: Step[] = [step(plan.planAt, () => ({ type: 'planPlatform', data: { district: plan.district, town: plan.town } }))];
  if (plan.buildAt === undefined) return steps;
  steps.push(step(plan.buildAt, () => ({ type: 'startBuilding', data: {} })));
  for (let v = 0; v < random.int(1, 3); v++) {
    const kind = random.pick(VENUE_KINDS);
    const capacity = kind === 'online-platform' ? undefined : random.int(2, 20) * 10;
    steps.push(step(plan.buildAt + random.int(1, 5) * DAY, () => ({ type: 'addVenue', data: { venueId: `venue-${o.newId()}`, kind, ...(capacity === undefined ? {} : { capacity }) } })));
  }
  const { openAt } = plan;
  if (openAt === undefined) return steps;
  // The people of the team stationed before opening deliver some of the services.
  let team: readonly string[] = [];
  steps.push(step(openAt - DAY, (facts) => {
    const people = [...facts.people.values()].filter((p) => !p.erased).map((p) => p.personId);
    team = sample(random, people, random.int(2, 5));
    return team.length === 0 ? undefined : { type: 'stationTeam', data: { teamId: `team-${o.newId()}`, personIds: [...team] } };
  }));
  steps.push(step(openAt, () => ({ type: 'openPlatform', data: {} }), random.chance(0.3) ? o.coordinating : plan.owner));
  const deployed = new Set<string>();
  for (let p = 0; p < 2; p++) {
    steps.push(step(openAt + random.int(1, 20) * DAY, (facts) => {
      const policy = sample(random, [...facts.policies.keys()].filter((id) => !deployed.has(id)), 1)[0];
      if (policy === undefined) return undefined;
      deployed.add(policy);
      return { type: 'deployPolicy', data: { policyId: policy } };
    }));
  }
  steps.push(step(openAt + random.int(10, 40) * DAY, (facts) => {
    const grant = sample(random, [...facts.grants.values()].filter((g) => !g.revoked).map((g) => g.grantId), 1)[0];
    return grant === undefined ? undefined : { type: 'linkProject', data: { grantId: grant } };
  }));
  if (plan.suspension) {
    steps.push(step(plan.suspension.from, () => ({ type: 'suspendPlatform', data: { reason: 'venue renovation' } }), o.coordinating));
    steps.push(step(plan.suspension.to, () => ({ type: 'resumePlatform', data: {} })));
  }
  for (let at = openAt + 7 * DAY; at <= o.end; at += 7 * DAY) {
    if (plan.suspension && at >= plan.suspension.from && at < plan.suspension.to) continue;
    steps.push(step(at, (facts) => {
      // A team member erased since the team was stationed delivers nothing new.
      const active = team.filter((id) => facts.people.get(id)?.erased === false);
      return { type: 'importServices', data: { records: weekOfRecords(plan, at, o, active) } };
    }));
  }
  return steps;
}

/** A week of service records, more of them and in more fields as the quarter goes on. */
function weekOfRecords(plan: PlatformPlan, at: number, o: PlatformsDemoOptions, team: readonly string[]): ServiceRecord[] {
  const { random, fields } = o;
  const progress = (at - o.start) / (o.end - o.start);
  const open = fields.slice(0, Math.max(1, Math.ceil(fields.length * (0.3 + 0.7 * progress))));
  return Array.from({ length: 3 + Math.floor(progress * 10) + random.int(0, 3) }, () => {
    const people = team.length > 0 && random.chance(0.7) ? sample(random, team, random.int(1, 2)) : [];
    return {
      serviceId: `service-${o.newId()}`,
      field: random.chance(0.5) ? plan.homeField : random.pick(open),
      serviceType: random.pick(SERVICE_TYPES),
      beneficiaries: random.int(5, 60),
      volunteerHours: random.int(5, 80) / 10,
      deliveredOn: cstDate(at - random.int(0, 6) * DAY),
      ...(people.length === 0 ? {} : { personIds: people }),
    };
  });
}

/**
 * The platforms context's share of `pnpm backbone demo`: a platform for towns in several
 * districts, their integrations (with the policies, grants and people the other contexts'
 * demos published), and weekly imports of service records over the quarter.
 */
export async function runPlatformsDemo(options: PlatformsDemoOptions): Promise<string> {
  const references = await referencesInLog(options.store);
  const plans = planPlatforms(options);
  const steps = plans.flatMap((plan) => lifeOf(plan, options)).filter((s) => s.at <= options.end).sort((a, b) => a.at - b.at);
  const directory = { coordinating: options.coordinating, departments: new Set(options.departments), fields: new Set(options.fields) };
  let events = 0;
  let services = 0;
  for (const step of steps) {
    options.advanceTo(step.at);
    const now = options.clock();
    const facts = references.at(now.getTime());
    const built = step.build(facts);
    if (!built) continue;
    const command = { ...built, platformId: step.platformId, actor: step.actor, now, directory, facts } as PlatformCommand;
    const result = await options.handler.handle({ aggregateId: step.platformId, command, actor: step.actor });
    events += result.eventIds.length;
    if (built.type === 'importServices') services += result.eventIds.length;
  }
  const operating = plans.filter((p) => p.openAt !== undefined && p.openAt <= options.end).length;
  return `platforms: ${plans.length} town/street platforms in ${DISTRICTS.length} districts (${operating} opened), ${services} service records, ${events} events.`;
}
