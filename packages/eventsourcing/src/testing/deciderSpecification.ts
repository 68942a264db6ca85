import { expect } from 'vitest';
import { BackboneError, type DomainEvent, type ErrorCode } from '@backbone/contracts';
import type { Decider } from '../decider/decider.ts';

/** The outcome checks of `given(events).when(command)`. */
export interface DeciderThen<TEvent> {
  /** The decider emits exactly these events, in this order. */
  then(expected: readonly TEvent[]): void;
  /** The decider throws a `BackboneError` whose `rule` is this one. */
  thenThrows(rule: string): void;
  /** The decider throws a `BackboneError` with this code. */
  thenThrowsCode(code: ErrorCode): void;
}

export interface DeciderGiven<TCommand, TEvent> {
  when(command: TCommand): DeciderThen<TEvent>;
}

export interface DeciderSpecificationOf<TCommand, TEvent> {
  /** The events already in the stream, folded with `evolve` from the initial state. */
  given(events: readonly TEvent[]): DeciderGiven<TCommand, TEvent>;
}

/**
 * Given/when/then over a pure decider, for tests:
 * `DeciderSpecification.for(decider).given([...]).when(command).then([...])`.
 */
export const DeciderSpecification = {
  for<TCommand, TState, TEvent extends DomainEvent>(
    decider: Decider<TCommand, TState, TEvent>,
  ): DeciderSpecificationOf<TCommand, TEvent> {
    return {
      given: (events) => ({
        when: (command) => {
          const decide = () => decider.decide(command, events.reduce((state, event) => decider.evolve(state, event), decider.initialState()));
          return {
            then(expected) {
              expect(decide()).toEqual(expected);
            },
            thenThrows(rule) {
              const error = thrownBy(decide);
              expect(error.rule, `expected rule ${rule}, got ${error.code} ${String(error.rule)}: ${error.message}`).toBe(rule);
            },
            thenThrowsCode(code) {
              const error = thrownBy(decide);
              expect(error.code, `expected code ${code}, got ${error.code}: ${error.message}`).toBe(code);
            },
          };
        },
      }),
    };
  },
};

function thrownBy(decide: () => readonly DomainEvent[]): BackboneError {
  let events: readonly DomainEvent[];
  try {
    events = decide();
  } catch (error) {
    if (error instanceof BackboneError) return error;
    return expect.unreachable(`expected a BackboneError, the decider threw ${String(error)}`);
  }
  return expect.unreachable(`expected the decider to throw, but it emitted ${JSON.stringify(events)}`);
}
