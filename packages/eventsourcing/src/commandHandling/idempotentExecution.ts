import { z } from 'zod';
import { BackboneError, Envelope } from '@backbone/contracts';
import type { IdempotencyStore } from '../idempotency/idempotencyStore.ts';
import type { CommandResult, IdempotencyRequest } from './commandHandler.ts';

const StoredResult = z.object({
  id: z.string(),
  version: z.number().int().nonnegative(),
  eventIds: z.array(z.string()),
  events: z.array(Envelope),
});

/**
 * Runs `execute` at most once per idempotency key: a repeat of the same request gets the
 * first result (`replayed: true`), another request under the same key is refused, and a
 * failed run gives the key back.
 */
export async function executeIdempotently(
  store: IdempotencyStore | undefined,
  request: IdempotencyRequest,
  execute: () => Promise<CommandResult>,
): Promise<CommandResult> {
  if (!store) {
    throw new BackboneError('internal', 'an idempotency key was given but the command handler has no idempotency store');
  }
  const { scope, key, requestHash } = request;
  const reservation = await store.reserve(scope, key, requestHash);
  switch (reservation.state) {
    case 'done':
      return { ...readStoredResult(reservation.result, key), replayed: true };
    case 'mismatch':
      throw new BackboneError('rule_violation', `idempotency key ${key} was already used for a different request`, {
        rule: 'idempotency-key-reused',
      });
    case 'in_flight':
      throw new BackboneError('version_conflict', `a request with idempotency key ${key} is still being handled`, {
        rule: 'idempotent-request-in-flight',
        canRetry: true,
      });
    case 'new':
      break;
  }
  let result: CommandResult;
  try {
    result = await execute();
  } catch (error) {
    await store.release(scope, key);
    throw error;
  }
  const { replayed: _replayed, ...stored } = result;
  await store.complete(scope, key, stored);
  return result;
}

function readStoredResult(result: unknown, key: string): Omit<CommandResult, 'replayed'> {
  const parsed = StoredResult.safeParse(result);
  if (!parsed.success) {
    throw new BackboneError('internal', `the stored result of idempotency key ${key} is not a command result`);
  }
  return parsed.data;
}
