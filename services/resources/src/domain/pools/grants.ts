import { ruleViolation } from '@backbone/contracts';
import type { ResourceCommandOf } from '../commands.ts';
import type { ApplicationFacts } from '../facts.ts';
import { invalidInput, notFound, parseInstant, requirePositiveFen, requireText } from '../guards.ts';
import { findValue, getEntry } from './persistentMap.ts';
import { remainingFen, uncommittedFen, undisbursedFen } from './poolState.ts';
import type { FundPool, Grant, PoolEvent } from './poolState.ts';

/** The application an award is about; 404 when it does not exist. */
export function requireApplication(command: ResourceCommandOf<'awardGrant'>): ApplicationFacts {
  if (!command.application) {
    throw notFound('application-not-found', `application ${command.applicationId} does not exist`);
  }
  return command.application;
}

/** A grant of the pool; 404 when the pool has none with this id. */
export function requireGrant(pool: FundPool, grantId: string): Grant {
  const grant = getEntry(pool.grants, grantId);
  if (!grant) throw notFound('grant-not-found', `grant ${grantId} does not exist in pool ${pool.poolId}`);
  return grant;
}

/**
 * awardGrant: a scored application, awarded once, at most what it requested and what its call
 * and the pool have left. Every one of these facts is on the pool's stream (or, for the scores,
 * only grows), so the stream's expected version makes concurrent awards safe.
 */
export function decideAward(command: ResourceCommandOf<'awardGrant'>, pool: FundPool): PoolEvent[] {
  const application = requireApplication(command);
  const call = getEntry(pool.calls, application.callId);
  if (!call) throw notFound('call-not-found', `call ${application.callId} does not exist in pool ${pool.poolId}`);
  if (getEntry(pool.grants, command.grantId)) throw ruleViolation('grant-already-exists', `grant ${command.grantId} already exists`);
  const earlier = findValue(pool.grants, (grant) => grant.applicationId === application.applicationId);
  if (earlier) {
    throw ruleViolation(
      'application-awarded-once',
      `application ${application.applicationId} was already awarded grant ${earlier.grantId}`,
    );
  }
  if (application.reviewCount < 1) {
    throw ruleViolation('application-must-be-scored', `application ${application.applicationId} has no score yet`);
  }
  const amountFen = requirePositiveFen(command.data.amountFen, 'amountFen');
  const { endsAt } = command.data;
  if (parseInstant(endsAt, 'endsAt') <= command.now.getTime()) {
    throw invalidInput('grant-end-in-future', `the grant's end ${endsAt} is not in the future`);
  }
  if (amountFen > application.requestedFen) {
    throw ruleViolation(
      'award-within-requested-amount',
      `award ${amountFen} fen exceeds the ${application.requestedFen} fen application ${application.applicationId} requested`,
    );
  }
  if (amountFen > remainingFen(call)) {
    throw ruleViolation('award-within-call-budget', `award ${amountFen} fen exceeds call ${call.callId}'s remaining ${remainingFen(call)} fen`);
  }
  if (amountFen > uncommittedFen(pool)) {
    throw ruleViolation('award-within-pool-balance', `award ${amountFen} fen exceeds pool ${pool.poolId}'s uncommitted ${uncommittedFen(pool)} fen`);
  }
  const { applicationId, sponsoringDepartment, field, title } = application;
  return [
    {
      type: 'GrantAwarded',
      data: { grantId: command.grantId, applicationId, callId: call.callId, poolId: pool.poolId, amountFen, sponsoringDepartment, field, title, endsAt },
    },
  ];
}

/** disburseGrant: a tranche of an active grant, never more than what it has still to pay out. */
export function decideDisburse(command: ResourceCommandOf<'disburseGrant'>, grant: Grant): PoolEvent[] {
  if (grant.status === 'revoked') throw ruleViolation('grant-is-revoked', `grant ${grant.grantId} was revoked`);
  const trancheFen = requirePositiveFen(command.data.trancheFen, 'trancheFen');
  if (trancheFen > undisbursedFen(grant)) {
    throw ruleViolation(
      'disbursement-within-award',
      `tranche ${trancheFen} fen exceeds the ${undisbursedFen(grant)} fen grant ${grant.grantId} has still to pay out`,
    );
  }
  return [{ type: 'GrantDisbursed', data: { grantId: grant.grantId, callId: grant.callId, field: grant.field, trancheFen } }];
}

/** revokeGrant: ends an active grant; what was not disbursed goes back to its call's budget. */
export function decideRevoke(command: ResourceCommandOf<'revokeGrant'>, grant: Grant): PoolEvent[] {
  if (grant.status === 'revoked') throw ruleViolation('grant-already-revoked', `grant ${grant.grantId} was already revoked`);
  const reason = requireText(command.data.reason, 'reason');
  return [
    {
      type: 'GrantRevoked',
      data: { grantId: grant.grantId, callId: grant.callId, field: grant.field, returnedFen: undisbursedFen(grant), reason },
    },
  ];
}
