import type { Envelope } from '@backbone/contracts';
import type { ViewReader, ViewWrite } from '../viewStore/viewStore.ts';

/**
 * A projection turns one event into view writes. It may read the version it is building
 * (e.g. the task's previous status, to move a board counter), but it never writes directly:
 * the runtime applies the returned writes atomically with the event's dedupe mark.
 *
 * Events of one aggregate arrive in `streamversion` order (one key, one partition); a
 * projection must only rely on that, never on order across aggregates — which is why the
 * board keeps counters (commutative increments) and per-aggregate documents.
 *
 * `project` must not change the documents it reads, nor the writes it returned: in a batch, a
 * read of a document an earlier event of the batch wrote gets that very object, frozen.
 */
export interface Projection {
  /** Stable name; also the consumer group `projection.<name>` and the view key prefix. */
  readonly name: string;
  /** The topics it consumes (context topics). */
  readonly topics: readonly string[];
  /**
   * True when `project` reads and puts only documents of the event's own aggregate (counters and
   * set members aside: their changes commute). The partitions of its topics are then projected at
   * the same time, each still in order, so one partition's wait for the view store is another's
   * time to project. Leave it unset when an event may read or write a document that events of
   * other aggregates write too.
   */
  readonly ownAggregateOnly?: boolean;
  /** Returns the writes for one event; `[]` for events it ignores. */
  readonly project: (event: Envelope, view: ViewReader) => Promise<ViewWrite[]>;
}
