import { ruleViolation, talentEvents } from '@backbone/contracts';
import type { IncentiveScope, Sector, TalentEvent } from '@backbone/contracts';
import { authorizeTalentCommand, talentRolesOf } from '../authorization.ts';
import type { IncentivePolicyCommand, IncentivePolicyCommandOf } from '../commands.ts';
import { requireActivePerson } from '../facts.ts';
import { invalidInput, notFound, requireFen, requireScope, requireSector } from '../guards.ts';

/** The events of an incentive policy's stream: the policy and every grant out of its budget. */
export const incentivePolicyEvents = {
  IncentivePolicyIssued: talentEvents.IncentivePolicyIssued,
  IncentiveGranted: talentEvents.IncentiveGranted,
} as const;
export type IncentivePolicyEvent = Extract<TalentEvent, { type: keyof typeof incentivePolicyEvents }>;

/**
 * An incentive policy owns its budget: grants are appended to the policy's own stream with
 * its expected version, so two concurrent grants can never spend the same fen twice.
 */
export interface IncentivePolicy {
  readonly status: 'issued';
  readonly policyId: string;
  readonly scope: IncentiveScope;
  readonly sectors: readonly Sector[];
  readonly budgetFen: number;
  readonly grantedFen: number;
  readonly grants: number;
  readonly issuedBy: string;
}

export type IncentivePolicyState = { readonly status: 'none' } | IncentivePolicy;

export const initialIncentivePolicyState = (): IncentivePolicyState => ({ status: 'none' });

/** What is left of the policy's budget. */
export const remainingFen = (policy: IncentivePolicy): number => policy.budgetFen - policy.grantedFen;

/** Whether the policy applies to a sector: a common one to all, a classified one to those it lists. */
export const coversSector = (policy: IncentivePolicy, sector: Sector): boolean =>
  policy.scope === 'common' || policy.sectors.includes(sector);

/** Folds one event into the policy's state. */
export function evolveIncentivePolicy(state: IncentivePolicyState, event: IncentivePolicyEvent): IncentivePolicyState {
  if (event.type === 'IncentivePolicyIssued') {
    if (state.status !== 'none') return state;
    const { policyId, scope, sectors, budgetFen, issuedBy } = event.data;
    return { status: 'issued', policyId, scope, sectors, budgetFen, grantedFen: 0, grants: 0, issuedBy };
  }
  if (state.status === 'none') return state;
  return { ...state, grantedFen: state.grantedFen + event.data.amountFen, grants: state.grants + 1 };
}

/**
 * Decides a policy command: existence for a grant (404; its issuer owns it), the
 * authorization table, then the rules.
 */
export function decideIncentivePolicy(command: IncentivePolicyCommand, state: IncentivePolicyState): IncentivePolicyEvent[] {
  if (command.type === 'issueIncentivePolicy') {
    authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, undefined));
    return decideIssue(command, state);
  }
  if (state.status === 'none') throw notFound('incentive-policy-not-found', `incentive policy ${command.policyId} does not exist`);
  authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, state.issuedBy));
  return decideGrant(command, state);
}

/** issue: common (no sectors) or classified (known sectors, none twice), with a positive budget. */
function decideIssue(command: IncentivePolicyCommandOf<'issueIncentivePolicy'>, state: IncentivePolicyState): IncentivePolicyEvent[] {
  if (state.status !== 'none') throw ruleViolation('incentive-policy-already-exists', `policy ${command.policyId} already exists`);
  const scope = requireScope(command.data.scope);
  const sectors = command.data.sectors.map(requireSector);
  if (scope === 'common' && sectors.length > 0) {
    throw invalidInput('common-policy-lists-no-sectors', 'a common policy applies to every sector; list none');
  }
  if (scope === 'classified' && sectors.length === 0) {
    throw invalidInput('classified-policy-needs-sectors', 'a classified policy lists the sectors it applies to');
  }
  if (new Set(sectors).size !== sectors.length) throw invalidInput('no-duplicate-sectors', 'a sector is listed twice');
  const { budgetFen } = command.data;
  requireFen(budgetFen, 'budgetFen', 'budget-must-be-positive');
  return [{ type: 'IncentivePolicyIssued', data: { policyId: command.policyId, scope, sectors, budgetFen, issuedBy: command.actor } }];
}

/** grant: to a registered person whose sector the policy covers, within what is left of the budget. */
function decideGrant(command: IncentivePolicyCommandOf<'grantIncentive'>, policy: IncentivePolicy): IncentivePolicyEvent[] {
  const { personId, amountFen } = command.data;
  requireFen(amountFen, 'amountFen', 'amount-must-be-positive');
  const recipient = requireActivePerson(command.facts.recipient, personId);
  if (!coversSector(policy, recipient.sector)) {
    throw ruleViolation(
      'policy-does-not-cover-sector',
      `policy ${policy.policyId} applies to ${policy.sectors.join(', ')}, not to ${recipient.sector}`,
    );
  }
  if (amountFen > remainingFen(policy)) {
    throw ruleViolation('incentive-exceeds-budget', `${amountFen} fen exceeds the ${remainingFen(policy)} fen left of policy ${policy.policyId}`);
  }
  return [{ type: 'IncentiveGranted', data: { policyId: policy.policyId, personId, amountFen } }];
}

/** The decider of one incentive policy's stream. */
export const incentivePolicyDecider = {
  initialState: initialIncentivePolicyState,
  decide: decideIncentivePolicy,
  evolve: evolveIncentivePolicy,
};
