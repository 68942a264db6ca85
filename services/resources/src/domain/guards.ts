import { BackboneError, MAX_AMOUNT_FEN } from '@backbone/contracts';
import type { ResourcesDirectory } from './commands.ts';

// Checks shared by several decisions. Bad input is `invalid_input` (400); a command that does
// not fit the aggregate's current state is a `rule_violation` (409); a missing aggregate is 404.

/** A 400 naming the rule the input breaks. */
export function invalidInput(rule: string, message: string): BackboneError {
  return new BackboneError('invalid_input', message, { rule });
}

/** A 404 naming what is missing. */
export function notFound(rule: string, message: string): BackboneError {
  return new BackboneError('not_found', message, { rule });
}

/** Money is a positive whole number of fen, within the backbone's bound; never a float. */
export function requirePositiveFen(amount: number, what: string): number {
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT_FEN) {
    throw invalidInput('amount-must-be-positive-integer', `${what} must be a whole number of fen from 1 to ${MAX_AMOUNT_FEN}, got ${amount}`);
  }
  return amount;
}

/** Parses an ISO date-time or throws `invalid-date`. */
export function parseInstant(value: string, what: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidInput('invalid-date', `${what} is not a date-time: ${value}`);
  return time;
}

/** Returns the text or throws `text-required` when it is missing or blank. */
export function requireText(value: string | undefined, what: string): string {
  if ((value?.trim() ?? '').length === 0) throw invalidInput('text-required', `${what} is required`);
  return value ?? '';
}

export function requireKnownField(directory: ResourcesDirectory, field: string): void {
  if (!directory.fields.has(field)) throw invalidInput('unknown-field', `unknown key field ${field}`);
}

/** Copies an object without its undefined properties, so events carry no empty keys. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
