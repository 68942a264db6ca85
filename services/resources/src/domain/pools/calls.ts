import { CRITERIA, ruleViolation } from '@backbone/contracts';
import type { CriterionWeights } from '@backbone/contracts';
import type { ResourceCommandOf } from '../commands.ts';
import { invalidInput, parseInstant, requireKnownField, requirePositiveFen } from '../guards.ts';
import { getEntry } from './persistentMap.ts';
import { availableFen } from './poolState.ts';
import type { FundPool, PoolEvent } from './poolState.ts';

/** Each weight a whole percent, the four summing to 100. */
export function requireWeights(weights: CriterionWeights): void {
  for (const criterion of CRITERIA) {
    const weight = weights[criterion];
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw invalidInput('weight-out-of-range', `weight ${criterion} must be a whole percent from 0 to 100, got ${weight}`);
    }
  }
  const sum = CRITERIA.reduce((total, criterion) => total + weights[criterion], 0);
  if (sum !== 100) throw invalidInput('weights-sum-to-100', `the criterion weights sum to ${sum}, not 100`);
}

/** openCall: a call in the pool's field with a budget reserved from the pool's available balance. */
export function decideOpenCall(command: ResourceCommandOf<'openCall'>, pool: FundPool): PoolEvent[] {
  const { poolId, field, budgetFen, opensAt, closesAt, weights } = command.data;
  if (poolId !== pool.poolId) throw invalidInput('pool-id-mismatch', `the body names pool ${poolId}, not ${pool.poolId}`);
  if (getEntry(pool.calls, command.callId)) {
    throw ruleViolation('call-already-exists', `call ${command.callId} already exists in pool ${pool.poolId}`);
  }
  requireKnownField(command.directory, field);
  if (pool.field !== undefined && pool.field !== field) {
    throw ruleViolation('call-field-matches-pool', `pool ${pool.poolId} funds ${pool.field}, not ${field}`);
  }
  const opens = parseInstant(opensAt, 'opensAt');
  const closes = parseInstant(closesAt, 'closesAt');
  if (opens >= closes) throw invalidInput('call-window-invalid', `the call must open (${opensAt}) before it closes (${closesAt})`);
  if (closes <= command.now.getTime()) throw invalidInput('call-closes-in-past', `closesAt ${closesAt} is not in the future`);
  requireWeights(weights);
  requirePositiveFen(budgetFen, 'budgetFen');
  if (budgetFen > availableFen(pool)) {
    throw ruleViolation(
      'call-budget-within-pool-balance',
      `budget ${budgetFen} fen exceeds pool ${pool.poolId}'s available ${availableFen(pool)} fen`,
    );
  }
  return [
    {
      type: 'IncubationCallOpened',
      data: { callId: command.callId, poolId: pool.poolId, field, budgetFen, opensAt, closesAt, weights: { ...weights } },
    },
  ];
}
