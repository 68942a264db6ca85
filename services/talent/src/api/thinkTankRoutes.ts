import { defineCommand } from '@backbone/service-kit';
import type { RouteDefinition } from '@backbone/service-kit';
import { newTalentId } from '../commandHandling/talentIds.ts';
import { AppointThinkTankMemberBody, SubmitAdviceNoteBody } from '../domain/commands.ts';
import { aggregateReads } from './aggregateReads.ts';
import { personFacts, requestPartsOf } from './talentApiContext.ts';
import type { TalentApiContext } from './talentApiContext.ts';

/** The think tank (Action 4): experts appointed as members, and their advice notes on fields and tasks. */
export function thinkTankRoutes(context: TalentApiContext): RouteDefinition[] {
  const { person, adviceNote } = context.handlers;
  return [
    defineCommand({
      method: 'POST',
      path: '/think-tank/members',
      summary: 'Appoint a registered expert to the think tank (coordinating department)',
      description: "The person's stream records the appointment: the answer's id and version, and If-Match, are the person's.",
      body: AppointThinkTankMemberBody,
      success: 200,
      handle: async (input) => {
        const { personId } = input.body;
        return person.handle({
          ...requestPartsOf(input),
          aggregateId: personId,
          command: { type: 'appointThinkTankMember', personId, actor: input.department, now: context.clock(), directory: await context.directory(), data: {} },
        });
      },
    }),
    defineCommand({
      method: 'POST',
      path: '/think-tank/notes',
      summary: "Submit a member's advice note on a key field, a task, or both (the member's department or coordinating)",
      body: SubmitAdviceNoteBody,
      success: 201,
      handle: async (input) => {
        const noteId = newTalentId('advice-note', context.newId());
        return adviceNote.handle({
          ...requestPartsOf(input),
          aggregateId: noteId,
          command: {
            type: 'submitAdviceNote',
            noteId,
            actor: input.department,
            now: context.clock(),
            directory: await context.directory(),
            data: input.body,
            facts: { member: await personFacts(context, input.body.memberId) },
          },
        });
      },
    }),
    ...aggregateReads(context, { path: '/think-tank/notes', aggregate: 'advice-note', handler: adviceNote }),
  ];
}
