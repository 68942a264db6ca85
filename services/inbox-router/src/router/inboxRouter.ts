import { CONTEXTS, contextTopic, createEventRegistry, allEventDefinitions, inboxTopic, parseEventType } from '@backbone/contracts';
import type { EventRegistry } from '@backbone/contracts';
import { recordToEnvelope } from '@backbone/messaging';
import type { Bus, DeliveredRecord, RunningConsumer } from '@backbone/messaging';
import type { ViewStore, ViewWrite } from '@backbone/views';
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

  async function copyTo(departments: readonly string[], record: DeliveredRecord): Promise<void> {
    const topics = departments.map(inboxTopic);
    const missing = topics.filter((topic) => !ensured.has(topic));
    if (missing.length > 0) {
      await bus.ensureTopics(missing);
      for (const topic of missing) ensured.add(topic);
    }
    const copy = { key: record.key, headers: record.headers, value: record.value };
    // All at once: the embedded bus then writes them in one commit (one fsync), not one each.
    await Promise.all(
      topics.map(async (topic, index) => {
        await bus.publish(topic, [copy]);
        metrics.copied(departments[index]!);
      }),
    );
  }

  async function handle(record: DeliveredRecord): Promise<void> {
    const envelope = registry.read(recordToEnvelope(record));
    const { context, name } = parseEventType(envelope.type)!;
    const subject = `${context}:${envelope.subject}`;
    if (((await view.appliedVersion(subject)) ?? 0) >= envelope.streamversion) {
      metrics.event('duplicate');
      return;
    }
    const event = { context, name, data: envelope.data };
    const before = await view.get<AggregateParties>(AGGREGATES, subject);
    const grantId = grantOf(event);
    const sponsor = grantId ? (await view.get<{ department: string }>(GRANTS, grantId))?.department : undefined;
    const routing = routeEvent(event, before, sponsor);

    await copyTo(routing.departments, record);
    const writes: ViewWrite[] = [];
    if (JSON.stringify(routing.next) !== JSON.stringify(before ?? {})) writes.push({ op: 'put', collection: AGGREGATES, id: subject, doc: routing.next });
    if (routing.grantSponsor) writes.push({ op: 'put', collection: GRANTS, id: routing.grantSponsor.grantId, doc: { department: routing.grantSponsor.department } });
    await views.apply(INBOX_ROUTER, VERSION, { subject, streamversion: envelope.streamversion, position: `${record.topic}:${record.partition}:${record.offset}` }, writes);
    metrics.event(routing.departments.length > 0 ? 'routed' : 'unrouted');
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
  });
  logger?.info({ topics }, 'inbox router started');
  return { stop: () => consumer.stop() };
}
