import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackboneError } from '@backbone/contracts';
import { DIRECTORY_ID } from '../domain/state.ts';
import { listDepartments } from '../domain/state.ts';
import { openDirectoryFixture, shippedConfig } from '../testing/directoryFixture.ts';
import type { DirectoryFixture } from '../testing/directoryFixture.ts';
import { seedDirectoryIfEmpty } from './seedDirectoryIfEmpty.ts';

const SEEDED_VERSION = 21;
const config = shippedConfig();

let fixture: DirectoryFixture;
beforeEach(() => {
  fixture = openDirectoryFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe('seedDirectoryIfEmpty', () => {
  it('seeds an empty directory as system, then does nothing', async () => {
    expect(await seedDirectoryIfEmpty({ handler: fixture.handler, config })).toEqual({ seeded: true, version: SEEDED_VERSION });
    expect(await seedDirectoryIfEmpty({ handler: fixture.handler, config })).toEqual({ seeded: false, version: SEEDED_VERSION });
    const events = await fixture.store.readStream(DIRECTORY_ID);
    expect(events).toHaveLength(SEEDED_VERSION);
    expect(new Set(events.map((e) => e.envelope.actor))).toEqual(new Set(['system']));
    const { state } = await fixture.handler.load(DIRECTORY_ID);
    expect(listDepartments(state).filter((d) => d.coordinating).map((d) => d.id)).toEqual(['social-work']);
  });

  it('leaves a directory changed since its seeding alone, even with another config', async () => {
    await seedDirectoryIfEmpty({ handler: fixture.handler, config });
    await fixture.handler.handle({
      aggregateId: DIRECTORY_ID,
      command: { type: 'registerField', actor: 'social-work', data: { fieldId: 'elderly-care', name: 'Elderly care', placeholder: false } },
      actor: 'social-work',
    });
    const other = { ...config, fields: config.fields.slice(0, 1) };
    expect(await seedDirectoryIfEmpty({ handler: fixture.handler, config: other })).toEqual({
      seeded: false,
      version: SEEDED_VERSION + 1,
    });
  });

  it('seeds once when two seeders decide at the same time (the loser reloads and sees it seeded)', async () => {
    // Both seeders load the empty stream and decide; only then may either append.
    let arrived = 0;
    let release = () => {};
    const bothDecided = new Promise<void>((resolve) => (release = resolve));
    const barrier = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await bothDecided;
    };
    const outcomes = await Promise.all([
      seedDirectoryIfEmpty({ handler: fixture.another(barrier), config }),
      seedDirectoryIfEmpty({ handler: fixture.another(barrier), config }),
    ]);
    expect(arrived).toBeGreaterThanOrEqual(2);
    expect(outcomes.map((o) => o.seeded).sort()).toEqual([false, true]);
    expect(outcomes.map((o) => o.version)).toEqual([SEEDED_VERSION, SEEDED_VERSION]);
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('seeds once when three processes start at once', async () => {
    const fixtureFile = fileURLToPath(new URL('./seedRace.fixture.ts', import.meta.url));
    const startAt = String(Date.now() + 1500);
    const runs = await Promise.all(
      [1, 2, 3].map(() => promisify(execFile)(process.execPath, ['--import', 'tsx', fixtureFile, fixture.file, startAt])),
    );
    const outcomes = runs.map((run) => JSON.parse(run.stdout.trim()) as { seeded: boolean; version: number });
    expect(outcomes.filter((o) => o.seeded)).toHaveLength(1);
    expect(outcomes.every((o) => o.version === SEEDED_VERSION)).toBe(true);
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('still refuses a config the decider rejects', async () => {
    const bad = { ...config, departments: config.departments.map((d) => ({ ...d, coordinating: false })) };
    await expect(seedDirectoryIfEmpty({ handler: fixture.handler, config: bad })).rejects.toBeInstanceOf(BackboneError);
    expect(await fixture.streamVersion()).toBe(0);
  });
});
