import { describe, expect, it } from 'vitest';
import { ruleViolation, forbidden, type DomainEvent } from '@backbone/contracts';
import type { Decider } from '../decider/decider.ts';
import { DeciderSpecification } from './deciderSpecification.ts';

type CounterEvent = DomainEvent<'Incremented', { by: number }>;
type CounterCommand = { type: 'increment'; by: number } | { type: 'reset'; actor: string };

const counter: Decider<CounterCommand, number, CounterEvent> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) => {
    if (command.type === 'reset') throw forbidden('only-lead-resets', 'no');
    if (state + command.by > 3) throw ruleViolation('counter-at-most-three', `at ${state}`);
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
};
const spec = DeciderSpecification.for(counter);

describe('DeciderSpecification', () => {
  it('checks the emitted events after folding the given ones', () => {
    spec.given([{ type: 'Incremented', data: { by: 1 } }]).when({ type: 'increment', by: 2 }).then([
      { type: 'Incremented', data: { by: 2 } },
    ]);
    expect(() => spec.given([]).when({ type: 'increment', by: 1 }).then([])).toThrow();
  });

  it('checks the rule and the code of a refusal', () => {
    spec.given([{ type: 'Incremented', data: { by: 3 } }]).when({ type: 'increment', by: 1 }).thenThrows('counter-at-most-three');
    spec.given([]).when({ type: 'reset', actor: 'x' }).thenThrowsCode('forbidden');
    expect(() => spec.given([]).when({ type: 'reset', actor: 'x' }).thenThrows('counter-at-most-three')).toThrow();
    expect(() => spec.given([]).when({ type: 'reset', actor: 'x' }).thenThrowsCode('rule_violation')).toThrow();
  });

  it('fails thenThrows when the decider emits instead', () => {
    expect(() => spec.given([]).when({ type: 'increment', by: 1 }).thenThrows('counter-at-most-three')).toThrow(/expected the decider to throw/);
  });
});
