import { BackboneError, allEventDefinitions, contextTopic, createEventRegistry } from '@backbone/contracts';
import type { Envelope, EventRegistry } from '@backbone/contracts';
import type { Bus, DeliveredRecord, RunningConsumer } from '@backbone/messaging';
import type { Logger } from 'pino';
import { deliveryTaskFor } from '../domain/index.ts';
import type { DeliveryTaskRequest, GrantAwardedData } from '../domain/index.ts';
import { readResourceEvent } from '../projections/resourceEvents.ts';

/** The consumer group of the grant-delivery process manager. */
export const GRANT_DELIVERY_GROUP = 'process.grant-delivery';

/** Why a command is sent: the event that caused it. */
export interface DeliveryCause {
  readonly correlationId: string;
  readonly causationId: string;
}

/**
 * What the process manager asks of the tasks context (a context never imports another; the
 * composition root implements this over the tasks command handler). Each call resolves `done`
 * when the command was written and `already` when an earlier delivery of the same award got
 * there first: the create when the task exists; the assignment when the task is past its
 * creation (assigned, or already moved on — a redelivery must never reassign it).
 */
export interface DeliveryTaskCommands {
  createTask(taskId: string, body: DeliveryTaskRequest['create'], cause: DeliveryCause): Promise<'done' | 'already'>;
  assignTask(taskId: string, body: DeliveryTaskRequest['assign'], cause: DeliveryCause): Promise<'done' | 'already'>;
}

const HOUR_MS = 3_600_000;

/**
 * The delivery task of an award, due at the grant's end. An award's end is in the future when
 * it is decided, but the task may be created later (a consumer that was down, a replay): when
 * the end has passed, the task is due one hour from now instead — so the tasks context accepts
 * it and the deadline watcher soon marks it overdue, which is the truth — and its description
 * keeps the grant's own end.
 */
export function deliveryTaskAt(award: GrantAwardedData, now: Date): DeliveryTaskRequest {
  const request = deliveryTaskFor(award);
  if (Date.parse(award.endsAt) > now.getTime()) return request;
  const dueDate = new Date(now.getTime() + HOUR_MS).toISOString();
  const description = `${request.create.description} The grant ended before this task was created; it is due at once.`;
  return { ...request, create: { ...request.create, dueDate, description: description.slice(0, 5000) } };
}

export interface GrantDeliveryOptions {
  readonly bus: Bus;
  /** Turns a bus record into its envelope (the messaging package's `recordToEnvelope`). */
  readonly decode: (record: DeliveredRecord) => Envelope;
  readonly tasks: DeliveryTaskCommands;
  readonly clock: () => Date;
  /** Reads (upcasts and validates) the events; default: every published definition. */
  readonly registry?: EventRegistry;
  /** Default `process.grant-delivery`. */
  readonly group?: string;
  /** Attempts before a record is dead-lettered (the bus's default when absent). */
  readonly maxAttempts?: number;
  readonly logger?: Logger;
}

export interface GrantDelivery {
  stop(): Promise<void>;
}

/**
 * The process manager "a grant awarded creates a delivery task": consumes `backbone.resources.v1`
 * and, for each `GrantAwarded`, creates the task `task-grant-<grantId>` and assigns it to the
 * sponsoring department. Idempotent: a redelivered award, or two consumers racing on one, find
 * the task there and write nothing. A command that fails otherwise throws, so the bus retries the
 * record and finally dead-letters it.
 */
export async function startGrantDelivery(options: GrantDeliveryOptions): Promise<GrantDelivery> {
  const { tasks, logger } = options;
  const registry = options.registry ?? createEventRegistry(allEventDefinitions);

  async function handle(record: DeliveredRecord): Promise<void> {
    const envelope = options.decode(record);
    const read = readResourceEvent(envelope, registry);
    if (read?.event.type !== 'GrantAwarded') return;
    const request = deliveryTaskAt(read.event.data, options.clock());
    const cause: DeliveryCause = { correlationId: envelope.correlationid, causationId: envelope.id };
    const created = await tasks.createTask(request.taskId, request.create, cause);
    const assigned = await tasks.assignTask(request.taskId, request.assign, cause);
    logger?.info({ taskId: request.taskId, grantId: read.event.data.grantId, created, assigned }, 'grant delivery task settled');
  }

  const consumer: RunningConsumer = await options.bus.subscribe({
    group: options.group ?? GRANT_DELIVERY_GROUP,
    topics: [contextTopic('resources')],
    maxAttempts: options.maxAttempts,
    async handle(record) {
      try {
        await handle(record);
      } catch (error) {
        const rule = error instanceof BackboneError ? error.rule : undefined;
        logger?.warn({ err: error, rule, offset: record.offset, attempt: record.attempt }, 'grant delivery could not settle a record');
        throw error;
      }
    },
  });
  return { stop: () => consumer.stop() };
}
