import { BackboneError, ruleViolation } from '@backbone/contracts';
import type { PlatformDirectory } from './commands.ts';
import type { Platform, PlatformStatus } from './state.ts';

// Checks shared by the platform decisions. Bad input is `invalid_input` (400), an id of another
// context the platform's references do not know is `not_found` (404), and a command that does
// not fit the platform's or a reference's state is a `rule_violation` (409).

/** A 400 naming the rule the input breaks. */
export function invalidInput(rule: string, message: string): BackboneError {
  return new BackboneError('invalid_input', message, { rule });
}

/** A 404 naming what is missing. */
export function notFound(rule: string, message: string): BackboneError {
  return new BackboneError('not_found', message, { rule });
}

export function requireKnownField(directory: PlatformDirectory, field: string): void {
  if (!directory.fields.has(field)) throw invalidInput('unknown-field', `unknown key field ${field}`);
}

/** The platform is in one of the statuses, or 409 with `rule`. */
export function requireStatus(platform: Platform, allowed: readonly PlatformStatus[], rule: string): void {
  if (!allowed.includes(platform.status)) {
    throw ruleViolation(rule, `platform ${platform.platformId} is ${platform.status}; this needs ${allowed.join(' or ')}`);
  }
}

/** No id named twice in one list. */
export function requireDistinct(ids: readonly string[], rule: string, what: string): void {
  if (new Set(ids).size !== ids.length) throw invalidInput(rule, `a ${what} is named twice`);
}

/** Copies an object without its undefined properties, so events carry no empty keys. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
