import { z } from 'zod';
import { defineEvent } from '../eventType.ts';
import type { DomainEvent, EventData } from '../eventType.ts';
import { DepartmentId, FieldId } from './reference.ts';

/**
 * An id in the resources context (pool, call, application, grant, policy, applicant
 * organisation, reviewer): an opaque token, never a name or other personal data.
 */
export const ResourceId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

/** The largest single amount of money the backbone accepts: 10 billion yuan, in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

/** A positive amount of money in fen (1/100 yuan): always an integer, never a float. */
export const AmountFen = z.int().min(1).max(MAX_AMOUNT_FEN);
/** Zero or more fen. */
const NonNegativeFen = z.int().min(0).max(MAX_AMOUNT_FEN);

/** The plan's four judging criteria of the incubation venture (Action 3). */
export const CRITERIA = ['partyBuilding', 'theoryResearch', 'professionalValue', 'serviceScenarios'] as const;
export type Criterion = (typeof CRITERIA)[number];

const Percent = z.int().min(0).max(100);
/** A call's weight for each criterion, in whole percent; the decider requires them to sum to 100. */
export const CriterionWeights = z.strictObject({
  /** Party-building linkage (党建引领). */
  partyBuilding: Percent,
  /** Theory and model research. */
  theoryResearch: Percent,
  /** Evidence of professional value. */
  professionalValue: Percent,
  /** Service scenarios. */
  serviceScenarios: Percent,
});
export type CriterionWeights = z.infer<typeof CriterionWeights>;

/** One reviewer's score, 0–100, on each criterion. The weighted score is derived, never stored. */
export const CriterionScores = z.strictObject({
  partyBuilding: Percent,
  theoryResearch: Percent,
  professionalValue: Percent,
  serviceScenarios: Percent,
});
export type CriterionScores = z.infer<typeof CriterionScores>;

/** The kinds of support a policy gives (Task 2: project, mechanism and policy support; Task 3: standards). */
export const POLICY_KINDS = ['project', 'mechanism', 'policy', 'service-standard'] as const;
export const PolicyKind = z.enum(POLICY_KINDS);

const Instant = z.iso.datetime({ offset: true });
const Title = z.string().trim().min(1).max(180);

/** The coordinating department opened a fund pool, optionally for one key field. */
export const FundPoolOpened = defineEvent(
  'resources',
  'FundPoolOpened',
  1,
  z.strictObject({
    poolId: ResourceId,
    name: z.string().trim().min(1).max(200),
    field: FieldId.optional(),
    openedBy: DepartmentId,
  }),
);

/** A department put its own funds into the pool. */
export const FundsContributed = defineEvent(
  'resources',
  'FundsContributed',
  1,
  z.strictObject({ department: DepartmentId, amountFen: AmountFen }),
);

/** An incubation call opened against the pool; its budget is reserved from the pool's balance. */
export const IncubationCallOpened = defineEvent(
  'resources',
  'IncubationCallOpened',
  1,
  z.strictObject({
    callId: ResourceId,
    poolId: ResourceId,
    field: FieldId,
    budgetFen: AmountFen,
    opensAt: Instant,
    closesAt: Instant,
    weights: CriterionWeights,
  }),
);

/** A department sponsored an organisation's application to an open call. */
export const ApplicationSubmitted = defineEvent(
  'resources',
  'ApplicationSubmitted',
  1,
  z.strictObject({
    applicationId: ResourceId,
    callId: ResourceId,
    poolId: ResourceId,
    applicantOrganisationId: ResourceId,
    sponsoringDepartment: DepartmentId,
    field: FieldId,
    /** The project's title (not personal data). */
    title: Title,
    requestedFen: AmountFen,
  }),
);

/** A reviewer from a department other than the sponsor scored the application on each criterion. */
export const ApplicationScored = defineEvent(
  'resources',
  'ApplicationScored',
  1,
  z.strictObject({ reviewerId: ResourceId, reviewerDepartment: DepartmentId, scores: CriterionScores }),
);

/** The coordinating department awarded a grant to an application, from its call's budget. */
export const GrantAwarded = defineEvent(
  'resources',
  'GrantAwarded',
  1,
  z.strictObject({
    grantId: ResourceId,
    applicationId: ResourceId,
    callId: ResourceId,
    poolId: ResourceId,
    amountFen: AmountFen,
    sponsoringDepartment: DepartmentId,
    field: FieldId,
    title: Title,
    /** When the funded project must be delivered. */
    endsAt: Instant,
  }),
);

/** A tranche of a grant was paid out. */
export const GrantDisbursed = defineEvent(
  'resources',
  'GrantDisbursed',
  1,
  z.strictObject({ grantId: ResourceId, callId: ResourceId, field: FieldId, trancheFen: AmountFen }),
);

/** A grant was revoked; what was not yet disbursed went back to its call's budget. */
export const GrantRevoked = defineEvent(
  'resources',
  'GrantRevoked',
  1,
  z.strictObject({
    grantId: ResourceId,
    callId: ResourceId,
    field: FieldId,
    returnedFen: NonNegativeFen,
    reason: z.string().trim().min(1).max(2000),
  }),
);

/** A department issued a policy giving support of one kind to one or more key fields. */
export const PolicyIssued = defineEvent(
  'resources',
  'PolicyIssued',
  1,
  z.strictObject({
    policyId: ResourceId,
    kind: PolicyKind,
    fields: z.array(FieldId).min(1).max(50),
    issuedBy: DepartmentId,
    title: z.string().trim().min(1).max(200),
  }),
);

/** Every event of the resources context, by name. */
export const resourceEvents = {
  FundPoolOpened,
  FundsContributed,
  IncubationCallOpened,
  ApplicationSubmitted,
  ApplicationScored,
  GrantAwarded,
  GrantDisbursed,
  GrantRevoked,
  PolicyIssued,
} as const;

/** The name of a resources event. */
export type ResourceEventName = keyof typeof resourceEvents;

/** A resources event as the context's deciders produce it. */
export type ResourceEvent = {
  [K in ResourceEventName]: DomainEvent<K, EventData<(typeof resourceEvents)[K]>>;
}[ResourceEventName];
