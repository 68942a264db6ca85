import { randomUUID } from 'node:crypto';
import type { Envelope } from '@backbone/contracts';
import type { EventStore } from '@backbone/eventsourcing';

const CONTEXTS = [
  { context: 'tasks', type: 'gov.backbone.tasks.TaskProgressReported.v1' },
  { context: 'resources', type: 'gov.backbone.resources.FundContributed.v1' },
  { context: 'talent', type: 'gov.backbone.talent.TrainingCompleted.v1' },
] as const;

/** Envelopes for one aggregate of a context, numbered from `fromVersion`. */
export function sampleStream(aggregate: string, contextIndex: number, count: number, fromVersion = 1): Envelope[] {
  const { context, type } = CONTEXTS[contextIndex % CONTEXTS.length]!;
  return Array.from({ length: count }, (_, i) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: `/backbone/${context}`,
    type,
    time: new Date(Date.UTC(2025, 2, 14, 8, 0, fromVersion + i)).toISOString(),
    subject: aggregate,
    datacontenttype: 'application/json',
    data: { n: fromVersion + i },
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actor: 'system',
    streamversion: fromVersion + i,
  }));
}

/**
 * Appends `total` events spread over `streams` aggregates (round robin across three contexts),
 * interleaved in the global log; returns the stored envelopes by aggregate, in stream order.
 */
export async function appendSampleEvents(store: EventStore, total: number, streams: number): Promise<Map<string, Envelope[]>> {
  const byAggregate = new Map<string, Envelope[]>();
  const aggregates = Array.from({ length: streams }, () => `agg-${randomUUID()}`);
  for (let i = 0; i < total; i++) {
    const index = i % streams;
    const aggregate = aggregates[index]!;
    const history = byAggregate.get(aggregate) ?? [];
    const [envelope] = sampleStream(aggregate, index, 1, history.length + 1);
    await store.append(aggregate, [envelope!], history.length);
    history.push(envelope!);
    byAggregate.set(aggregate, history);
  }
  return byAggregate;
}
