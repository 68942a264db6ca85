import { z } from 'zod';
import { AmountFen, CriterionScores, CriterionWeights, DepartmentId, FieldId, PolicyKind, ResourceId } from '@backbone/contracts';
import type { ApplicationFacts, CallFacts } from './facts.ts';

// Request bodies: what a department sends. Aggregate ids, the acting department, the time,
// the directory and facts read from other aggregates are added by the server, never taken
// from a body.

const Instant = z.iso.datetime({ offset: true });

/** POST /api/resources/pools */
export const OpenPoolBody = z.strictObject({ name: z.string().trim().min(1).max(200), field: FieldId.optional() });
/**
 * POST /api/resources/pools/{id}/contributions. The contributor is the credential's
 * department; `department` is accepted only so that naming another one is refused with 403.
 */
export const ContributeFundsBody = z.strictObject({ amountFen: AmountFen, department: DepartmentId.optional() });
/** POST /api/resources/calls */
export const OpenCallBody = z.strictObject({
  poolId: ResourceId,
  field: FieldId,
  budgetFen: AmountFen,
  opensAt: Instant,
  closesAt: Instant,
  weights: CriterionWeights.refine(
    (w) => w.partyBuilding + w.theoryResearch + w.professionalValue + w.serviceScenarios === 100,
    'the four criterion weights must sum to 100',
  ),
});
/**
 * POST /api/resources/calls/{id}/applications. The sponsoring department is the credential's;
 * `sponsoringDepartment` may repeat it, and naming another one is refused with 403.
 */
export const SubmitApplicationBody = z.strictObject({
  applicantOrganisationId: ResourceId,
  sponsoringDepartment: DepartmentId.optional(),
  field: FieldId,
  title: z.string().trim().min(1).max(180),
  requestedFen: AmountFen,
});
/** POST /api/resources/applications/{id}/scores. No weighted score: it is derived. */
export const ScoreApplicationBody = z.strictObject({ reviewerId: ResourceId, scores: CriterionScores });
/** POST /api/resources/applications/{id}/award */
export const AwardGrantBody = z.strictObject({ amountFen: AmountFen, endsAt: Instant });
/** POST /api/resources/grants/{id}/disbursements */
export const DisburseGrantBody = z.strictObject({ trancheFen: AmountFen });
/** POST /api/resources/grants/{id}/revoke */
export const RevokeGrantBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
/** POST /api/resources/policies */
export const IssuePolicyBody = z.strictObject({
  kind: PolicyKind,
  fields: z.array(FieldId).min(1).max(50),
  title: z.string().trim().min(1).max(200),
});

/** The schema of each command's request body, by command type. */
export const resourceCommandBodies = {
  openPool: OpenPoolBody,
  contributeFunds: ContributeFundsBody,
  openCall: OpenCallBody,
  submitApplication: SubmitApplicationBody,
  scoreApplication: ScoreApplicationBody,
  awardGrant: AwardGrantBody,
  disburseGrant: DisburseGrantBody,
  revokeGrant: RevokeGrantBody,
  issuePolicy: IssuePolicyBody,
} as const;

/** Every command type of the resources context. */
export type ResourceCommandType = keyof typeof resourceCommandBodies;
export const RESOURCE_COMMAND_TYPES = Object.keys(resourceCommandBodies) as ResourceCommandType[];

/** What the resources service knows of the reference directory when it decides. */
export interface ResourcesDirectory {
  readonly coordinating: string;
  readonly departments: ReadonlySet<string>;
  readonly fields: ReadonlySet<string>;
}

/** Builds a directory from the ids the reference context published. */
export function createResourcesDirectory(options: {
  coordinating: string;
  departments: Iterable<string>;
  fields: Iterable<string>;
}): ResourcesDirectory {
  return { coordinating: options.coordinating, departments: new Set(options.departments), fields: new Set(options.fields) };
}

/** The facts every command carries besides its body. */
interface ServerFacts<TType extends ResourceCommandType> {
  readonly type: TType;
  /** The department id from the credential. */
  readonly actor: string;
  readonly now: Date;
  readonly directory: ResourcesDirectory;
  readonly data: z.output<(typeof resourceCommandBodies)[TType]>;
}

/** Commands decided on a fund pool's stream: the pool, its calls' budgets and its grants. */
export type PoolCommand =
  | (ServerFacts<'openPool'> & { readonly poolId: string })
  | (ServerFacts<'contributeFunds'> & { readonly poolId: string })
  | (ServerFacts<'openCall'> & { readonly poolId: string; readonly callId: string })
  | (ServerFacts<'awardGrant'> & {
      readonly poolId: string;
      readonly grantId: string;
      readonly applicationId: string;
      /** The application as read from its own stream; undefined when it does not exist. */
      readonly application: ApplicationFacts | undefined;
    })
  | (ServerFacts<'disburseGrant'> & { readonly poolId: string; readonly grantId: string })
  | (ServerFacts<'revokeGrant'> & { readonly poolId: string; readonly grantId: string });

/** Commands decided on an application's stream. */
export type ApplicationCommand =
  | (ServerFacts<'submitApplication'> & {
      readonly applicationId: string;
      readonly callId: string;
      /** The call as read from its pool's stream; undefined when it does not exist. */
      readonly call: CallFacts | undefined;
    })
  | (ServerFacts<'scoreApplication'> & { readonly applicationId: string });

/** The command decided on a policy's stream. */
export type PolicyCommand = ServerFacts<'issuePolicy'> & { readonly policyId: string };

/** Every command of the resources context. */
export type ResourceCommand = PoolCommand | ApplicationCommand | PolicyCommand;

/** The command of one type, as the decider sees it. */
export type ResourceCommandOf<TType extends ResourceCommandType> = Extract<ResourceCommand, { readonly type: TType }>;
