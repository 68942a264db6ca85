import type { z } from 'zod';
import type { Context } from './envelope.ts';

/** One published event version: its CloudEvents type and the closed schema of its data. */
export interface EventDefinition<
  TName extends string = string,
  TSchema extends z.ZodType = z.ZodType,
> {
  readonly context: Context;
  readonly name: TName;
  readonly version: number;
  readonly type: string;
  readonly schema: TSchema;
}

/** Defines an event version; the schema must be a closed (`strict`) object. */
export function defineEvent<TName extends string, TSchema extends z.ZodType>(
  context: Context,
  name: TName,
  version: number,
  schema: TSchema,
): EventDefinition<TName, TSchema> {
  return { context, name, version, type: `gov.backbone.${context}.${name}.v${version}`, schema };
}

/** The data of an event definition. */
export type EventData<T> = T extends EventDefinition<string, infer S> ? z.infer<S> : never;

/** A domain event as deciders see it: a name and its data, before it becomes an envelope. */
export type DomainEvent<TName extends string = string, TData = unknown> = {
  readonly type: TName;
  readonly data: TData;
};
