import type { DomainEvent } from '@backbone/contracts';

/**
 * A pure decider: `decide` turns a command and the current state into events, or throws a
 * `BackboneError` (`ruleViolation`, `forbidden`); `evolve` folds one event into state.
 * No I/O: clocks and ids arrive inside the command.
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  readonly initialState: () => TState;
  readonly decide: (command: TCommand, state: TState) => TEvent[];
  readonly evolve: (state: TState, event: TEvent) => TState;
}
