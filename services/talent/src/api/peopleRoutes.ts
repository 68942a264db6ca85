import { defineCommand, defineQuery } from '@backbone/service-kit';
import type { CommandInput, RouteDefinition } from '@backbone/service-kit';
import { newTalentId } from '../commandHandling/talentIds.ts';
import {
  CompleteCourseBody,
  ErasePersonBody,
  GrantCertificationBody,
  GrantIncentiveBody,
  LogServiceHoursBody,
  RecordSelectionResultBody,
  RegisterPersonBody,
} from '../domain/commands.ts';
import type { PersonCommand, PersonCommandType } from '../domain/commands.ts';
import type { PersonState } from '../domain/person/personState.ts';
import { erasePerson } from '../registry/erasePerson.ts';
import { registerPerson } from '../registry/registerPerson.ts';
import { historyRoute, readableAggregate } from './aggregateReads.ts';
import { IdParams, personFacts, requestPartsOf, selectionRoundFacts } from './talentApiContext.ts';
import type { TalentApiContext } from './talentApiContext.ts';

type RecordCommandType = Extract<PersonCommandType, 'completeCourse' | 'grantCertification' | 'logServiceHours'>;
const RECORD_BODIES = { completeCourse: CompleteCourseBody, grantCertification: GrantCertificationBody, logServiceHours: LogServiceHoursBody } as const;

/** The registry: people, their tier, record, incentives and erasure; each person's state and history. */
export function peopleRoutes(context: TalentApiContext): RouteDefinition[] {
  const { handlers, boundary } = context;

  /** What every person command carries besides its type, data and facts. */
  const basis = async (personId: string, input: CommandInput<unknown, unknown, unknown>) => ({
    personId,
    actor: input.department,
    now: context.clock(),
    directory: await context.directory(),
  });
  const onPerson = (input: CommandInput<unknown, { readonly id: string }, unknown>, command: PersonCommand) =>
    handlers.person.handle({ ...requestPartsOf(input), aggregateId: input.params.id, command });

  const record = (type: RecordCommandType, path: string, summary: string) =>
    defineCommand({
      method: 'POST',
      path: `/people/:id/${path}`,
      summary,
      params: IdParams,
      body: RECORD_BODIES[type],
      success: 200,
      // The body schema is the one of `type`, so the pair is a valid PersonCommand.
      handle: async (input) => onPerson(input, { ...(await basis(input.params.id, input)), type, data: input.body } as PersonCommand),
    });

  return [
    defineCommand({
      method: 'POST',
      path: '/people',
      summary: 'Register a social worker, volunteer or expert (personal data stays in the talent service)',
      body: RegisterPersonBody,
      success: 201,
      handle: async (input) =>
        registerPerson(boundary, {
          ...requestPartsOf(input),
          personId: newTalentId('person', context.newId()),
          body: input.body,
          directory: await context.directory(),
        }),
    }),
    defineCommand({
      method: 'POST',
      path: '/people/:id/erasure',
      summary: "Erase the person's personal data; the history stays (registering or coordinating department)",
      params: IdParams,
      body: ErasePersonBody,
      success: 200,
      handle: async (input) =>
        erasePerson(boundary, { ...requestPartsOf(input), personId: input.params.id, directory: await context.directory() }),
    }),
    defineCommand({
      method: 'POST',
      path: '/people/:id/tier',
      summary: "Record a selection round's result: the person's new tier (coordinating department)",
      params: IdParams,
      body: RecordSelectionResultBody,
      success: 200,
      handle: async (input) =>
        onPerson(input, {
          ...(await basis(input.params.id, input)),
          type: 'recordSelectionResult',
          data: input.body,
          facts: { round: await selectionRoundFacts(context, input.body.roundId) },
        }),
    }),
    record('completeCourse', 'trainings', 'Record a completed course with its hours (registering or coordinating department)'),
    record('grantCertification', 'certifications', 'Grant a certification (coordinating department)'),
    record('logServiceHours', 'service-hours', 'Log hours served in a field, on a day, at a platform if any'),
    defineCommand({
      method: 'POST',
      path: '/people/:id/incentives',
      summary: "Grant an incentive under a policy covering the person's sector, within its budget (the policy's issuer)",
      description: "The policy's stream records the grant: the answer's id and version, and If-Match, are the policy's.",
      params: IdParams,
      body: GrantIncentiveBody,
      success: 200,
      handle: async (input) => {
        const { policyId, amountFen } = input.body;
        const personId = input.params.id;
        return handlers.incentivePolicy.handle({
          ...requestPartsOf(input),
          aggregateId: policyId,
          command: {
            type: 'grantIncentive',
            policyId,
            actor: input.department,
            now: context.clock(),
            directory: await context.directory(),
            data: { personId, amountFen },
            facts: { recipient: await personFacts(context, personId) },
          },
        });
      },
    }),
    defineQuery({
      path: '/people/:id',
      summary: "A person's profile, record and version; personal data only for the registering and coordinating departments",
      params: IdParams,
      handle: async ({ params, department }) => {
        const loaded = await readableAggregate(context, handlers.person, 'person', params.id, department);
        return { id: params.id, version: loaded.version, state: loaded.state, ...(await personalDataFor(context, loaded.state, department)) };
      },
    }),
    historyRoute(context, { path: '/people', aggregate: 'person', handler: handlers.person }),
  ];
}

/** `{ personalData }` for the registering and the coordinating department while the person is not erased; `{}` otherwise. */
async function personalDataFor(context: TalentApiContext, state: PersonState, department: string) {
  if (state.status !== 'registered') return {};
  const { coordinating } = await context.directory();
  if (department !== state.registeredBy && department !== coordinating) return {};
  return { personalData: (await context.boundary.personalData.get(state.personId)) ?? null };
}
