import { forbidden } from '@backbone/contracts';
import type { TalentCommandType } from './commands.ts';
import type { TalentDirectory } from './directory.ts';

/**
 * A department's standing towards one talent command:
 * - `coordinating`: the coordinating department (it runs selections, certifies, the think tank);
 * - `owner`: the department the aggregate belongs to — a person's registering department,
 *   a policy's issuer, or (for an advice note) the department that registered the member;
 * - `member`: any department the directory knows;
 * - `outsider`: a credential whose department the directory does not know.
 * A department can hold several (the coordinating department is also a member).
 */
export type TalentRole = 'coordinating' | 'owner' | 'member' | 'outsider';

export interface TalentPermission {
  /** The roles that may issue the command; every other role is refused. */
  readonly roles: readonly TalentRole[];
  /** The rule named in the 403 when the actor holds none of them. */
  readonly rule: string;
}

/** Who may do what in the talent context: the one table. A command missing from it is refused. */
export const talentAuthorization: { readonly [K in TalentCommandType]: TalentPermission } = {
  registerPerson: { roles: ['coordinating', 'member'], rule: 'only-known-departments-register-people' },
  erasePerson: { roles: ['coordinating', 'owner'], rule: 'only-registrar-or-coordinating-erases' },
  recordSelectionResult: { roles: ['coordinating'], rule: 'only-coordinating-records-selection-results' },
  completeCourse: { roles: ['coordinating', 'owner'], rule: 'only-registrar-or-coordinating-records-training' },
  grantCertification: { roles: ['coordinating'], rule: 'only-coordinating-certifies' },
  logServiceHours: { roles: ['coordinating', 'owner'], rule: 'only-registrar-or-coordinating-logs-hours' },
  appointThinkTankMember: { roles: ['coordinating'], rule: 'only-coordinating-appoints-think-tank-members' },
  openSelectionRound: { roles: ['coordinating'], rule: 'only-coordinating-opens-selection-rounds' },
  nominate: { roles: ['coordinating', 'member'], rule: 'only-known-departments-nominate' },
  issueIncentivePolicy: { roles: ['coordinating', 'member'], rule: 'only-known-departments-issue-policies' },
  // A policy's budget is its issuer's money: not even the coordinating department spends it.
  grantIncentive: { roles: ['owner'], rule: 'only-issuer-grants-under-policy' },
  designatePracticeBase: { roles: ['coordinating'], rule: 'only-coordinating-designates-practice-bases' },
  submitAdviceNote: { roles: ['coordinating', 'owner'], rule: 'only-members-department-or-coordinating-submits-advice' },
};

/** The roles a department holds towards an aggregate whose owner is `owner` (none yet: undefined). */
export function talentRolesOf(actor: string, directory: TalentDirectory, owner: string | undefined): TalentRole[] {
  const roles: TalentRole[] = [];
  if (actor === directory.coordinating) roles.push('coordinating');
  if (owner !== undefined && actor === owner) roles.push('owner');
  if (directory.departments.has(actor)) roles.push('member');
  return roles.length > 0 ? roles : ['outsider'];
}

/** Whether any of the roles may issue the command; unknown commands are denied. */
export function isTalentCommandAllowed(commandType: string, roles: readonly TalentRole[]): boolean {
  if (!Object.hasOwn(talentAuthorization, commandType)) return false;
  const permission = talentAuthorization[commandType as TalentCommandType];
  return roles.some((role) => permission.roles.includes(role));
}

/** Throws `forbidden` (403) with the command's rule unless one of the roles may issue it. */
export function authorizeTalentCommand(commandType: string, roles: readonly TalentRole[]): void {
  if (isTalentCommandAllowed(commandType, roles)) return;
  const rule = Object.hasOwn(talentAuthorization, commandType)
    ? talentAuthorization[commandType as TalentCommandType].rule
    : 'unknown-command';
  throw forbidden(rule, `a department with role ${roles.join('+')} may not ${commandType}`);
}
