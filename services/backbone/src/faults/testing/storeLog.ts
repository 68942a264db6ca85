import { parseEventType } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { createSqliteEventStore } from '@backbone/eventsourcing';

/** The shared SQLite event log as the suite reads it on its own connection, independently of the processes. */
export interface StoreLog {
  /** Reads what was appended since the last refresh. */
  refresh(): Promise<void>;
  /** Every event read so far, in log order. */
  events(): readonly Envelope[];
  /** The event with this id, if the log holds it. */
  byId(eventId: string): Envelope | undefined;
  /** The highest stream version of every aggregate whose events are of `context` (e.g. `tasks`). */
  streamVersions(context: string): Map<string, number>;
  close(): Promise<void>;
}

const PAGE = 1000;

/** Opens the log file the backbone processes share (WAL: reading never blocks them). */
export function openStoreLog(path: string): StoreLog {
  const store = createSqliteEventStore({ path });
  const events: Envelope[] = [];
  const byId = new Map<string, Envelope>();
  let position: number | undefined;
  return {
    async refresh() {
      for (;;) {
        const page = await store.readAll({ after: position, limit: PAGE });
        for (const stored of page) {
          events.push(stored.envelope);
          byId.set(stored.envelope.id, stored.envelope);
          position = stored.position;
        }
        if (page.length < PAGE) return;
      }
    },
    events: () => events,
    byId: (eventId) => byId.get(eventId),
    streamVersions(context) {
      const versions = new Map<string, number>();
      for (const event of events) {
        if (parseEventType(event.type)?.context === context) versions.set(event.subject, Math.max(versions.get(event.subject) ?? 0, event.streamversion));
      }
      return versions;
    },
    close: () => store.close(),
  };
}
