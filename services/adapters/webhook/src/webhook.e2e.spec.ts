import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommandClient } from '@backbone/adapter-sdk';
import type { Adapter } from '@backbone/adapter-sdk';
import { loadConfig, startBackbone } from '@backbone/service-backbone';
import type { RunningBackbone } from '@backbone/service-backbone';
import { createDevKeyStore, issueToken } from '@backbone/service-kit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookAdapter } from './delivery/webhookAdapter.ts';
import { startReceiver } from './delivery/receiver.fixture.ts';
import type { Receiver } from './delivery/receiver.fixture.ts';
import { eventually, SECRET } from './delivery/webhook.fixture.ts';

const REFERENCE_CONFIG = fileURLToPath(new URL('../../../../config/reference.json', import.meta.url));

describe('a department webhook on the embedded backbone', () => {
  let dataDir: string;
  let backbone: RunningBackbone;
  let receiver: Receiver;
  let adapter: Adapter;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'webhook-e2e-'));
    backbone = await startBackbone(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', REFERENCE_CONFIG }), pino({ level: 'silent' }));
    receiver = await startReceiver(SECRET);
    adapter = createWebhookAdapter({
      department: 'civil-affairs',
      endpoint: { url: receiver.url, secret: SECRET },
      bus: { kind: 'embedded', path: join(dataDir, 'bus.db') },
    });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await receiver?.stop();
    await backbone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("gets the tasks the department is assigned, through the router and its inbox, signed", async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const keys = createDevKeyStore(join(dataDir, 'keys'));
    const tokenFor = (department: string) => issueToken({ department, keys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: 600 });
    const coordinating = createCommandClient({ baseUrl: backbone.url, token: await tokenFor('social-work') });
    await eventually('readiness', async () => (await fetch(`${backbone.url}/readyz`)).status === 200);

    const task = await coordinating.createTask({ title: 'Volunteer hours of delivery riders', field: 'new-employment-groups', dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await coordinating.assign(task.id, { lead: 'civil-affairs', supporting: [] });
    const other = await coordinating.createTask({ title: 'Not for civil affairs', field: 'new-employment-groups', dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await coordinating.assign(other.id, { lead: 'science-technology', supporting: [] });

    await eventually('the assignment at the endpoint', () => receiver.accepted.some((d) => d.type === 'gov.backbone.tasks.TaskAssigned.v1'));
    const got = receiver.accepted.find((d) => d.type === 'gov.backbone.tasks.TaskAssigned.v1')!;
    expect(got).toMatchObject({ subject: task.id, signature: { ok: true }, body: { data: { lead: 'civil-affairs' }, actor: 'social-work' } });
    expect(receiver.deliveries.some((d) => d.subject === other.id)).toBe(false);
    // The directory's seeding also told the department it was registered.
    expect(receiver.accepted.map((d) => d.type)).toContain('gov.backbone.reference.DepartmentRegistered.v1');
  }, 60_000);
});
