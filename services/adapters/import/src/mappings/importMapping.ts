import type { CommandAnswer, CommandClient } from '@backbone/adapter-sdk';
import type { z } from 'zod';

/**
 * How one kind of export row becomes one command. One row, one command: the backbone applies a
 * command atomically, so a row is applied entirely or not at all.
 */
export interface ImportMapping<Row> {
  /** Stable name; part of every row's Idempotency-Key. */
  readonly name: string;
  /** CSV columns the row may have, and those it must have. */
  readonly columns: { readonly allowed: readonly string[]; readonly required: readonly string[] };
  /** A closed schema of the row; CSV values arrive as strings and are coerced. */
  readonly schema: z.ZodType<Row>;
  /** Sends the row's command with the given Idempotency-Key. */
  readonly send: (client: CommandClient, row: Row, idempotencyKey: string) => Promise<CommandAnswer>;
}
