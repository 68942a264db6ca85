import type { PlatformEvent } from '@backbone/contracts';
import type { Decider } from '@backbone/eventsourcing';
import { authorizePlatformCommand, platformRolesOf } from './authorization.ts';
import type { PlatformCommand } from './commands.ts';
import { notFound } from './guards.ts';
import { decideAddVenue, decideDeployPolicy, decideLinkProject, decideStationTeam } from './integrations.ts';
import { decideOpen, decidePlan, decideResume, decideStartBuilding, decideSuspend } from './lifecycle.ts';
import { decideImportServices, decideRecordService } from './services.ts';
import { evolvePlatform, initialPlatformState } from './state.ts';
import type { Platform, PlatformState } from './state.ts';

/**
 * Decides a platform command: the platform must exist (404, except for plan), then the
 * authorization table is consulted (403), then the platform's rules (400 bad input,
 * 404 unknown reference, 409 state).
 */
export function decidePlatform(command: PlatformCommand, state: PlatformState): PlatformEvent[] {
  if (command.type === 'planPlatform') {
    // Judged by the actor's standing towards a town without a platform: re-planning one is a 409, not a 403.
    authorizePlatformCommand(command.type, platformRolesOf(initialPlatformState(), command.actor, command.directory));
    return decidePlan(command, state);
  }
  if (state.status === 'none') throw notFound('platform-not-found', `platform ${command.platformId} does not exist`);
  authorizePlatformCommand(command.type, platformRolesOf(state, command.actor, command.directory));
  return decideExisting(command, state);
}

function decideExisting(command: Exclude<PlatformCommand, { type: 'planPlatform' }>, platform: Platform): PlatformEvent[] {
  switch (command.type) {
    case 'startBuilding':
      return decideStartBuilding(command, platform);
    case 'openPlatform':
      return decideOpen(command, platform);
    case 'suspendPlatform':
      return decideSuspend(command, platform);
    case 'resumePlatform':
      return decideResume(command, platform);
    case 'deployPolicy':
      return decideDeployPolicy(command, platform);
    case 'addVenue':
      return decideAddVenue(command, platform);
    case 'linkProject':
      return decideLinkProject(command, platform);
    case 'stationTeam':
      return decideStationTeam(command, platform);
    case 'recordService':
      return decideRecordService(command, platform);
    case 'importServices':
      return decideImportServices(command, platform);
  }
}

/** The decider of one town/street platform. */
export const platformDecider: Decider<PlatformCommand, PlatformState, PlatformEvent> = {
  initialState: initialPlatformState,
  decide: decidePlatform,
  evolve: evolvePlatform,
};
