import { z } from 'zod';
import { defineEvent } from '../eventType.ts';
import type { DomainEvent, EventData } from '../eventType.ts';
import { DepartmentId, FieldId } from './reference.ts';

// Talent events carry ids, never personal data: a person's name, contact details and
// identity number stay in the talent service's own store, which erasure empties.

/** What a registered person is to the plan. */
export const PERSON_KINDS = ['social-worker', 'volunteer', 'expert'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
/** The sectors Action 2's "classified" incentives are divided by. */
export const SECTORS = ['university', 'social-organisation', 'public-institution', 'community', 'enterprise'] as const;
export type Sector = (typeof SECTORS)[number];
/** Action 1's tiers, lowest first; a tier is reached from the one below it. */
export const TIERS = ['entry', 'backbone', 'leading'] as const;
export type Tier = (typeof TIERS)[number];
/** A common incentive policy applies to every sector; a classified one to the sectors it lists. */
export const INCENTIVE_SCOPES = ['common', 'classified'] as const;
export type IncentiveScope = (typeof INCENTIVE_SCOPES)[number];

/** An id chosen by the talent service (a person, round, policy, practice base or note). */
export const TalentId = z.string().min(1).max(200);
/** A slug naming a course, certification, university or platform outside this context's control. */
export const TalentRef = z.string().max(100).regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/);
/** A keyed hash (HMAC-SHA-256, hex) of a person's external id: duplicates show, the id does not. */
export const ExternalRefHash = z.string().regex(/^[0-9a-f]{64}$/);
/** Hours in tenths of an hour, above zero. */
export const TalentHours = z.number().positive().multipleOf(0.1);

const Fields = z.array(FieldId).min(1).max(20);
const Fen = z.int().min(1).max(1_000_000_000_000);

/** A department registered a person in the talent registry. */
export const PersonRegistered = defineEvent(
  'talent',
  'PersonRegistered',
  1,
  z.strictObject({
    personId: TalentId,
    kind: z.enum(PERSON_KINDS),
    sector: z.enum(SECTORS),
    fields: Fields,
    registeredBy: DepartmentId,
    externalRefHash: ExternalRefHash,
  }),
);

/** The person's personal data was erased from the service's store; the history stays valid. */
export const PersonErased = defineEvent('talent', 'PersonErased', 1, z.strictObject({ personId: TalentId }));

/** A selection round for one field and tier opened; nominations close at `closesAt`. */
export const SelectionRoundOpened = defineEvent(
  'talent',
  'SelectionRoundOpened',
  1,
  z.strictObject({ roundId: TalentId, field: FieldId, tier: z.enum(TIERS), closesAt: z.iso.datetime({ offset: true }) }),
);

/** A department nominated a person for a selection round. */
export const PersonNominated = defineEvent(
  'talent',
  'PersonNominated',
  1,
  z.strictObject({ roundId: TalentId, personId: TalentId, nominatedBy: DepartmentId }),
);

/** A nominee was selected into the round's tier; skipping a tier names its reason. */
export const SelectionResultRecorded = defineEvent(
  'talent',
  'SelectionResultRecorded',
  1,
  z.strictObject({
    roundId: TalentId,
    personId: TalentId,
    tier: z.enum(TIERS),
    skippedTierReason: z.string().trim().min(1).max(2000).optional(),
  }),
);

/** A person completed a course of `hours` hours. */
export const CourseCompleted = defineEvent(
  'talent',
  'CourseCompleted',
  1,
  z.strictObject({ personId: TalentId, courseId: TalentRef, hours: TalentHours.max(2000) }),
);

/** A person was granted a certification. */
export const CertificationGranted = defineEvent(
  'talent',
  'CertificationGranted',
  1,
  z.strictObject({ personId: TalentId, certification: TalentRef, grantedBy: DepartmentId }),
);

/** A university was designated a practice base for some fields. */
export const PracticeBaseDesignated = defineEvent(
  'talent',
  'PracticeBaseDesignated',
  1,
  z.strictObject({ baseId: TalentId, universityOrgId: TalentRef, fields: Fields }),
);

/** A department issued an incentive policy with its own budget; classified ones list their sectors. */
export const IncentivePolicyIssued = defineEvent(
  'talent',
  'IncentivePolicyIssued',
  1,
  z.strictObject({
    policyId: TalentId,
    scope: z.enum(INCENTIVE_SCOPES),
    sectors: z.array(z.enum(SECTORS)).max(SECTORS.length),
    budgetFen: Fen,
    issuedBy: DepartmentId,
  }),
);

/** An incentive was granted to a person under a policy, out of its budget. */
export const IncentiveGranted = defineEvent(
  'talent',
  'IncentiveGranted',
  1,
  z.strictObject({ policyId: TalentId, personId: TalentId, amountFen: Fen }),
);

/** A person served `hours` hours in a field on a day, at a town/street platform if named. */
export const ServiceHoursLogged = defineEvent(
  'talent',
  'ServiceHoursLogged',
  1,
  z.strictObject({
    personId: TalentId,
    field: FieldId,
    platformId: TalentId.optional(),
    hours: TalentHours.max(24),
    servedOn: z.iso.date(),
  }),
);

/** An expert was appointed to the think tank. */
export const ThinkTankMemberAppointed = defineEvent(
  'talent',
  'ThinkTankMemberAppointed',
  1,
  z.strictObject({ personId: TalentId, appointedBy: DepartmentId }),
);

/**
 * A think-tank member submitted advice on a field or a task. `titleRef` points at the note's
 * title and text in the service's document store: the text may name people, so it stays out.
 */
export const AdviceNoteSubmitted = defineEvent(
  'talent',
  'AdviceNoteSubmitted',
  1,
  z.strictObject({
    noteId: TalentId,
    memberId: TalentId,
    field: FieldId.optional(),
    taskId: TalentId.optional(),
    titleRef: TalentId,
  }),
);

/** Every event of the talent context, by name. */
export const talentEvents = {
  PersonRegistered,
  PersonErased,
  SelectionRoundOpened,
  PersonNominated,
  SelectionResultRecorded,
  CourseCompleted,
  CertificationGranted,
  PracticeBaseDesignated,
  IncentivePolicyIssued,
  IncentiveGranted,
  ServiceHoursLogged,
  ThinkTankMemberAppointed,
  AdviceNoteSubmitted,
} as const;

/** The name of a talent event. */
export type TalentEventName = keyof typeof talentEvents;

/** A talent event as the talent deciders produce it. */
export type TalentEvent = {
  [K in TalentEventName]: DomainEvent<K, EventData<(typeof talentEvents)[K]>>;
}[TalentEventName];
