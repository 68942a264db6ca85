import { REFERENCE_ID_PATTERN } from '@backbone/contracts';

/** What the router remembers of one aggregate, to route its later events. */
export interface AggregateParties {
  /** The department its creation event named (creator, opener, sponsor, issuer, registrar, planner). */
  readonly owner?: string;
  /** Tasks: the current lead and supporting departments. */
  readonly lead?: string;
  readonly supporting?: readonly string[];
  /** Tasks: departments whose help was asked while the task is blocked. */
  readonly helpers?: readonly string[];
}

/** An event as the router sees it: its context, name and validated data. */
export interface RoutableEvent {
  readonly context: string;
  readonly name: string;
  readonly data: unknown;
}

export interface Routing {
  /** The departments whose inbox gets a copy, sorted, without repeats. */
  readonly departments: readonly string[];
  /** The aggregate's parties after the event. */
  readonly next: AggregateParties;
  /** A grant this event awarded, with its sponsoring department (kept for later grant events). */
  readonly grantSponsor?: { readonly grantId: string; readonly department: string };
}

/** The field of each creation event that names the aggregate's owning department. */
const OWNER_FIELD: Readonly<Record<string, string>> = {
  TaskCreated: 'createdBy',
  FundPoolOpened: 'openedBy',
  ApplicationSubmitted: 'sponsoringDepartment',
  PolicyIssued: 'issuedBy',
  PersonRegistered: 'registeredBy',
  IncentivePolicyIssued: 'issuedBy',
  PlatformPlanned: 'plannedBy',
};

/** Data fields that hold department ids, in any context's events. */
const DEPARTMENT_FIELDS = [
  'lead',
  'supporting',
  'previousLead',
  'department',
  'needsHelpFrom',
  'to',
  'createdBy',
  'openedBy',
  'sponsoringDepartment',
  'reviewerDepartment',
  'issuedBy',
  'registeredBy',
  'nominatedBy',
  'grantedBy',
  'appointedBy',
  'plannedBy',
  'departmentId',
] as const;

const isDepartment = (value: unknown): value is string => typeof value === 'string' && value !== 'system' && REFERENCE_ID_PATTERN.test(value);

function fieldOf(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
}

/** Every department id the event's data names. */
export function departmentsNamedIn(data: unknown): string[] {
  return DEPARTMENT_FIELDS.flatMap((field) => {
    const value = fieldOf(data, field);
    return (Array.isArray(value) ? value : [value]).filter(isDepartment);
  });
}

const assigneesOf = (parties: AggregateParties) => [...(parties.lead ? [parties.lead] : []), ...(parties.supporting ?? [])];

function foldTask(name: string, data: unknown, before: AggregateParties): AggregateParties {
  switch (name) {
    case 'TaskAssigned':
    case 'TaskReassigned': {
      const lead = fieldOf(data, 'lead');
      const supporting = fieldOf(data, 'supporting');
      return { ...before, lead: isDepartment(lead) ? lead : undefined, supporting: Array.isArray(supporting) ? supporting.filter(isDepartment) : [] };
    }
    case 'TaskDeclined': {
      const department = fieldOf(data, 'department');
      return fieldOf(data, 'role') === 'lead'
        ? { ...before, lead: undefined }
        : { ...before, supporting: (before.supporting ?? []).filter((d) => d !== department) };
    }
    case 'TaskBlocked': {
      const helper = fieldOf(data, 'needsHelpFrom');
      return isDepartment(helper) ? { ...before, helpers: [...new Set([...(before.helpers ?? []), helper])] } : before;
    }
    case 'TaskUnblocked':
      return { ...before, helpers: [] };
    default:
      return before;
  }
}

/**
 * Which department inboxes an event goes to (DESIGN.md §2): every department its data names,
 * the aggregate's owner, and for tasks the assignees before and after the event and the
 * departments asked for help until the block is lifted; for events about a grant, its sponsor.
 * Pure: the caller keeps `next` and `grantSponsor` for the aggregate's later events.
 */
export function routeEvent(event: RoutableEvent, before: AggregateParties = {}, sponsorOfGrant?: string): Routing {
  const ownerField = OWNER_FIELD[event.name];
  const newOwner = ownerField ? fieldOf(event.data, ownerField) : undefined;
  const owner = before.owner ?? (isDepartment(newOwner) ? newOwner : undefined);
  let next: AggregateParties = owner === before.owner ? before : { ...before, owner };
  const to = [...departmentsNamedIn(event.data), ...(owner ? [owner] : [])];

  if (event.context === 'tasks') {
    to.push(...assigneesOf(before), ...(before.helpers ?? []));
    next = foldTask(event.name, event.data, next);
    to.push(...assigneesOf(next));
  }
  if (sponsorOfGrant && isDepartment(sponsorOfGrant)) to.push(sponsorOfGrant);

  const grantId = fieldOf(event.data, 'grantId');
  const sponsoring = fieldOf(event.data, 'sponsoringDepartment');
  const grantSponsor =
    event.name === 'GrantAwarded' && typeof grantId === 'string' && isDepartment(sponsoring) ? { grantId, department: sponsoring } : undefined;
  return { departments: [...new Set(to)].sort(), next, grantSponsor };
}

/** The grant an event is about (a disbursement, a revocation, a project linked to a platform): its sponsor gets it too. */
export function grantOf(event: RoutableEvent): string | undefined {
  if (event.name === 'GrantAwarded') return undefined;
  const grantId = fieldOf(event.data, 'grantId');
  return typeof grantId === 'string' ? grantId : undefined;
}
