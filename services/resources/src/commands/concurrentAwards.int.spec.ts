import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import type { EventData, GrantAwarded } from '@backbone/contracts';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import { afterAll, describe, expect, it } from 'vitest';
import { describePool } from '../domain/index.ts';
import { CLOSES, COORDINATING, FIELD, NOW, OPENS, REVIEWER_DEPARTMENT, SCORES, SPONSOR, WEIGHTS, directory } from '../domain/testing/resourceFixtures.ts';
import { createResourceCommands } from './resourceCommands.ts';
import { createResourceHandlers } from './resourceHandlers.ts';
import { RACE_REQUESTED_FEN } from './testing/raceAmount.ts';

// The child is node itself with tsx's loader (not the tsx launcher, which runs the script in a
// grandchild): a SIGKILL must reach the process doing the work.
const tsxLoader = createRequire(import.meta.url).resolve('tsx');
const racer = fileURLToPath(new URL('./testing/awardRacer.ts', import.meta.url));

const WORKERS = 4;
const ATTEMPTS_PER_WORKER = 250;
const IN_FLIGHT = 4;
const APPLICATIONS = 200;
/** Room for about fifty awards of 7 000–13 000 fen: most of the thousand attempts must be refused. */
const BUDGET_FEN = 500_000;

interface RacerResult {
  readonly worker: number;
  readonly won: number;
  readonly wonFen: number;
  readonly refused: Record<string, number>;
}

interface Racer {
  /** Resolves once the racer has opened the store and waits for the start. */
  readonly ready: Promise<void>;
  start(): void;
  readonly result: Promise<RacerResult>;
}

function spawnRacer(args: readonly string[]): Racer {
  const child = spawn(process.execPath, ['--import', pathToFileURL(tsxLoader).href, racer, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const result = new Promise<RacerResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as RacerResult);
      else reject(new Error(`award racer exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.startsWith('ready\n')) resolve();
    });
    result.catch(reject);
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  return { ready, result, start: () => void child.stdin.end('go\n') };
}

describe('concurrent awards from several processes on one call (real SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resources-race-'));
  const file = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`never overspends: ${WORKERS * ATTEMPTS_PER_WORKER} award attempts from ${WORKERS} processes`, async () => {
    const store = createSqliteEventStore({ path: file });
    const registry = createEventRegistry(allEventDefinitions);
    const handlers = createResourceHandlers({ store, registry, clock: () => NOW, newId: randomUUID });
    const commands = createResourceCommands({ handlers, directory: async () => directory, clock: () => NOW, newId: randomUUID });
    try {
      const as = (actor: string) => ({ actor });
      const { id: poolId } = await commands.openPool({ name: 'Race' }, as(COORDINATING));
      await commands.contributeFunds(poolId, { amountFen: 600_000 }, as(SPONSOR));
      const call = { poolId, field: FIELD, budgetFen: BUDGET_FEN, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS };
      const { id: callId } = await commands.openCall(call, as(COORDINATING));
      const applications: string[] = [];
      for (let i = 0; i < APPLICATIONS; i++) {
        const body = { applicantOrganisationId: `org-${i}`, field: FIELD, title: `Project ${i}`, requestedFen: RACE_REQUESTED_FEN };
        const { id } = await commands.submitApplication(callId, body, as(SPONSOR));
        await commands.scoreApplication(id, { reviewerId: 'reviewer-1', scores: SCORES }, as(REVIEWER_DEPARTMENT));
        applications.push(id);
      }
      const applicationsFile = join(dir, 'applications.json');
      writeFileSync(applicationsFile, JSON.stringify(applications));

      const racers = Array.from({ length: WORKERS }, (_, w) =>
        spawnRacer([file, applicationsFile, String(w), String(ATTEMPTS_PER_WORKER), String(IN_FLIGHT)]),
      );
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.start();
      const results = await Promise.all(racers.map((r) => r.result));

      const won = results.reduce((n, r) => n + r.won, 0);
      const wonFen = results.reduce((n, r) => n + r.wonFen, 0);
      const refused: Record<string, number> = {};
      for (const r of results) for (const [why, n] of Object.entries(r.refused)) refused[why] = (refused[why] ?? 0) + n;
      const refusals = Object.values(refused).reduce((a, b) => a + b, 0);
      console.info(`award race: ${won} won (${wonFen} of ${BUDGET_FEN} fen; per process ${results.map((r) => r.won).join("/")}), ${refusals} refused`, refused);

      // Every attempt has an outcome; several processes really won.
      expect(won + refusals).toBe(WORKERS * ATTEMPTS_PER_WORKER);
      expect(results.filter((r) => r.won > 0).length).toBeGreaterThan(1);
      expect(refused['award-within-call-budget']).toBeGreaterThan(0);

      // What the log holds agrees with what the racers were told, and never exceeds the budget.
      const { state, events } = await handlers.pools.load(poolId);
      if (state.status === 'none') throw new Error('the pool is gone');
      const awards = events
        .map((e) => registry.read(e.envelope))
        .filter((e) => e.type.endsWith('.GrantAwarded.v1'))
        .map((e) => e.data as EventData<typeof GrantAwarded>);
      expect(awards).toHaveLength(won);
      const awardedFen = awards.reduce((n, a) => n + a.amountFen, 0);
      expect(awardedFen).toBe(wonFen);
      expect(awardedFen).toBeLessThanOrEqual(BUDGET_FEN);
      expect(new Set(awards.map((a) => a.applicationId)).size).toBe(awards.length);
      const pool = describePool(state);
      expect(pool.calls[0]).toMatchObject({ budgetFen: BUDGET_FEN, awardedFen, remainingFen: BUDGET_FEN - awardedFen });
      expect(pool.uncommittedFen).toBe(600_000 - awardedFen);
      expect(pool.uncommittedFen).toBeGreaterThanOrEqual(0);
      // The call was fought down to less than the largest attempt.
      expect(BUDGET_FEN - awardedFen).toBeLessThan(RACE_REQUESTED_FEN);
    } finally {
      await store.close();
    }
  });
});
