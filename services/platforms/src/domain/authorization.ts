import { forbidden } from '@backbone/contracts';
import type { PlatformCommandType, PlatformDirectory } from './commands.ts';
import type { PlatformState } from './state.ts';

/**
 * A department's relation to one platform. `owner` planned it and runs it; `member` is any
 * other department the directory knows; `outsider` is a credential the directory does not know.
 */
export type PlatformRole = 'coordinating' | 'owner' | 'member' | 'outsider';

export interface PlatformPermission {
  /** The roles that may issue the command; every other role is refused. */
  readonly roles: readonly PlatformRole[];
  /** The rule named in the 403 when the actor holds none of them. */
  readonly rule: string;
}

/** Who may do what with a platform: the one table. A command missing from it is refused. */
export const platformAuthorization: { readonly [K in PlatformCommandType]: PlatformPermission } = {
  planPlatform: { roles: ['coordinating', 'member'], rule: 'only-known-department-plans-platforms' },
  startBuilding: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-builds' },
  openPlatform: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-opens' },
  suspendPlatform: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-suspends' },
  resumePlatform: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-resumes' },
  deployPolicy: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-deploys-policies' },
  addVenue: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-adds-venues' },
  linkProject: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-links-projects' },
  stationTeam: { roles: ['coordinating', 'owner'], rule: 'only-owner-or-coordinating-stations-teams' },
  recordService: { roles: ['owner'], rule: 'only-owner-records-services' },
  importServices: { roles: ['owner'], rule: 'only-owner-records-services' },
};

/** The roles a department holds towards a platform (the coordinating department may also own one). */
export function platformRolesOf(state: PlatformState, department: string, directory: PlatformDirectory): PlatformRole[] {
  const roles: PlatformRole[] = [];
  if (department === directory.coordinating) roles.push('coordinating');
  if (state.status !== 'none' && state.plannedBy === department) roles.push('owner');
  if (roles.length > 0) return roles;
  return directory.departments.has(department) ? ['member'] : ['outsider'];
}

/** Whether any of the roles may issue the command; unknown commands are denied. */
export function isPlatformCommandAllowed(commandType: string, roles: readonly PlatformRole[]): boolean {
  if (!Object.hasOwn(platformAuthorization, commandType)) return false;
  const permission = platformAuthorization[commandType as PlatformCommandType];
  return roles.some((role) => permission.roles.includes(role));
}

/** Throws `forbidden` (403) with the command's rule unless one of the roles may issue it. */
export function authorizePlatformCommand(commandType: string, roles: readonly PlatformRole[]): void {
  if (isPlatformCommandAllowed(commandType, roles)) return;
  const rule = Object.hasOwn(platformAuthorization, commandType)
    ? platformAuthorization[commandType as PlatformCommandType].rule
    : 'unknown-command';
  throw forbidden(rule, `a department with role ${roles.join('+')} may not ${commandType} this platform`);
}
