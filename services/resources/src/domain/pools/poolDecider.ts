import { authorizeResourceCommand } from '../authorization.ts';
import type { PoolCommand } from '../commands.ts';
import { notFound } from '../guards.ts';
import { decideOpenCall } from './calls.ts';
import { decideContribute, decideOpenPool } from './funds.ts';
import { decideAward, decideDisburse, decideRevoke, requireGrant } from './grants.ts';
import { evolvePool, initialPoolState } from './poolState.ts';
import type { FundPool, PoolEvent, PoolState } from './poolState.ts';

/**
 * Decides a command on a fund pool's stream: the pool must exist (404, except to open it),
 * then the authorization table is consulted (403), then the pool's rules (400 bad input, 409 state).
 */
export function decidePool(command: PoolCommand, state: PoolState): PoolEvent[] {
  const { actor, directory } = command;
  if (command.type === 'openPool') {
    authorizeResourceCommand(command.type, { actor, directory });
    return decideOpenPool(command, state);
  }
  if (state.status === 'none') throw notFound('pool-not-found', `pool ${command.poolId} does not exist`);
  return decideExisting(command, state);
}

function decideExisting(command: Exclude<PoolCommand, { type: 'openPool' }>, pool: FundPool): PoolEvent[] {
  const { actor, directory } = command;
  switch (command.type) {
    case 'contributeFunds':
      authorizeResourceCommand(command.type, { actor, directory, namedDepartment: command.data.department });
      return decideContribute(command, pool);
    case 'openCall':
      authorizeResourceCommand(command.type, { actor, directory });
      return decideOpenCall(command, pool);
    case 'awardGrant':
      authorizeResourceCommand(command.type, { actor, directory, sponsoringDepartment: command.application?.sponsoringDepartment });
      return decideAward(command, pool);
    case 'disburseGrant': {
      const grant = requireGrant(pool, command.grantId);
      authorizeResourceCommand(command.type, { actor, directory, sponsoringDepartment: grant.sponsoringDepartment });
      return decideDisburse(command, grant);
    }
    case 'revokeGrant': {
      const grant = requireGrant(pool, command.grantId);
      authorizeResourceCommand(command.type, { actor, directory, sponsoringDepartment: grant.sponsoringDepartment });
      return decideRevoke(command, grant);
    }
  }
}

/** The decider of a fund pool: its money, its calls' budgets and its grants. */
export const poolDecider = {
  initialState: initialPoolState,
  decide: decidePool,
  evolve: evolvePool,
};
