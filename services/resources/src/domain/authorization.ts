import { forbidden } from '@backbone/contracts';
import type { ResourceCommandType, ResourcesDirectory } from './commands.ts';

/**
 * A department's relation to one command:
 * - `coordinating`: the plan's coordinating department;
 * - `department`: a department of the directory acting for itself (any department the body
 *   names is the credential's own);
 * - `sponsoring`: the department that sponsors the application (or the grant made from it);
 * - `reviewer`: a department of the directory that does not sponsor the application;
 * - `unrelated`: none of these (e.g. a credential whose department left the directory).
 * A department can hold several roles at once.
 */
export type ResourceRole = 'coordinating' | 'department' | 'sponsoring' | 'reviewer' | 'unrelated';

export interface ResourcePermission {
  /** The roles that may issue the command; every other role is refused. */
  readonly roles: readonly ResourceRole[];
  /** The rule named in the 403 when the actor holds none of them. */
  readonly rule: string;
}

/** Who may do what in the resources context: the one table. A command missing from it is refused. */
export const resourceAuthorization: { readonly [K in ResourceCommandType]: ResourcePermission } = {
  openPool: { roles: ['coordinating'], rule: 'only-coordinating-opens-pools' },
  contributeFunds: { roles: ['department'], rule: 'department-contributes-only-own-funds' },
  openCall: { roles: ['coordinating'], rule: 'only-coordinating-opens-calls' },
  submitApplication: { roles: ['department'], rule: 'department-sponsors-only-for-itself' },
  scoreApplication: { roles: ['reviewer'], rule: 'reviewer-not-from-sponsoring-department' },
  awardGrant: { roles: ['coordinating'], rule: 'only-coordinating-awards-grants' },
  disburseGrant: { roles: ['coordinating'], rule: 'only-coordinating-disburses' },
  revokeGrant: { roles: ['coordinating'], rule: 'only-coordinating-revokes-grants' },
  issuePolicy: { roles: ['department'], rule: 'only-known-department-issues-policies' },
};

/** What the roles of an actor depend on, besides the actor itself. */
export interface RoleContext {
  readonly actor: string;
  readonly directory: ResourcesDirectory;
  /** A department the request body names as acting (contributor, sponsor), if any. */
  readonly namedDepartment?: string;
  /** The sponsoring department of the application or grant the command is about, if any. */
  readonly sponsoringDepartment?: string;
}

/** The roles the actor holds towards one command. */
export function resourceRolesOf(context: RoleContext): ResourceRole[] {
  const { actor, directory, namedDepartment, sponsoringDepartment } = context;
  const known = directory.departments.has(actor);
  const roles: ResourceRole[] = [];
  if (actor === directory.coordinating) roles.push('coordinating');
  if (known && (namedDepartment === undefined || namedDepartment === actor)) roles.push('department');
  if (sponsoringDepartment !== undefined) {
    if (actor === sponsoringDepartment) roles.push('sponsoring');
    else if (known) roles.push('reviewer');
  }
  return roles.length > 0 ? roles : ['unrelated'];
}

/** Whether any of the roles may issue the command; unknown commands are denied. */
export function isResourceCommandAllowed(commandType: string, roles: readonly ResourceRole[]): boolean {
  if (!Object.hasOwn(resourceAuthorization, commandType)) return false;
  const permission = resourceAuthorization[commandType as ResourceCommandType];
  return roles.some((role) => permission.roles.includes(role));
}

/** Throws `forbidden` (403) with the command's rule unless one of the actor's roles may issue it. */
export function authorizeResourceCommand(commandType: string, context: RoleContext): void {
  const roles = resourceRolesOf(context);
  if (isResourceCommandAllowed(commandType, roles)) return;
  const rule = Object.hasOwn(resourceAuthorization, commandType)
    ? resourceAuthorization[commandType as ResourceCommandType].rule
    : 'unknown-command';
  throw forbidden(rule, `${context.actor} (${roles.join('+')}) may not ${commandType}${describeNamed(context)}`);
}

function describeNamed(context: RoleContext): string {
  const { namedDepartment, actor } = context;
  return namedDepartment !== undefined && namedDepartment !== actor ? ` on behalf of ${namedDepartment}` : '';
}
