import { POLICY_KINDS, ruleViolation } from '@backbone/contracts';
import type { ResourceEvent } from '@backbone/contracts';
import { authorizeResourceCommand } from '../authorization.ts';
import type { PolicyCommand } from '../commands.ts';
import { invalidInput, requireKnownField, requireText } from '../guards.ts';

/** The events of a policy's stream. */
export type PolicyEvent = Extract<ResourceEvent, { type: 'PolicyIssued' }>;

/** A policy that was issued. */
export interface Policy {
  readonly status: 'issued';
  readonly policyId: string;
  readonly kind: PolicyEvent['data']['kind'];
  readonly fields: readonly string[];
  readonly issuedBy: string;
  readonly title: string;
}

export type PolicyState = { readonly status: 'none' } | Policy;

/** The state of a policy stream with no events. */
export const initialPolicyState = (): PolicyState => ({ status: 'none' });

/** Folds one event into the policy's state. */
export function evolvePolicy(state: PolicyState, event: PolicyEvent): PolicyState {
  return state.status === 'none' ? { status: 'issued', ...event.data } : state;
}

/** issuePolicy: a known department issues a policy of a listed kind for one or more known fields. */
export function decidePolicy(command: PolicyCommand, state: PolicyState): PolicyEvent[] {
  authorizeResourceCommand(command.type, { actor: command.actor, directory: command.directory });
  if (state.status !== 'none') throw ruleViolation('policy-already-exists', `policy ${command.policyId} already exists`);
  const { kind, fields } = command.data;
  const title = requireText(command.data.title, 'title');
  if (!(POLICY_KINDS as readonly string[]).includes(kind)) {
    throw invalidInput('unknown-policy-kind', `policy kind ${String(kind)} is not one of ${POLICY_KINDS.join(', ')}`);
  }
  if (fields.length === 0) throw invalidInput('policy-names-a-field', 'a policy is for at least one key field');
  if (new Set(fields).size !== fields.length) throw invalidInput('no-duplicate-fields', 'a field is named twice');
  for (const field of fields) requireKnownField(command.directory, field);
  return [{ type: 'PolicyIssued', data: { policyId: command.policyId, kind, fields: [...fields], issuedBy: command.actor, title } }];
}

/** The decider of a policy. */
export const policyDecider = {
  initialState: initialPolicyState,
  decide: decidePolicy,
  evolve: evolvePolicy,
};
