/**
 * Test fixture run as a child process by `concurrentAwards.int.spec.ts`: its own command
 * handler over the shared SQLite event store file, racing awards on one call. Prints `ready`
 * once its store is open, waits for a line on stdin (the start signal, sent to every racer at
 * once), then makes `attempts` award attempts (`inFlight` at a time) and prints one JSON line:
 * how many it won, for how much, and why the others were refused.
 * Usage: node --import tsx awardRacer.ts <eventsFile> <applicationsJson> <worker> <attempts> <inFlight>
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BackboneError, allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import { COORDINATING, ENDS, NOW, directory } from '../../domain/testing/resourceFixtures.ts';
import { createResourceCommands } from '../resourceCommands.ts';
import { createResourceHandlers } from '../resourceHandlers.ts';
import { raceAmount } from './raceAmount.ts';

const [file, applicationsFile, worker, attempts, inFlight] = process.argv.slice(2);
if (!file || !applicationsFile || !worker || !attempts || !inFlight) throw new Error('usage: awardRacer.ts <file> <applications> <worker> <attempts> <inFlight>');

const applications = JSON.parse(readFileSync(applicationsFile, 'utf8')) as string[];
const store = createSqliteEventStore({ path: file, busyTimeoutMs: 30_000 });
const handlers = createResourceHandlers({ store, registry: createEventRegistry(allEventDefinitions), clock: () => NOW, newId: randomUUID });
const commands = createResourceCommands({ handlers, directory: async () => directory, clock: () => NOW, newId: randomUUID });

const result = { worker: Number(worker), won: 0, wonFen: 0, refused: {} as Record<string, number> };
let next = 0;
async function racer(): Promise<void> {
  for (let k = next++; k < Number(attempts); k = next++) {
    // Every worker walks the applications from its own offset, so the same application is fought over.
    const attempt = Number(worker) * Number(attempts) + k;
    const applicationId = applications[(k * 7 + Number(worker) * 13) % applications.length]!;
    const amountFen = raceAmount(attempt);
    try {
      await commands.awardGrant(applicationId, { amountFen, endsAt: ENDS }, { actor: COORDINATING });
      result.won += 1;
      result.wonFen += amountFen;
    } catch (error) {
      if (!(error instanceof BackboneError)) throw error;
      const why = error.rule ?? error.code;
      result.refused[why] = (result.refused[why] ?? 0) + 1;
    }
  }
}

// Warm up the path (module loading, first reads) before the start, so that the racers really overlap.
await handlers.applications.load(applications[0]!);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
try {
  await Promise.all(Array.from({ length: Number(inFlight) }, racer));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await store.close();
}
