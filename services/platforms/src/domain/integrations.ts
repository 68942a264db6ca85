import { ruleViolation } from '@backbone/contracts';
import type { PlatformEvent } from '@backbone/contracts';
import type { PlatformCommandOf } from './commands.ts';
import type { ReferenceFacts } from './facts.ts';
import { definedOnly, invalidInput, notFound, requireDistinct } from './guards.ts';
import type { Platform } from './state.ts';

// The four integrations of Action 5: policies, venues (阵地), projects and teams. They may be
// made at any stage of a platform's life; the ids of other contexts must be known to the
// platform's reference projections.

/** policy: a policy the resources context issued, deployed once. */
export function decideDeployPolicy(command: PlatformCommandOf<'deployPolicy'>, platform: Platform): PlatformEvent[] {
  const { policyId } = command.data;
  if (!command.facts.policies.has(policyId)) throw notFound('policy-not-found', `no policy ${policyId} has been issued`);
  if (platform.policies.includes(policyId)) {
    throw ruleViolation('policy-already-deployed', `policy ${policyId} is already deployed at ${platform.platformId}`);
  }
  return [{ type: 'PolicyDeployed', data: { policyId } }];
}

/** venue: a place of a kind, with an optional capacity, added once. */
export function decideAddVenue(command: PlatformCommandOf<'addVenue'>, platform: Platform): PlatformEvent[] {
  const { venueId, kind, capacity } = command.data;
  if (capacity !== undefined && (!Number.isSafeInteger(capacity) || capacity < 1)) {
    throw invalidInput('capacity-must-be-positive', `capacity must be a whole number above zero, got ${capacity}`);
  }
  if (platform.venues.some((v) => v.venueId === venueId)) {
    throw ruleViolation('venue-already-added', `venue ${venueId} is already part of ${platform.platformId}`);
  }
  return [{ type: 'VenueAdded', data: definedOnly({ venueId, kind, capacity }) }];
}

/** project: a grant the resources context awarded and has not revoked, linked once. */
export function decideLinkProject(command: PlatformCommandOf<'linkProject'>, platform: Platform): PlatformEvent[] {
  const { grantId } = command.data;
  const grant = command.facts.grants.get(grantId);
  if (!grant) throw notFound('grant-not-found', `no grant ${grantId} has been awarded`);
  if (grant.revoked) throw ruleViolation('grant-revoked', `grant ${grantId} was revoked`);
  if (platform.projects.includes(grantId)) {
    throw ruleViolation('project-already-linked', `the project of grant ${grantId} is already linked to ${platform.platformId}`);
  }
  return [{ type: 'ProjectLinked', data: { grantId } }];
}

/** team: registered people, none erased, stationed as a team once. */
export function decideStationTeam(command: PlatformCommandOf<'stationTeam'>, platform: Platform): PlatformEvent[] {
  const { teamId, personIds } = command.data;
  if (personIds.length === 0) throw invalidInput('team-needs-people', 'a team names at least one person');
  requireDistinct(personIds, 'no-duplicate-people', 'person');
  for (const personId of personIds) requireActivePerson(command.facts, personId);
  if (platform.teams.some((t) => t.teamId === teamId)) {
    throw ruleViolation('team-already-stationed', `team ${teamId} is already stationed at ${platform.platformId}`);
  }
  return [{ type: 'TeamStationed', data: { teamId, personIds: [...personIds] } }];
}

/** The person is registered (404 `person-not-found`) and not erased (409 `person-erased`). */
export function requireActivePerson(facts: ReferenceFacts, personId: string) {
  const person = facts.people.get(personId);
  if (!person) throw notFound('person-not-found', `no person ${personId} is registered`);
  if (person.erased) throw ruleViolation('person-erased', `person ${personId} was erased and takes part in nothing new`);
  return person;
}
