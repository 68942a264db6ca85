import type { CriterionScores, CriterionWeights } from '@backbone/contracts';
import type { ApplicationEvent } from '../applications/applicationState.ts';
import { createResourcesDirectory } from '../commands.ts';
import type { ResourceCommandOf, ResourceCommandType } from '../commands.ts';
import type { ApplicationFacts, CallFacts } from '../facts.ts';
import type { PoolEvent } from '../pools/poolState.ts';

// Shared givens for the resources specifications: a directory like config/reference.json, one
// pool with one call, one application and one grant, and builders for every command.

export const COORDINATING = 'social-work';
export const SPONSOR = 'science-technology';
export const REVIEWER_DEPARTMENT = 'civil-affairs';
export const UNRELATED = 'department-5';
/** A credential whose department is not (or no longer) in the directory. */
export const STRANGER = 'department-99';
export const FIELD = 'technology-development-support';
export const OTHER_FIELD = 'new-employment-groups';

export const directory = createResourcesDirectory({
  coordinating: COORDINATING,
  departments: [COORDINATING, SPONSOR, REVIEWER_DEPARTMENT, 'department-4', UNRELATED],
  fields: [FIELD, OTHER_FIELD, 'micro-economy-joint-services'],
});

export const POOL_ID = 'pool-2025-incubation';
export const CALL_ID = 'call-2025-tech';
export const APPLICATION_ID = 'app-0001';
export const GRANT_ID = 'grant-0001';
export const POLICY_ID = 'policy-0001';
export const ORGANISATION_ID = 'org-91510700MA6XXXX';
export const TITLE = 'Volunteer mentors for tech start-ups';

export const NOW = new Date('2025-04-10T09:00:00.000Z');
export const OPENS = '2025-04-01T00:00:00.000Z';
export const CLOSES = '2025-05-01T00:00:00.000Z';
export const ENDS = '2025-12-31T16:00:00.000Z';
export const WEIGHTS: CriterionWeights = { partyBuilding: 30, theoryResearch: 20, professionalValue: 30, serviceScenarios: 20 };
export const SCORES: CriterionScores = { partyBuilding: 80, theoryResearch: 70, professionalValue: 90, serviceScenarios: 60 };

/** 1 000 000 yuan in the pool: 600 000 from the coordinating department, 400 000 from the sponsor. */
export const CONTRIBUTED_FEN = 100_000_000;
export const BUDGET_FEN = 80_000_000;
export const REQUESTED_FEN = 30_000_000;
export const AWARD_FEN = 25_000_000;

const facts = (actor: string, now: Date) => ({ actor, now, directory });

// Pool stream.
export const poolOpened: PoolEvent = {
  type: 'FundPoolOpened',
  data: { poolId: POOL_ID, name: '2025 incubation venture', openedBy: COORDINATING },
};
export const contributed = (department: string, amountFen: number): PoolEvent => ({
  type: 'FundsContributed',
  data: { department, amountFen },
});
export const callOpened = (budgetFen = BUDGET_FEN, callId = CALL_ID): PoolEvent => ({
  type: 'IncubationCallOpened',
  data: { callId, poolId: POOL_ID, field: FIELD, budgetFen, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS },
});
export const awarded = (amountFen = AWARD_FEN, grantId = GRANT_ID, applicationId = APPLICATION_ID): PoolEvent => ({
  type: 'GrantAwarded',
  data: { grantId, applicationId, callId: CALL_ID, poolId: POOL_ID, amountFen, sponsoringDepartment: SPONSOR, field: FIELD, title: TITLE, endsAt: ENDS },
});
export const disbursed = (trancheFen: number, grantId = GRANT_ID): PoolEvent => ({
  type: 'GrantDisbursed',
  data: { grantId, callId: CALL_ID, field: FIELD, trancheFen },
});
export const revoked = (returnedFen: number, grantId = GRANT_ID): PoolEvent => ({
  type: 'GrantRevoked',
  data: { grantId, callId: CALL_ID, field: FIELD, returnedFen, reason: 'project abandoned' },
});

/** A funded pool. */
export const fundedPool: readonly PoolEvent[] = [poolOpened, contributed(COORDINATING, 60_000_000), contributed(SPONSOR, 40_000_000)];
/** A funded pool with one open call. */
export const poolWithCall: readonly PoolEvent[] = [...fundedPool, callOpened()];
/** …and one grant awarded from the call. */
export const poolWithGrant: readonly PoolEvent[] = [...poolWithCall, awarded()];

