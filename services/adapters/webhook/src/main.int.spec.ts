import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envWithoutBus, eventually, progressOf, SECRET, useWebhookFixture } from './delivery/webhook.fixture.ts';

const WEBHOOK_PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

describe('the webhook adapter process', () => {
  const fixture = useWebhookFixture();

  it('delivers from its environment, and on SIGTERM stops cleanly with exit code 0', async () => {
    const department = fixture.aDepartment();
    const receiver = await fixture.receiver();
    const bus = fixture.bus();
    const child = spawn(TSX, ['src/main.ts'], {
      cwd: WEBHOOK_PACKAGE,
      env: { ...envWithoutBus(), DEPARTMENT: department, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, BUS_PATH: bus.kind === 'embedded' ? bus.path : '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await eventually('the adapter to run', () => log.includes('webhook adapter running'), 30_000);
      await fixture.publish(department, [progressOf('task-1', department, 10, 3)]);
      await eventually('the delivery', () => receiver.accepted.length === 1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log).toContain('"msg":"adapter stopped"');
  }, 60_000);
});
