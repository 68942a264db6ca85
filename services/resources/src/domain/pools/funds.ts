import { ruleViolation } from '@backbone/contracts';
import type { ResourceCommandOf } from '../commands.ts';
import { definedOnly, requireKnownField, requirePositiveFen, requireText } from '../guards.ts';
import type { FundPool, PoolEvent, PoolState } from './poolState.ts';

/** A pool's total stays well inside the integers a JavaScript number holds exactly. */
export const MAX_POOL_TOTAL_FEN = 1_000_000_000_000_000;

/** openPool: a new pool, optionally for one known field. */
export function decideOpenPool(command: ResourceCommandOf<'openPool'>, state: PoolState): PoolEvent[] {
  if (state.status !== 'none') throw ruleViolation('pool-already-exists', `pool ${command.poolId} already exists`);
  const name = requireText(command.data.name, 'name');
  const { field } = command.data;
  if (field !== undefined) requireKnownField(command.directory, field);
  return [{ type: 'FundPoolOpened', data: definedOnly({ poolId: command.poolId, name, field, openedBy: command.actor }) }];
}

/** contributeFunds: the acting department adds its own funds. */
export function decideContribute(command: ResourceCommandOf<'contributeFunds'>, pool: FundPool): PoolEvent[] {
  const amountFen = requirePositiveFen(command.data.amountFen, 'amountFen');
  if (pool.contributedFen + amountFen > MAX_POOL_TOTAL_FEN) {
    throw ruleViolation('pool-total-within-limit', `pool ${pool.poolId} would exceed ${MAX_POOL_TOTAL_FEN} fen`);
  }
  return [{ type: 'FundsContributed', data: { department: command.actor, amountFen } }];
}
