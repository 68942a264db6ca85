import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { policyDecider } from './policyDecider.ts';
import type { PolicyEvent } from './policyDecider.ts';
import { COORDINATING, FIELD, issuePolicy, OTHER_FIELD, POLICY_ID, SPONSOR, STRANGER, UNRELATED } from '../testing/resourceFixtures.ts';

const spec = DeciderSpecification.for(policyDecider);
const issued = (issuedBy: string, kind: PolicyEvent['data']['kind'] = 'mechanism', fields = [FIELD]): PolicyEvent => ({
  type: 'PolicyIssued',
  data: { policyId: POLICY_ID, kind, fields, issuedBy, title: 'Joint review mechanism for incubation projects' },
});

describe('issuePolicy', () => {
  it('any known department issues a policy, recorded as the issuer', () => {
    spec.given([]).when(issuePolicy(SPONSOR)).then([issued(SPONSOR)]);
    spec.given([]).when(issuePolicy(COORDINATING)).then([issued(COORDINATING)]);
    spec.given([]).when(issuePolicy(UNRELATED)).then([issued(UNRELATED)]);
  });
  it.each(['project', 'mechanism', 'policy', 'service-standard'] as const)('issues a %s policy', (kind) => {
    spec.given([]).when(issuePolicy(SPONSOR, { kind })).then([issued(SPONSOR, kind)]);
  });
  it('covers several fields', () => {
    spec.given([]).when(issuePolicy(SPONSOR, { fields: [FIELD, OTHER_FIELD] })).then([issued(SPONSOR, 'mechanism', [FIELD, OTHER_FIELD])]);
  });
  it('refuses a kind outside the closed list (unknown-policy-kind, 400)', () => {
    const command = issuePolicy(SPONSOR);
    spec.given([]).when({ ...command, data: { ...command.data, kind: 'subsidy' as 'policy' } }).thenThrows('unknown-policy-kind');
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given([]).when(issuePolicy(SPONSOR, { fields: [FIELD, 'astrology'] })).thenThrows('unknown-field');
    spec.given([]).when(issuePolicy(SPONSOR, { fields: ['astrology'] })).thenThrowsCode('invalid_input');
  });
  it('refuses a policy for no field (policy-names-a-field) or a field named twice (no-duplicate-fields)', () => {
    spec.given([]).when(issuePolicy(SPONSOR, { fields: [] })).thenThrows('policy-names-a-field');
    spec.given([]).when(issuePolicy(SPONSOR, { fields: [FIELD, FIELD] })).thenThrows('no-duplicate-fields');
  });
  it('refuses a blank title (text-required)', () => {
    spec.given([]).when(issuePolicy(SPONSOR, { title: '' })).thenThrows('text-required');
  });
  it('refuses to issue the same policy twice (policy-already-exists, 409)', () => {
    spec.given([issued(SPONSOR)]).when(issuePolicy(SPONSOR)).thenThrows('policy-already-exists');
  });
  it('refuses a department outside the directory (only-known-department-issues-policies, 403)', () => {
    spec.given([]).when(issuePolicy(STRANGER)).thenThrows('only-known-department-issues-policies');
    spec.given([]).when(issuePolicy(STRANGER)).thenThrowsCode('forbidden');
  });
});
