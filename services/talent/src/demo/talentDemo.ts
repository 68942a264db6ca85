import { BackboneError, SECTORS } from '@backbone/contracts';
import type { PersonKind, Sector } from '@backbone/contracts';
import type { TalentCommandHandlers } from '../commandHandling/talentCommandHandlers.ts';
import { newTalentId } from '../commandHandling/talentIds.ts';
import type { PersonCommand } from '../domain/commands.ts';
import type { TalentDirectory } from '../domain/directory.ts';
import { personFactsOf } from '../domain/person/personState.ts';
import { selectionRoundFactsOf } from '../domain/selectionRound/selectionRound.ts';
import { hashExternalRef } from '../personalData/externalRef.ts';
import { demoTimeline } from './demoTimeline.ts';
import type { DemoPerson, DemoPolicy, DemoStep } from './demoTimeline.ts';

/** A seeded source of choices (the backbone demo's PRNG fits). */
export interface DemoRandom {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export interface TalentDemoOptions {
  readonly handlers: TalentCommandHandlers;
  readonly directory: TalentDirectory;
  /** The demo's clock; `advanceTo` moves it forward. */
  readonly clock: () => Date;
  readonly advanceTo: (instant: number) => void;
  readonly start: number;
  readonly end: number;
  readonly random: DemoRandom;
  readonly newId: () => string;
  /** People registered over the quarter (default 48). */
  readonly people?: number;
}

const DAY = 86_400_000;

/**
 * Adds the talent context's share of a demo quarter through the real command handlers:
 * people of every kind and sector, incentive policies common and classified, practice
 * bases, entry/backbone/leading selection rounds, courses, certifications, incentives,
 * service hours and the think tank. Demo people have no personal data (the demo cannot reach
 * the service's personal-data file); their external ids are hashed with a throwaway key.
 * Returns a one-line summary.
 */
export async function runTalentDemo(options: TalentDemoOptions): Promise<string> {
  const { random, directory, start } = options;
  const coordinating = directory.coordinating;
  const others = [...directory.departments].filter((d) => d !== coordinating);
  const registrars = others.length > 0 ? others : [coordinating];
  const fields = [...directory.fields];
  const throwawayKey = `demo-${options.newId()}`;

  const people: DemoPerson[] = Array.from({ length: options.people ?? 48 }, (_, i) => {
    const kind: PersonKind = random.chance(0.15) ? 'expert' : random.chance(0.45) ? 'social-worker' : 'volunteer';
    const first = fields[i % fields.length]!;
    const second = random.chance(0.35) ? random.pick(fields.filter((f) => f !== first)) : undefined;
    return {
      personId: newTalentId('person', options.newId()),
      kind,
      sector: i < SECTORS.length ? SECTORS[i]! : random.pick(SECTORS),
      fields: second === undefined ? [first] : [first, second],
      registeredBy: i < registrars.length ? registrars[i]! : random.pick(registrars),
      registeredAt: start + Math.floor((i / (options.people ?? 48)) * 40 * DAY) + random.int(1, 20) * 3_600_000,
    };
  });
  const policy = (issuedBy: string, sectors: readonly Sector[], budgetFen: number): DemoPolicy => ({
    policyId: newTalentId('incentive-policy', options.newId()),
    issuedBy,
    scope: sectors.length === 0 ? 'common' : 'classified',
    sectors,
    budgetFen,
  });
  const policies = [
    policy(coordinating, [], 2_000_000),
    policy(registrars[0]!, ['university', 'social-organisation'], 1_500_000),
    policy(registrars[1 % registrars.length]!, ['community', 'public-institution'], 1_000_000),
  ];

  const steps = demoTimeline({ people, policies, coordinating, fields, start, random, newId: options.newId })
    .filter((step) => step.at <= options.end)
    .sort((a, b) => a.at - b.at);
  const summary = { refused: 0 };
  for (const step of steps) {
    options.advanceTo(step.at);
    try {
      await run(step, options, throwawayKey);
    } catch (error) {
      // The script may hit a rule on purpose (a spent budget, a tier already held): the rules hold.
      if (!(error instanceof BackboneError && error.code === 'rule_violation')) throw error;
      summary.refused += 1;
    }
  }
  const count = (type: DemoStep['type']) => steps.filter((s) => s.type === type).length;
  return (
    `talent: ${people.length} people, ${policies.length} incentive policies, ${count('openSelectionRound')} selection rounds ` +
    `(${count('recordSelectionResult')} results), ${count('completeCourse')} courses, ${count('grantIncentive')} incentives, ` +
    `${count('logServiceHours')} service-hour entries, ${count('submitAdviceNote')} advice notes; ${summary.refused} refused by the rules`
  );
}

async function run(step: DemoStep, options: TalentDemoOptions, throwawayKey: string): Promise<void> {
  const { handlers } = options;
  const base = { actor: step.actor, now: options.clock(), directory: options.directory };
  const person = (command: PersonCommand) => handlers.person.handle({ aggregateId: command.personId, command, actor: command.actor });
  const facts = async (personId: string) => personFactsOf((await handlers.person.load(personId)).state);
  switch (step.type) {
    case 'registerPerson': {
      const externalRefHash = hashExternalRef(`demo-${step.personId}`, throwawayKey);
      const registration = { externalRefHash, existingExternalRefHashes: new Set<string>() };
      await person({ ...base, type: step.type, personId: step.personId, data: step.data, facts: registration });
      return;
    }
    case 'recordSelectionResult': {
      const round = selectionRoundFactsOf((await handlers.selectionRound.load(step.data.roundId)).state);
      await person({ ...base, type: step.type, personId: step.personId, data: step.data, facts: { round } });
      return;
    }
    case 'completeCourse':
      await person({ ...base, type: step.type, personId: step.personId, data: step.data });
      return;
    case 'grantCertification':
      await person({ ...base, type: step.type, personId: step.personId, data: step.data });
      return;
    case 'logServiceHours':
      await person({ ...base, type: step.type, personId: step.personId, data: step.data });
      return;
    case 'appointThinkTankMember':
      await person({ ...base, type: step.type, personId: step.personId, data: step.data });
      return;
    case 'openSelectionRound':
      await handlers.selectionRound.handle({ actor: step.actor, aggregateId: step.roundId, command: { ...base, type: step.type, roundId: step.roundId, data: step.data } });
      return;
    case 'nominate': {
      const command = { ...base, type: step.type, roundId: step.roundId, data: step.data, facts: { nominee: await facts(step.data.personId) } };
      await handlers.selectionRound.handle({ actor: step.actor, aggregateId: step.roundId, command });
      return;
    }
    case 'issueIncentivePolicy':
      await handlers.incentivePolicy.handle({ actor: step.actor, aggregateId: step.policyId, command: { ...base, type: step.type, policyId: step.policyId, data: step.data } });
      return;
    case 'grantIncentive': {
      const command = { ...base, type: step.type, policyId: step.policyId, data: step.data, facts: { recipient: await facts(step.data.personId) } };
      await handlers.incentivePolicy.handle({ actor: step.actor, aggregateId: step.policyId, command });
      return;
    }
    case 'designatePracticeBase':
      await handlers.practiceBase.handle({ actor: step.actor, aggregateId: step.baseId, command: { ...base, type: step.type, baseId: step.baseId, data: step.data } });
      return;
    case 'submitAdviceNote': {
      const command = { ...base, type: step.type, noteId: step.noteId, data: step.data, facts: { member: await facts(step.data.memberId) } };
      await handlers.adviceNote.handle({ actor: step.actor, aggregateId: step.noteId, command });
      return;
    }
  }
}
