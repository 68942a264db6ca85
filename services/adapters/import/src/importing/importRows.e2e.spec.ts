import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommandClient } from '@backbone/adapter-sdk';
import type { CommandClient } from '@backbone/adapter-sdk';
import { loadConfig, startBackbone } from '@backbone/service-backbone';
import type { RunningBackbone } from '@backbone/service-backbone';
import { createDevKeyStore, issueToken } from '@backbone/service-kit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskProgressMapping } from '../mappings/taskProgress.ts';
import { importRows } from './importRows.ts';

const REFERENCE_CONFIG = fileURLToPath(new URL('../../../../../config/reference.json', import.meta.url));
const IMPORT_PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../../node_modules/.bin/tsx', import.meta.url));
const due = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

describe('importing progress reports into the embedded backbone', () => {
  let dataDir: string;
  let backbone: RunningBackbone;
  let civilToken: string;
  let civil: CommandClient;
  let coordinating: CommandClient;
  const tasks: string[] = [];
  let csv: string;

  const versions = async () => Promise.all(tasks.map(async (id) => (await coordinating.task(id)).version));
  const progressOf = async (id: string) =>
    (await coordinating.history(id)).events
      .filter((e) => e.type === 'gov.backbone.tasks.TaskProgressReported.v1')
      .map((e) => e.data as Readonly<Record<string, unknown>>);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
    backbone = await startBackbone(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', REFERENCE_CONFIG }), pino({ level: 'silent' }));
    const config = loadConfig({ DATA_DIR: dataDir });
    const keys = createDevKeyStore(join(dataDir, 'keys'));
    const tokenFor = (department: string) => issueToken({ department, keys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: 600 });
    civilToken = await tokenFor('civil-affairs');
    coordinating = createCommandClient({ baseUrl: backbone.url, token: await tokenFor('social-work') });
    civil = createCommandClient({ baseUrl: backbone.url, token: civilToken });
    const science = createCommandClient({ baseUrl: backbone.url, token: await tokenFor('science-technology') });
    for (let n = 0; n < 100 && (await fetch(`${backbone.url}/readyz`)).status !== 200; n++) await new Promise((r) => setTimeout(r, 100));

    for (const [lead, client] of [['civil-affairs', civil], ['civil-affairs', civil], ['science-technology', science]] as const) {
      const { id } = await coordinating.createTask({ title: `Volunteer service hours (${lead})`, field: 'new-employment-groups', dueDate: due() });
      await coordinating.assign(id, { lead });
      await client.accept(id);
      tasks.push(id);
    }
    const [t1, t2, t3] = tasks;
    csv = [
      'taskId,percent,note,decreaseReason',
      `${t1},20,"Districts 1, 2 done",`,
      `${t2},30,,`,
      `${t1},45,"Riders said ""half way""",`,
      `${t3},10,not our task,`,
      `task-unknown,10,,`,
      `${t1},140,,`,
      `${t2},3`,
      `${t2},20,,`,
      `${t2},30,,`,
      `${t2},25,,"venue closed, hours recounted"`,
      `${t1},"50`,
      '',
    ].join('\n');
  }, 60_000);
  afterAll(async () => {
    await backbone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies the good rows, each whole, and reports every bad row with its reason', async () => {
    const before = await versions();
    const steps: number[] = [];
    const report = await importRows({ format: 'csv', text: csv, mapping: taskProgressMapping, client: civil, onProgress: (done) => steps.push(done) });

    expect(report).toMatchObject({ rows: 11, accepted: 4, duplicates: 1 });
    expect(report.rejected.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [5, 'forbidden (only-assignee-reports-progress)'],
      [6, 'not_found (task-not-found)'],
      [7, 'invalid row'],
      [8, 'expected 4 fields, found 2'],
      [9, 'rule_violation (progress-never-backwards-without-reason)'],
      [12, 'unterminated quoted field'],
    ]);
    expect(report.rejected[2]!.reason).toContain('percent');
    expect(steps.at(-1)).toBe(11);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));

    expect(await versions()).toEqual([before[0]! + 2, before[1]! + 2, before[2]!]);
    expect(await progressOf(tasks[0]!)).toEqual([
      { department: 'civil-affairs', percent: 20, note: 'Districts 1, 2 done' },
      { department: 'civil-affairs', percent: 45, note: 'Riders said "half way"' },
    ]);
    expect((await progressOf(tasks[1]!)).map((d) => [d.percent, d.decreaseReason])).toEqual([
      [30, undefined],
      [25, 'venue closed, hours recounted'],
    ]);
  });

  it('writes nothing new when the same rows come again, as the same CSV or as JSON Lines', async () => {
    const before = await versions();
    const again = await importRows({ format: 'csv', text: csv, mapping: taskProgressMapping, client: civil });
    expect(again).toMatchObject({ accepted: 4, duplicates: 1 });
    expect(again.rejected.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 12]);

    const [t1, t2] = tasks;
    const jsonl = [
      JSON.stringify({ taskId: t1, percent: 20, note: 'Districts 1, 2 done' }),
      JSON.stringify({ taskId: t2, percent: 30 }),
      JSON.stringify({ taskId: t1, percent: 45, note: 'Riders said "half way"' }),
      JSON.stringify({ taskId: t2, percent: 25, decreaseReason: 'venue closed, hours recounted' }),
      '{"taskId": "oops", "percent": 10, "hours": 3}',
      'not json',
    ].join('\n');
    const fromJsonLines = await importRows({ format: 'jsonl', text: jsonl, mapping: taskProgressMapping, client: civil });
    expect(fromJsonLines).toMatchObject({ rows: 6, accepted: 4 });
    expect(fromJsonLines.rejected).toEqual([
      { line: 5, reason: expect.stringMatching(/^invalid row: .*hours/) },
      { line: 6, reason: 'not a JSON value' },
    ]);
    expect(await versions()).toEqual(before);
  });

  it('refuses a file whose header does not fit before sending anything', async () => {
    const before = await versions();
    await expect(importRows({ format: 'csv', text: `taskId,percent,hours\n${tasks[0]},90,3\n`, mapping: taskProgressMapping, client: civil })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('unknown column(s) hours'),
    });
    expect(await versions()).toEqual(before);
  });

  it('runs from the command line with a progress bar and a report file of the rejected rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(dir, 'export.csv'), csv);
      const run = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(TSX, ['src/cli/importFile.ts', 'export.csv', '--report', 'rejected.jsonl'], {
          cwd: IMPORT_PACKAGE,
          env: { ...process.env, INIT_CWD: dir, BACKBONE_URL: backbone.url, BACKBONE_TOKEN: civilToken },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('close', (code) => resolve({ code, out, err }));
      });
      expect(run.code).toBe(1);
      expect(run.out).toContain('11 row(s): 4 accepted, 1 repeated in the file, 6 rejected');
      expect(run.err).toContain('100% 11/11');
      expect(run.err).toContain('line 6: not_found');
      const lines = readFileSync(join(dir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number });
      expect(lines.map((l) => l.line)).toEqual([5, 6, 7, 8, 9, 12]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
