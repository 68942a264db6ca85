/**
 * Test fixture run as a child process by `seedDirectoryIfEmpty.int.spec.ts`: waits until the
 * given instant, seeds the directory in `file` from config/reference.json and prints the outcome.
 * Usage: node --import tsx seedRace.fixture.ts <file> <startAtMs>
 */
import { openDirectoryHandler, shippedConfig } from '../testing/directoryFixture.ts';
import { seedDirectoryIfEmpty } from './seedDirectoryIfEmpty.ts';

const [file, startAt] = process.argv.slice(2);
if (!file || !startAt) throw new Error('usage: seedRace.fixture.ts <file> <startAtMs>');

const opened = openDirectoryHandler(file);
const config = shippedConfig();
while (Date.now() < Number(startAt)) {
  // Spin rather than sleep: the seeders should reach the file in the same millisecond.
}
try {
  process.stdout.write(`${JSON.stringify(await seedDirectoryIfEmpty({ handler: opened.handler, config }))}\n`);
} finally {
  await opened.close();
}
