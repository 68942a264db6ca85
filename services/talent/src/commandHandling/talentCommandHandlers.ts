import type { Registry } from 'prom-client';
import type { EventRegistry } from '@backbone/contracts';
import { createCommandHandler } from '@backbone/eventsourcing';
import type { CommandHandler, EventStore, IdempotencyStore } from '@backbone/eventsourcing';
import { adviceNoteDecider, adviceNoteEvents } from '../domain/adviceNote/adviceNote.ts';
import type { AdviceNoteState } from '../domain/adviceNote/adviceNote.ts';
import type {
  AdviceNoteCommand,
  IncentivePolicyCommand,
  PersonCommand,
  PracticeBaseCommand,
  SelectionRoundCommand,
} from '../domain/commands.ts';
import { incentivePolicyDecider, incentivePolicyEvents } from '../domain/incentivePolicy/incentivePolicy.ts';
import type { IncentivePolicyState } from '../domain/incentivePolicy/incentivePolicy.ts';
import { personDecider } from '../domain/person/personDecider.ts';
import { personEvents } from '../domain/person/personState.ts';
import type { PersonState } from '../domain/person/personState.ts';
import { practiceBaseDecider, practiceBaseEvents } from '../domain/practiceBase/practiceBase.ts';
import type { PracticeBaseState } from '../domain/practiceBase/practiceBase.ts';
import { selectionRoundDecider, selectionRoundEvents } from '../domain/selectionRound/selectionRound.ts';
import type { SelectionRoundState } from '../domain/selectionRound/selectionRound.ts';
import { talentStreamOf } from './talentIds.ts';

/** The write side of the talent context: one command handler per aggregate kind. */
export interface TalentCommandHandlers {
  readonly person: CommandHandler<PersonCommand, PersonState>;
  readonly selectionRound: CommandHandler<SelectionRoundCommand, SelectionRoundState>;
  readonly incentivePolicy: CommandHandler<IncentivePolicyCommand, IncentivePolicyState>;
  readonly practiceBase: CommandHandler<PracticeBaseCommand, PracticeBaseState>;
  readonly adviceNote: CommandHandler<AdviceNoteCommand, AdviceNoteState>;
}

export interface TalentCommandHandlersOptions {
  readonly store: EventStore;
  /** Reads stored events (upcast, validated); e.g. `createEventRegistry(allEventDefinitions)`. */
  readonly registry: EventRegistry;
  readonly idempotency?: IdempotencyStore;
  readonly clock: () => Date;
  /** Makes event ids. */
  readonly newId: () => string;
  /** Where commands and appended events are counted. */
  readonly metrics?: Registry;
}

/** Wires each talent decider to the store; an aggregate's id is its stream name (`talentStreamOf`). */
export function createTalentCommandHandlers(options: TalentCommandHandlersOptions): TalentCommandHandlers {
  const common = { ...options, context: 'talent' } as const;
  return {
    person: createCommandHandler({ ...common, decider: personDecider, events: personEvents, streamName: talentStreamOf('person') }),
    selectionRound: createCommandHandler({
      ...common,
      decider: selectionRoundDecider,
      events: selectionRoundEvents,
      streamName: talentStreamOf('selection-round'),
    }),
    incentivePolicy: createCommandHandler({
      ...common,
      decider: incentivePolicyDecider,
      events: incentivePolicyEvents,
      streamName: talentStreamOf('incentive-policy'),
    }),
    practiceBase: createCommandHandler({
      ...common,
      decider: practiceBaseDecider,
      events: practiceBaseEvents,
      streamName: talentStreamOf('practice-base'),
    }),
    adviceNote: createCommandHandler({ ...common, decider: adviceNoteDecider, events: adviceNoteEvents, streamName: talentStreamOf('advice-note') }),
  };
}
