import { randomUUID } from 'node:crypto';
import type { Envelope } from '@backbone/contracts';
import type { Projection } from '../projections/projection.ts';
import type { ViewWrite } from '../viewStore/viewStore.ts';

/** The document the example projection keeps per aggregate. */
export interface SubjectSummary {
  readonly subject: string;
  readonly count: number;
  readonly lastType: string;
}

/**
 * An example projection for the tests: counts events in total and per aggregate, keeps a
 * summary document per aggregate (read back from the view it builds) and a set of aggregates.
 */
export function eventsPerSubjectProjection(name: string, topics: readonly string[]): Projection {
  return {
    name,
    topics,
    async project(event, view): Promise<ViewWrite[]> {
      if (event.type.endsWith('.Ignored.v1')) return [];
      if (event.type.endsWith('.Exploded.v1')) throw new Error(`cannot project ${event.id}`);
      const before = await view.get<SubjectSummary>('subjects', event.subject);
      const summary: SubjectSummary = { subject: event.subject, count: (before?.count ?? 0) + 1, lastType: event.type };
      return [
        { op: 'increment', counter: 'events', by: 1 },
        { op: 'increment', counter: `events:${event.subject}`, by: 1 },
        { op: 'put', collection: 'subjects', id: event.subject, doc: summary },
        { op: 'addToSet', set: 'subjects', member: event.subject },
      ];
    },
  };
}

/** A valid envelope of `gov.backbone.<context>.<name>.v1` for aggregate `subject` at `streamversion`. */
export function testEnvelope(context: string, name: string, subject: string, streamversion: number, time = new Date()): Envelope {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `/backbone/${context}`,
    type: `gov.backbone.${context}.${name}.v1`,
    time: time.toISOString(),
    subject,
    datacontenttype: 'application/json',
    data: { n: streamversion },
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actor: 'system',
    streamversion,
  };
}
