// The audit trail end to end: events written through the embedded backbone, then
// `pnpm backbone verify-audit` as a real process, before and after one stored event is altered
// directly in the SQLite file.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteDatabase } from '@backbone/eventsourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './testing/malformedInput.ts';
import { startSecurityBackbone } from './testing/securityBackbone.ts';
import type { SecurityBackbone } from './testing/securityBackbone.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface CliRun {
  readonly code: number;
  readonly output: string;
}

/** Runs `pnpm backbone verify-audit` against `dataDir` in embedded mode, whatever servers the test environment names. */
function verifyAudit(dataDir: string): Promise<CliRun> {
  const { KAFKA_BROKERS: _k, REDIS_URL: _r, EVENT_STORE_URL: _e, KEYS_DIR: _d, ...env } = process.env;
  return new Promise((resolve) => {
    execFile('pnpm', ['--silent', 'backbone', 'verify-audit'], { cwd: ROOT, env: { ...env, DATA_DIR: dataDir }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('pnpm backbone verify-audit', () => {
  let backbone: SecurityBackbone;
  let taskId: string;

  beforeAll(async () => {
    backbone = await startSecurityBackbone();
    const as = async (department: string) => ({ authorization: `Bearer ${await backbone.token(department)}`, 'content-type': 'application/json' });
    const coordinating = await as(backbone.directory.coordinating);
    const dueDate = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const field = backbone.directory.fields[0]!;
    const created = await send(backbone.url, { method: 'POST', path: '/api/tasks', headers: coordinating, body: JSON.stringify({ title: 'Audit me', field, dueDate }) });
    expect(created.status, created.text).toBe(201);
    taskId = (JSON.parse(created.text) as { id: string }).id;
    const steps: [string, Record<string, string>, object][] = [
      [`/api/tasks/${taskId}/assignments`, coordinating, { lead: 'civil-affairs', supporting: ['science-technology'] }],
      [`/api/tasks/${taskId}/accept`, await as('civil-affairs'), {}],
      [`/api/tasks/${taskId}/progress`, await as('civil-affairs'), { percent: 40, note: 'first visits done' }],
    ];
    for (const [path, headers, body] of steps) {
      const answer = await send(backbone.url, { method: 'POST', path, headers, body: JSON.stringify(body) });
      expect(answer.status, `${path}: ${answer.text}`).toBe(200);
    }
    await backbone.halt();
  });

  afterAll(async () => {
    await backbone?.stop();
  });

  it('reports an untouched log intact', async () => {
    const run = await verifyAudit(backbone.dataDir);
    expect(run.output).toMatch(/audit chain intact: \d+ events in \d+ streams/);
    expect(run.code, run.output).toBe(0);
  });

  it("exits 1 and names the stream and version after one stored event's data is changed", async () => {
    const db = openSqliteDatabase({ path: join(backbone.dataDir, 'events.db') });
    let tamperedId: string;
    try {
      const row = db.prepare<[string], { envelope: string }>('SELECT envelope FROM events WHERE stream = ? AND stream_version = 2').get(taskId);
      expect(row).toBeDefined();
      const envelope = JSON.parse(row!.envelope) as { id: string; data: Record<string, unknown> };
      tamperedId = envelope.id;
      // The assignment now names another lead: exactly the edit an insider would want to hide.
      const forged = { ...envelope, data: { ...envelope.data, lead: 'department-7' } };
      expect(JSON.stringify(forged.data)).not.toBe(JSON.stringify(envelope.data));
      db.prepare('UPDATE events SET envelope = ? WHERE event_id = ?').run(JSON.stringify(forged), tamperedId);
    } finally {
      db.close();
    }

    const run = await verifyAudit(backbone.dataDir);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(`audit chain BROKEN in stream ${taskId} at version 3`);
    expect(run.output).toContain(`hash of event ${tamperedId} (streamversion 2)`);
  });
});
