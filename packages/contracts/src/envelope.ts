import { z } from 'zod';

/** The contexts that own event streams; each publishes to its own topic. */
export const CONTEXTS = ['tasks', 'resources', 'talent', 'platforms', 'reference'] as const;
export type Context = (typeof CONTEXTS)[number];

export const EVENT_TYPE_PATTERN = /^gov\.backbone\.([a-z]+)\.([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)$/;
const SOURCE_PATTERN = /^\/backbone\/[a-z]+$/;
const PREVHASH_PATTERN = /^([0-9a-f]{64})?$/;
const SUBJECT_MAX = 200;
const ACTOR_MAX = 100;

/**
 * A CloudEvents 1.0 envelope with the backbone's extensions (DESIGN.md §3).
 * `data` is validated separately, against the schema registered for `type`.
 */
export const Envelope = z
  .object({
    specversion: z.literal('1.0'),
    id: z.uuid(),
    source: z.string().regex(SOURCE_PATTERN),
    type: z.string().regex(EVENT_TYPE_PATTERN),
    time: z.iso.datetime({ offset: true }),
    subject: z.string().min(1).max(SUBJECT_MAX),
    datacontenttype: z.literal('application/json'),
    data: z.unknown(),
    correlationid: z.string().min(1).max(SUBJECT_MAX),
    causationid: z.string().min(1).max(SUBJECT_MAX),
    /** The department whose credential caused the event, or `system`. */
    actor: z.string().min(1).max(ACTOR_MAX),
    /** 1-based position of the event in its aggregate's stream. */
    streamversion: z.number().int().positive(),
    traceparent: z.string().optional(),
    /** SHA-256 (hex) of the previous event in the same stream; empty for the first. */
    prevhash: z.string().regex(PREVHASH_PATTERN).optional(),
  })
  .strict();
export type Envelope<TData = unknown> = Omit<z.infer<typeof Envelope>, 'data'> & { data: TData };

const UUID_PATTERN = z.regexes.uuid();
const DATETIME_PATTERN = z.regexes.datetime({ offset: true, local: false, precision: null });
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(Object.keys(Envelope.shape));

const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length >= 1 && value.length <= max;
const matches = (value: unknown, pattern: RegExp): boolean => typeof value === 'string' && pattern.test(value);

/**
 * Whether `value` is an envelope, by the rules of `Envelope` written out in plain code: for the
 * paths that read every event (the bus's consumers), where zod's parse made a new object and a
 * result per attribute. It errs on one side only: it never accepts what `Envelope` refuses, and
 * it may refuse what `Envelope` accepts (a `data` left out), so a caller asks `Envelope` for the
 * verdict and its issues when it says no.
 */
export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  for (const key in e) if (!ENVELOPE_KEYS.has(key)) return false;
  return (
    e.specversion === '1.0' &&
    matches(e.id, UUID_PATTERN) &&
    matches(e.source, SOURCE_PATTERN) &&
    matches(e.type, EVENT_TYPE_PATTERN) &&
    matches(e.time, DATETIME_PATTERN) &&
    isText(e.subject, SUBJECT_MAX) &&
    e.datacontenttype === 'application/json' &&
    e.data !== undefined &&
    isText(e.correlationid, SUBJECT_MAX) &&
    isText(e.causationid, SUBJECT_MAX) &&
    isText(e.actor, ACTOR_MAX) &&
    Number.isSafeInteger(e.streamversion) &&
    (e.streamversion as number) > 0 &&
    (e.traceparent === undefined || typeof e.traceparent === 'string') &&
    (e.prevhash === undefined || matches(e.prevhash, PREVHASH_PATTERN))
  );
}

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