// Application stream.
export const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: APPLICATION_ID,
    callId: CALL_ID,
    poolId: POOL_ID,
    applicantOrganisationId: ORGANISATION_ID,
    sponsoringDepartment: SPONSOR,
    field: FIELD,
    title: TITLE,
    requestedFen: REQUESTED_FEN,
  },
};
export const scored = (reviewerId: string, reviewerDepartment: string, scores: CriterionScores = SCORES): ApplicationEvent => ({
  type: 'ApplicationScored',
  data: { reviewerId, reviewerDepartment, scores },
});

// Facts the server reads from the other aggregate.
export const callFacts: CallFacts = { callId: CALL_ID, poolId: POOL_ID, field: FIELD, budgetFen: BUDGET_FEN, opensAt: OPENS, closesAt: CLOSES };
export const applicationFacts: ApplicationFacts = {
  applicationId: APPLICATION_ID,
  callId: CALL_ID,
  poolId: POOL_ID,
  sponsoringDepartment: SPONSOR,
  field: FIELD,
  title: TITLE,
  requestedFen: REQUESTED_FEN,
  reviewCount: 1,
};

// Commands as the server hands them to the deciders.
type Data<T extends ResourceCommandType> = ResourceCommandOf<T>['data'];

export const openPool = (actor: string, data: Data<'openPool'> = { name: '2025 incubation venture' }): ResourceCommandOf<'openPool'> => ({
  type: 'openPool',
  poolId: POOL_ID,
  ...facts(actor, NOW),
  data,
});
export const contribute = (actor: string, amountFen: number, department?: string): ResourceCommandOf<'contributeFunds'> => ({
  type: 'contributeFunds',
  poolId: POOL_ID,
  ...facts(actor, NOW),
  data: department === undefined ? { amountFen } : { amountFen, department },
});
export const openCall = (
  actor: string,
  data: Partial<Data<'openCall'>> = {},
  { callId = CALL_ID, now = NOW }: { callId?: string; now?: Date } = {},
): ResourceCommandOf<'openCall'> => ({
  type: 'openCall',
  poolId: POOL_ID,
  callId,
  ...facts(actor, now),
  data: { poolId: POOL_ID, field: FIELD, budgetFen: BUDGET_FEN, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS, ...data },
});
export const award = (
  actor: string,
  data: Partial<Data<'awardGrant'>> = {},
  options: { application?: ApplicationFacts | undefined; grantId?: string } = {},
): ResourceCommandOf<'awardGrant'> => {
  // An explicit `application: undefined` means the application does not exist.
  const application = 'application' in options ? options.application : applicationFacts;
  return {
    type: 'awardGrant',
    poolId: POOL_ID,
    grantId: options.grantId ?? GRANT_ID,
    applicationId: application?.applicationId ?? APPLICATION_ID,
    application,
    ...facts(actor, NOW),
    data: { amountFen: AWARD_FEN, endsAt: ENDS, ...data },
  };
};
export const disburse = (actor: string, trancheFen: number, grantId = GRANT_ID): ResourceCommandOf<'disburseGrant'> => ({
  type: 'disburseGrant',
  poolId: POOL_ID,
  grantId,
  ...facts(actor, NOW),
  data: { trancheFen },
});
export const revoke = (actor: string, reason = 'project abandoned', grantId = GRANT_ID): ResourceCommandOf<'revokeGrant'> => ({
  type: 'revokeGrant',
  poolId: POOL_ID,
  grantId,
  ...facts(actor, NOW),
  data: { reason },
});
export const submit = (
  actor: string,
  data: Partial<Data<'submitApplication'>> = {},
  options: { call?: CallFacts | undefined; now?: Date } = {},
): ResourceCommandOf<'submitApplication'> => {
  // An explicit `call: undefined` means the call does not exist.
  const call = 'call' in options ? options.call : callFacts;
  return {
    type: 'submitApplication',
    applicationId: APPLICATION_ID,
    callId: call?.callId ?? CALL_ID,
    call,
    ...facts(actor, options.now ?? NOW),
    data: { applicantOrganisationId: ORGANISATION_ID, field: FIELD, title: TITLE, requestedFen: REQUESTED_FEN, ...data },
  };
};
export const score = (actor: string, reviewerId: string, scores: CriterionScores = SCORES): ResourceCommandOf<'scoreApplication'> => ({
  type: 'scoreApplication',
  applicationId: APPLICATION_ID,
  ...facts(actor, NOW),
  data: { reviewerId, scores },
});
export const issuePolicy = (actor: string, data: Partial<Data<'issuePolicy'>> = {}): ResourceCommandOf<'issuePolicy'> => ({
  type: 'issuePolicy',
  policyId: POLICY_ID,
  ...facts(actor, NOW),
  data: { kind: 'mechanism', fields: [FIELD], title: 'Joint review mechanism for incubation projects', ...data },
});
