import { ruleViolation } from '@backbone/contracts';
import type { PlatformEvent } from '@backbone/contracts';
import { platformIdFor } from './commands.ts';
import type { PlatformCommandOf } from './commands.ts';
import { invalidInput, requireStatus } from './guards.ts';
import type { Platform, PlatformState } from './state.ts';

/** plan: one platform per town or street; its id is derived from the district and the town. */
export function decidePlan(command: PlatformCommandOf<'planPlatform'>, state: PlatformState): PlatformEvent[] {
  if (state.status !== 'none') throw ruleViolation('platform-already-exists', `platform ${command.platformId} already exists`);
  const { district, town } = command.data;
  if (command.platformId !== platformIdFor(district, town)) {
    throw invalidInput('platform-id-matches-town', `the platform of ${district}/${town} is ${platformIdFor(district, town)}`);
  }
  return [{ type: 'PlatformPlanned', data: { platformId: command.platformId, district, town, plannedBy: command.actor } }];
}

/** building: fitting out begins, once, after planning. */
export function decideStartBuilding(_command: PlatformCommandOf<'startBuilding'>, platform: Platform): PlatformEvent[] {
  requireStatus(platform, ['planned'], 'building-starts-when-planned');
  return [{ type: 'PlatformBuildingStarted', data: {} }];
}

/** open: a platform being built starts operating. */
export function decideOpen(command: PlatformCommandOf<'openPlatform'>, platform: Platform): PlatformEvent[] {
  requireStatus(platform, ['building'], 'opens-after-building');
  return [{ type: 'PlatformOpened', data: { openedAt: command.now.toISOString() } }];
}

/** suspend: an operating platform stops for a while, with a reason. */
export function decideSuspend(command: PlatformCommandOf<'suspendPlatform'>, platform: Platform): PlatformEvent[] {
  requireStatus(platform, ['operating'], 'suspends-only-when-operating');
  const reason = command.data.reason.trim();
  if (reason.length === 0) throw invalidInput('reason-required', 'a suspension needs a reason');
  return [{ type: 'PlatformSuspended', data: { reason } }];
}

/** resume: a suspended platform operates again. */
export function decideResume(_command: PlatformCommandOf<'resumePlatform'>, platform: Platform): PlatformEvent[] {
  requireStatus(platform, ['suspended'], 'resumes-only-when-suspended');
  return [{ type: 'PlatformResumed', data: {} }];
}
