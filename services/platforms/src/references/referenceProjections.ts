import { contextTopic, resourceEvents, talentEvents } from '@backbone/contracts';
import type { EventRegistry, ResourceEvent, TalentEvent } from '@backbone/contracts';
import type { Projection, ViewWrite } from '@backbone/views';
import type { GrantFacts, PersonFacts, PolicyFacts } from '../domain/index.ts';
import { readContextEvent } from '@backbone/contracts';
import { defaultRegistry } from './contextEvents.ts';

// The platforms context's own copies of the other contexts' facts it checks references
// against. One projection per source context: the view store dedupes events by their subject
// (aggregate id), and ids of two contexts are not guaranteed to differ.

/** The projection of the resources events: policies and grants. */
export const PLATFORM_RESOURCE_REFERENCES = 'platforms-references-resources';
/** The projection of the talent events: people, and whether each is certified or tiered. */
export const PLATFORM_TALENT_REFERENCES = 'platforms-references-talent';
export const POLICIES = 'policies';
export const GRANTS = 'grants';
export const PEOPLE = 'people';

export interface ReferenceProjectionOptions {
  /** Reads (upcasts and validates) the events; default: every published definition. */
  readonly registry?: EventRegistry;
}

/** Policies (`PolicyIssued`) and grants (`GrantAwarded`, `GrantRevoked`) from `backbone.resources.v1`. */
export function platformResourceReferencesProjection(options: ReferenceProjectionOptions = {}): Projection {
  const registry = options.registry ?? defaultRegistry;
  return {
    name: PLATFORM_RESOURCE_REFERENCES,
    topics: [contextTopic('resources')],
    async project(envelope, view): Promise<ViewWrite[]> {
      const event = readContextEvent<ResourceEvent>(registry, envelope, 'resources', resourceEvents);
      if (!event) return [];
      // Awards and revocations share the pool's stream, so the award is always seen first.
      const grantBefore = event.type === 'GrantRevoked' ? await view.get<GrantFacts>(GRANTS, event.data.grantId) : undefined;
      const change = resourceFactChange(event, grantBefore);
      if (change?.policy) return [{ op: 'put', collection: POLICIES, id: change.policy.policyId, doc: change.policy }];
      if (change?.grant) return [{ op: 'put', collection: GRANTS, id: change.grant.grantId, doc: change.grant }];
      return [];
    },
  };
}

/** What a resources event tells of a policy or a grant; a revocation needs the grant as it was. */
export function resourceFactChange(event: ResourceEvent, grantBefore?: GrantFacts): { policy?: PolicyFacts; grant?: GrantFacts } | undefined {
  switch (event.type) {
    case 'PolicyIssued': {
      const { policyId, kind, fields, issuedBy } = event.data;
      return { policy: { policyId, kind, fields, issuedBy } };
    }
    case 'GrantAwarded': {
      const { grantId, field, sponsoringDepartment } = event.data;
      return { grant: { grantId, field, sponsoringDepartment, revoked: false } };
    }
    case 'GrantRevoked':
      return grantBefore ? { grant: { ...grantBefore, revoked: true } } : undefined;
    default:
      return undefined;
  }
}

/** People (`PersonRegistered`, `PersonErased`) and their qualifications (`CertificationGranted`, `SelectionResultRecorded`) from `backbone.talent.v1`. */
export function platformTalentReferencesProjection(options: ReferenceProjectionOptions = {}): Projection {
  const registry = options.registry ?? defaultRegistry;
  return {
    name: PLATFORM_TALENT_REFERENCES,
    topics: [contextTopic('talent')],
    async project(envelope, view): Promise<ViewWrite[]> {
      const event = readContextEvent<TalentEvent>(registry, envelope, 'talent', talentEvents);
      if (event === undefined) return [];
      const personId = personIdOf(event);
      if (personId === undefined) return [];
      // Every one of these events is on the person's stream, after the registration.
      const person = personFactChange(event, await view.get<PersonFacts>(PEOPLE, personId));
      return person ? [{ op: 'put', collection: PEOPLE, id: person.personId, doc: person }] : [];
    },
  };
}

/** The person a talent event about a person's registry entry concerns; undefined for other talent events. */
export function personIdOf(event: TalentEvent): string | undefined {
  switch (event.type) {
    case 'PersonRegistered':
    case 'PersonErased':
    case 'CertificationGranted':
    case 'SelectionResultRecorded':
      return event.data.personId;
    default:
      return undefined;
  }
}

/** The person's facts after a talent event, from the facts before it. */
export function personFactChange(event: TalentEvent, before: PersonFacts | undefined): PersonFacts | undefined {
  const personId = personIdOf(event);
  if (personId === undefined) return undefined;
  const person: PersonFacts = before ?? { personId, erased: false, certified: false };
  switch (event.type) {
    case 'PersonErased':
      return { ...person, erased: true };
    case 'CertificationGranted':
      return { ...person, certified: true };
    case 'SelectionResultRecorded':
      return { ...person, tier: event.data.tier };
    default:
      return person;
  }
}
