import { BackboneError } from '@backbone/contracts';
import type { ErrorCode, PlatformEvent } from '@backbone/contracts';
import { MAX_IMPORT_RECORDS } from './commands.ts';
import type { PlatformCommandOf, ServiceRecord } from './commands.ts';
import { isQualified } from './facts.ts';
import type { ReferenceFacts } from './facts.ts';
import { definedOnly, invalidInput, requireStatus } from './guards.ts';
import { toTenths } from './state.ts';
import type { Platform } from './state.ts';
import { requireActivePerson } from './integrations.ts';

// Mianyang keeps China Standard Time (UTC+8, no daylight saving): a service day is a CST day.
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const cstDate = (instant: number): string => new Date(instant + CST_OFFSET_MS).toISOString().slice(0, 10);

/** `YYYY-MM-DD` naming a day that exists (Date.parse would roll 30 February over into March). */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A record's problem, with the record field it concerns. */
function recordProblem(code: ErrorCode, rule: string, path: string, message: string): BackboneError {
  return new BackboneError(code, message, { rule, issues: [{ path, message: `${rule}: ${message}` }] });
}

interface RecordContext {
  readonly platform: Platform;
  readonly now: Date;
  readonly fields: ReadonlySet<string>;
  readonly facts: ReferenceFacts;
  /** Service ids recorded earlier in the same command. */
  readonly earlier: ReadonlySet<string>;
}

/** Checks one service record against every rule and turns it into its event. */
function serviceDelivered(record: ServiceRecord, at: RecordContext): PlatformEvent {
  const { serviceId, field, serviceType, beneficiaries, volunteerHours, deliveredOn, personIds } = record;
  if (!at.fields.has(field)) throw recordProblem('invalid_input', 'unknown-field', 'field', `unknown key field ${field}`);
  if (!Number.isSafeInteger(beneficiaries) || beneficiaries < 0) {
    throw recordProblem('invalid_input', 'beneficiaries-not-negative', 'beneficiaries', `beneficiaries must be a whole number ≥ 0, got ${beneficiaries}`);
  }
  if (!Number.isFinite(volunteerHours) || volunteerHours < 0) {
    throw recordProblem('invalid_input', 'volunteer-hours-not-negative', 'volunteerHours', `volunteer hours must be ≥ 0, got ${volunteerHours}`);
  }
  if (Math.abs(volunteerHours * 10 - toTenths(volunteerHours)) > 1e-9) {
    throw recordProblem('invalid_input', 'volunteer-hours-in-tenths', 'volunteerHours', `hours are counted in tenths, got ${volunteerHours}`);
  }
  if (!isCalendarDate(deliveredOn)) {
    throw recordProblem('invalid_input', 'invalid-date', 'deliveredOn', `deliveredOn is not a date: ${deliveredOn}`);
  }
  if (deliveredOn > cstDate(at.now.getTime())) {
    throw recordProblem('invalid_input', 'delivered-on-in-future', 'deliveredOn', `${deliveredOn} is still to come (China Standard Time)`);
  }
  if (at.platform.openedAt !== undefined && deliveredOn < cstDate(Date.parse(at.platform.openedAt))) {
    throw recordProblem('rule_violation', 'delivered-before-opening', 'deliveredOn', `${deliveredOn} is before the platform opened`);
  }
  if (personIds !== undefined && new Set(personIds).size !== personIds.length) {
    throw recordProblem('invalid_input', 'no-duplicate-people', 'personIds', 'a person is named twice');
  }
  const people = (personIds ?? []).map((personId, index) => {
    try {
      return requireActivePerson(at.facts, personId);
    } catch (error) {
      if (!(error instanceof BackboneError)) throw error;
      throw recordProblem(error.code, error.rule ?? 'person-not-found', `personIds.${index}`, error.message);
    }
  });
  if (at.platform.serviceIds.has(serviceId) || at.earlier.has(serviceId)) {
    throw recordProblem('rule_violation', 'service-already-recorded', 'serviceId', `service ${serviceId} is already recorded`);
  }
  const byQualifiedTalent = people.some(isQualified);
  return {
    type: 'ServiceDelivered',
    data: definedOnly({ serviceId, field, serviceType, beneficiaries, volunteerHours, deliveredOn, personIds, byQualifiedTalent }),
  };
}

/** service: one record of a service an operating platform delivered on a day that has begun. */
export function decideRecordService(command: PlatformCommandOf<'recordService'>, platform: Platform): PlatformEvent[] {
  requireStatus(platform, ['operating'], 'platform-not-operating');
  const at = { platform, now: command.now, fields: command.directory.fields, facts: command.facts, earlier: new Set<string>() };
  return [serviceDelivered(command.data, at)];
}

/**
 * bulk import: every record is checked by the same rules as a single one; all are written,
 * or — when any is bad — none, and the problem lists each bad record by its index.
 */
export function decideImportServices(command: PlatformCommandOf<'importServices'>, platform: Platform): PlatformEvent[] {
  requireStatus(platform, ['operating'], 'platform-not-operating');
  const { records } = command.data;
  if (records.length === 0) throw invalidInput('records-required', 'an import carries at least one record');
  if (records.length > MAX_IMPORT_RECORDS) {
    throw invalidInput('too-many-records', `an import carries at most ${MAX_IMPORT_RECORDS} records, got ${records.length}`);
  }
  const earlier = new Set<string>();
  const events: PlatformEvent[] = [];
  const issues: { path: string; message: string }[] = [];
  records.forEach((record, index) => {
    try {
      events.push(serviceDelivered(record, { platform, now: command.now, fields: command.directory.fields, facts: command.facts, earlier }));
    } catch (error) {
      if (!(error instanceof BackboneError)) throw error;
      for (const issue of error.issues ?? [{ path: '', message: error.message }]) {
        issues.push({ path: `records.${index}${issue.path ? `.${issue.path}` : ''}`, message: issue.message });
      }
    }
    earlier.add(record.serviceId);
  });
  if (issues.length > 0) {
    const bad = new Set(issues.map((i) => i.path.split('.')[1])).size;
    throw new BackboneError('invalid_input', `${bad} of ${records.length} records are invalid; nothing was imported`, {
      rule: 'import-has-bad-records',
      issues,
    });
  }
  return events;
}
