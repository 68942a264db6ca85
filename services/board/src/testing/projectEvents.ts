import type { Envelope } from '@backbone/contracts';
import { markOf } from '@backbone/views';
import type { Projection, ViewStore } from '@backbone/views';

/**
 * Applies envelopes to one version of a projection's views as the runtime does: project
 * against that version, then apply the writes with the event's dedupe mark. Returns how many applied.
 */
export async function projectEvents(
  store: ViewStore,
  projection: Projection,
  version: string,
  envelopes: readonly Envelope[],
): Promise<number> {
  let applied = 0;
  for (const envelope of envelopes) {
    const writes = await projection.project(envelope, store.readerOf(projection.name, version));
    if (await store.apply(projection.name, version, markOf(envelope), writes)) applied += 1;
  }
  return applied;
}
