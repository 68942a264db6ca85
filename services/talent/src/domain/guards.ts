import { BackboneError, INCENTIVE_SCOPES, PERSON_KINDS, SECTORS, TIERS } from '@backbone/contracts';
import type { IncentiveScope, PersonKind, Sector, Tier } from '@backbone/contracts';
import type { TalentDirectory } from './directory.ts';

// Checks shared by the talent deciders. Bad input is `invalid_input` (400); a command that
// does not fit an aggregate's state is a `rule_violation` (409).

/** A 400 naming the rule the input breaks. */
export function invalidInput(rule: string, message: string): BackboneError {
  return new BackboneError('invalid_input', message, { rule });
}

/** A 404 naming what is missing. */
export function notFound(rule: string, message: string): BackboneError {
  return new BackboneError('not_found', message, { rule });
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

export function requireKind(value: string): PersonKind {
  if (!isOneOf(PERSON_KINDS, value)) throw invalidInput('unknown-kind', `unknown kind ${value}; one of ${PERSON_KINDS.join(', ')}`);
  return value;
}

export function requireSector(value: string): Sector {
  if (!isOneOf(SECTORS, value)) throw invalidInput('unknown-sector', `unknown sector ${value}; one of ${SECTORS.join(', ')}`);
  return value;
}

export function requireTier(value: string): Tier {
  if (!isOneOf(TIERS, value)) throw invalidInput('unknown-tier', `unknown tier ${value}; one of ${TIERS.join(', ')}`);
  return value;
}

export function requireScope(value: string): IncentiveScope {
  if (!isOneOf(INCENTIVE_SCOPES, value)) {
    throw invalidInput('unknown-scope', `unknown policy scope ${value}; one of ${INCENTIVE_SCOPES.join(', ')}`);
  }
  return value;
}

export function requireKnownField(directory: TalentDirectory, field: string): void {
  if (!directory.fields.has(field)) throw invalidInput('unknown-field', `unknown key field ${field}`);
}

/** At least one known field, none twice. */
export function requireKnownFields(directory: TalentDirectory, fields: readonly string[]): void {
  if (fields.length === 0) throw invalidInput('fields-required', 'name at least one key field');
  for (const field of fields) requireKnownField(directory, field);
  if (new Set(fields).size !== fields.length) throw invalidInput('no-duplicate-fields', 'a field is named twice');
}

/** Hours above zero, at most `max`, in tenths of an hour. */
export function requireHours(hours: number, max: number): void {
  if (!Number.isFinite(hours) || hours <= 0) throw invalidInput('hours-must-be-positive', `hours must be above zero, got ${hours}`);
  if (hours > max) throw invalidInput('hours-out-of-bounds', `at most ${max} hours, got ${hours}`);
  if (Math.abs(hours * 10 - Math.round(hours * 10)) > 1e-9) {
    throw invalidInput('hours-in-tenths', `hours are counted in tenths of an hour, got ${hours}`);
  }
}

/** A whole, positive number of fen (分). */
export function requireFen(amount: number, what: string, rule: string): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw invalidInput(rule, `${what} must be a whole number of fen above zero, got ${amount}`);
}

/** Parses an ISO date-time or throws `invalid-date`. */
export function parseInstant(value: string, what: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidInput('invalid-date', `${what} is not a date-time: ${value}`);
  return time;
}

/** Returns the trimmed text, or undefined when it is missing or blank. */
export function trimmedOrUndefined(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  return text.length === 0 ? undefined : text;
}

/** Copies an object without its undefined properties, so events carry no empty keys. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
