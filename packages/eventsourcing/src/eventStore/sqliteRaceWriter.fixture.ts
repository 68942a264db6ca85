/**
 * Test fixture run as a child process by `sqliteEventStore.int.spec.ts`: waits until the
 * given instant, then appends one event at expected version 1 and prints `won` or `conflict`.
 * Usage: node --import tsx sqliteRaceWriter.fixture.ts <file> <stream> <startAtMs>
 */
import { randomUUID } from 'node:crypto';
import { VersionConflictError } from './eventStore.ts';
import { createSqliteEventStore } from './sqliteEventStore.ts';

const [file, stream, startAt] = process.argv.slice(2);
if (!file || !stream || !startAt) throw new Error('usage: sqliteRaceWriter.fixture.ts <file> <stream> <startAtMs>');

const store = createSqliteEventStore({ path: file });
while (Date.now() < Number(startAt)) {
  // Spin rather than sleep: the writers should reach the file in the same millisecond.
}
try {
  await store.append(
    stream,
    [
      {
        specversion: '1.0',
        id: randomUUID(),
        source: '/backbone/tasks',
        type: 'gov.backbone.tasks.ContractProbed.v1',
        time: new Date().toISOString(),
        subject: stream,
        datacontenttype: 'application/json',
        data: { pid: process.pid },
        correlationid: 'race',
        causationid: 'race',
        actor: 'system',
        streamversion: 2,
      },
    ],
    1,
  );
  process.stdout.write('won\n');
} catch (error) {
  if (!(error instanceof VersionConflictError)) throw error;
  process.stdout.write('conflict\n');
} finally {
  await store.close();
}
