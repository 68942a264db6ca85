import { CONTEXTS, contextTopic, createEventRegistry, allEventDefinitions, inboxTopic, parseEventType } from '@backbone/contracts';
import type { EventRegistry } from '@backbone/contracts';
import { recordToEnvelope } from '@backbone/messaging';
import type { Bus, DeliveredRecord, RunningConsumer } from '@backbone/messaging';
import { pendingBatch } from '@backbone/views';
import type { ApplyItem, ViewReader, ViewStore, ViewWrite } from '@backbone/views';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { grantOf, routeEvent } from '../routing/routeEvent.ts';
import type { AggregateParties } from '../routing/routeEvent.ts';
import { routerMetrics } from './routerMetrics.ts';

/** The router's consumer group and the name of its small view (parties per aggregate, grant sponsors). */
export const INBOX_ROUTER = 'inbox-router';
const AGGREGATES = 'aggregates';
const GRANTS = 'grant-sponsors';
const VERSION = '1';

export interface InboxRouterOptions {
  readonly bus: Bus;
  /** Where the router keeps what it must remember to route later events (per-aggregate dedupe included). */
  readonly views: ViewStore;
  readonly registry?: EventRegistry;
  /** Context topics to route; default every context's topic. */
  readonly topics?: readonly string[];
  readonly metrics?: Registry;
  readonly logger?: Logger;
}

/** A record as copied to an inbox: the same key, headers and value. */
type RecordCopy = Pick<DeliveredRecord, 'key' | 'headers' | 'value'>;
const copyOf = ({ key, headers, value }: DeliveredRecord): RecordCopy => ({ key, headers, value });

type RouterOutcome = 'routed' | 'unrouted' | 'duplicate';

interface Routed {
  readonly departments: readonly string[];
  readonly item: ApplyItem;
}

export interface RunningInboxRouter {
  stop(): Promise<void>;
}

/**
 * Copies every event that concerns a department to `backbone.inbox.<department>.v1`, unchanged
 * (same key, headers and value: the same CloudEvent). The copies are published before the
 * router marks the event done, so a crash in between publishes them again: inboxes are at
 * least once, and their consumers deduplicate by (subject, streamversion) as on any topic.
 */
export async function startInboxRouter(options: InboxRouterOptions): Promise<RunningInboxRouter> {
  const { bus, views } = options;
  const registry = options.registry ?? createEventRegistry(allEventDefinitions);
  const metrics = routerMetrics(options.metrics);
  const logger = options.logger?.child({ component: INBOX_ROUTER });
  const ensured = new Set<string>();
  await views.ensureLive(INBOX_ROUTER, VERSION);
  const view = views.readerOf(INBOX_ROUTER, VERSION);

  /** Publishes each department's copies (in record order) to its inbox topic; all at once, so the embedded bus writes them in one commit (one fsync). */
  async function copyTo(copies: ReadonlyMap<string, readonly RecordCopy[]>): Promise<void> {
    const missing = [...copies.keys()].map(inboxTopic).filter((topic) => !ensured.has(topic));
    if (missing.length > 0) {
      await bus.ensureTopics(missing);
      for (const topic of missing) ensured.add(topic);
    }
    await Promise.all(
      [...copies].map(async ([department, records]) => {
        await bus.publish(inboxTopic(department), records);
        metrics.copied(department, records.length);
      }),
    );
  }

  /** Where a record goes and what the router must remember of it, read through `reader`; undefined for a duplicate. */
  async function route(record: DeliveredRecord, reader: ViewReader): Promise<Routed | undefined> {
    const envelope = registry.read(recordToEnvelope(record));
    const { context, name } = parseEventType(envelope.type)!;
    const subject = `${context}:${envelope.subject}`;
    if (((await reader.appliedVersion(subject)) ?? 0) >= envelope.streamversion) return undefined;
    const event = { context, name, data: envelope.data };
    const before = await reader.get<AggregateParties>(AGGREGATES, subject);
    const grantId = grantOf(event);
    const sponsor = grantId ? (await reader.get<{ department: string }>(GRANTS, grantId))?.department : undefined;
    const routing = routeEvent(event, before, sponsor);
    const writes: ViewWrite[] = [];
    if (JSON.stringify(routing.next) !== JSON.stringify(before ?? {})) writes.push({ op: 'put', collection: AGGREGATES, id: subject, doc: routing.next });
    if (routing.grantSponsor) writes.push({ op: 'put', collection: GRANTS, id: routing.grantSponsor.grantId, doc: { department: routing.grantSponsor.department } });
    const mark = { subject, streamversion: envelope.streamversion, position: `${record.topic}:${record.partition}:${record.offset}` };
    return { departments: routing.departments, item: { mark, writes } };
  }

  async function handle(record: DeliveredRecord): Promise<void> {
    const routed = await route(record, view);
    if (!routed) return metrics.event('duplicate');
    await copyTo(new Map(routed.departments.map((department) => [department, [copyOf(record)]])));
    await views.apply(INBOX_ROUTER, VERSION, routed.item.mark, routed.item.writes);
    metrics.event(routed.departments.length > 0 ? 'routed' : 'unrouted');
  }

  /**
   * A chunk of records as `handle` would do them one by one, with one publish per inbox and one
   * apply: each record is routed through the chunk's pending writes (a later event of the same
   * aggregate sees what the earlier ones changed), then every copy is published, then the marks
   * move. If it throws, the bus hands the records to `handle` one at a time: copies already
   * published go out again, as after a crash (inboxes are at least once).
   */
  async function handleBatch(records: readonly DeliveredRecord[]): Promise<void> {
    const pending = pendingBatch(view);
    // Applied as items, not as the pending net: each is checked against its aggregate's mark on its own.
    const items: ApplyItem[] = [];
    const copies = new Map<string, RecordCopy[]>();
    const outcomes: RouterOutcome[] = [];
    for (const record of records) {
      const routed = await route(record, pending.reader);
      if (!routed) {
        outcomes.push('duplicate');
        continue;
      }
      for (const department of routed.departments) {
        const list = copies.get(department);
        if (list) list.push(copyOf(record));
        else copies.set(department, [copyOf(record)]);
      }
      await pending.add(routed.item);
      items.push(routed.item);
      outcomes.push(routed.departments.length > 0 ? 'routed' : 'unrouted');
    }
    await copyTo(copies);
    if (items.length > 0) await views.applyBatch(INBOX_ROUTER, VERSION, items);
    for (const outcome of outcomes) metrics.event(outcome);
  }

  const topics = options.topics ?? CONTEXTS.map(contextTopic);
  const consumer: RunningConsumer = await bus.subscribe({
    group: INBOX_ROUTER,
    topics,
    async handle(record) {
      try {
        await handle(record);
      } catch (error) {
        logger?.warn({ err: error, topic: record.topic, partition: record.partition, offset: record.offset, attempt: record.attempt }, 'could not route a record');
        throw error;
      }
    },
    handleBatch,
  });
  logger?.info({ topics }, 'inbox router started');
  return { stop: () => consumer.stop() };
}
