import { z } from 'zod';

/** The contexts that own event streams; each publishes to its own topic. */
export const CONTEXTS = ['tasks', 'resources', 'talent', 'platforms', 'reference'] as const;
export type Context = (typeof CONTEXTS)[number];

export const EVENT_TYPE_PATTERN = /^gov\.backbone\.([a-z]+)\.([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)$/;

/**
 * A CloudEvents 1.0 envelope with the backbone's extensions (DESIGN.md §3).
 * `data` is validated separately, against the schema registered for `type`.
 */
export const Envelope = z
  .object({
    specversion: z.literal('1.0'),
    id: z.uuid(),
    source: z.string().regex(/^\/backbone\/[a-z]+$/),
    type: z.string().regex(EVENT_TYPE_PATTERN),
    time: z.iso.datetime({ offset: true }),
    subject: z.string().min(1).max(200),
    datacontenttype: z.literal('application/json'),
    data: z.unknown(),
    correlationid: z.string().min(1).max(200),
    causationid: z.string().min(1).max(200),
    /** The department whose credential caused the event, or `system`. */
    actor: z.string().min(1).max(100),
    /** 1-based position of the event in its aggregate's stream. */
    streamversion: z.number().int().positive(),
    traceparent: z.string().optional(),
    /** SHA-256 (hex) of the previous event in the same stream; empty for the first. */
    prevhash: z.string().regex(/^([0-9a-f]{64})?$/).optional(),
  })
  .strict();
export type Envelope<TData = unknown> = Omit<z.infer<typeof Envelope>, 'data'> & { data: TData };

/** The parts of an event type name. */
export interface EventTypeParts {
  readonly context: string;
  readonly name: string;
  readonly version: number;
}

const parsedTypes = new Map<string, EventTypeParts | undefined>();
/** Type names whose parts are kept: far more than the contracts define, so odd names cannot grow it without end. */
const PARSED_TYPES = 1_000;

/**
 * Splits `gov.backbone.tasks.TaskCreated.v1` into its parts. Every event is routed by its type,
 * several times on its way, so the parts of the few types there are are worked out once (frozen,
 * as they are shared).
 */
export function parseEventType(type: string): EventTypeParts | undefined {
  if (parsedTypes.has(type)) return parsedTypes.get(type);
  const match = EVENT_TYPE_PATTERN.exec(type);
  const parts = match ? Object.freeze({ context: match[1]!, name: match[2]!, version: Number(match[3]) }) : undefined;
  if (parsedTypes.size < PARSED_TYPES) parsedTypes.set(type, parts);
  return parts;
}

/** The Kafka topic a context publishes to. */
export function contextTopic(context: string): string {
  return `backbone.${context}.v1`;
}

/** The topic a department system is granted: every event that concerns it. */
export function inboxTopic(department: string): string {
  return `backbone.inbox.${department}.v1`;
}

/** The dead-letter topic of a consumer group. */
export function deadLetterTopic(group: string): string {
  return `${group}.dlq`;
}
