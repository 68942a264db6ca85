import { contextTopic } from '@backbone/contracts';
import type { EventStore } from '@backbone/eventsourcing';
import { markOf } from '@backbone/views';
import type { Projection, ViewStore } from '@backbone/views';

// Test-only: what the projection runtime does, without a bus.

/** Projects every event of `store` after `after` into version `1` of each projection; returns the last position. */
export async function projectAll(store: EventStore, views: ViewStore, projections: readonly Projection[], after?: number): Promise<number | undefined> {
  let position = after;
  for (const projection of projections) await views.ensureLive(projection.name, '1');
  for (;;) {
    const page = await store.readAll({ ...(position === undefined ? {} : { after: position }), limit: 500 });
    if (page.length === 0) return position;
    for (const { envelope, position: at } of page) {
      for (const projection of projections) {
        if (!projection.topics.includes(contextTopic(envelope.source.slice('/backbone/'.length)))) continue;
        const writes = await projection.project(envelope, views.readerOf(projection.name, '1'));
        await views.apply(projection.name, '1', markOf(envelope, String(at)), writes);
      }
      position = at;
    }
  }
}
