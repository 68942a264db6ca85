import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServiceApp } from '@backbone/service-kit';
import type { TestServiceApp } from '@backbone/service-kit';
import { seedDirectoryIfEmpty } from '../seeding/seedDirectoryIfEmpty.ts';
import { openDirectoryFixture, shippedConfig } from '../testing/directoryFixture.ts';
import type { DirectoryFixture } from '../testing/directoryFixture.ts';
import { createReferenceApi } from './referenceApi.ts';

const COORDINATING = 'social-work';
const OTHER = 'civil-affairs';
const SEEDED_VERSION = 21; // 11 departments + 10 fields in config/reference.json

let fixture: DirectoryFixture;
let app: TestServiceApp;

beforeEach(async () => {
  fixture = openDirectoryFixture();
  await seedDirectoryIfEmpty({ handler: fixture.handler, config: shippedConfig() });
  app = await startTestServiceApp({ mounts: { '/api/reference': createReferenceApi({ handler: fixture.handler }) } });
});
afterEach(async () => {
  await app.close();
  await fixture.close();
});

async function call(
  method: string,
  path: string,
  options: { as?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> & unknown[] }> {
  const headers: Record<string, string> = {};
  if (options.as) headers.authorization = `Bearer ${await app.token(options.as)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${app.url}/api/reference${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
}

describe('GET /api/reference/departments and /fields', () => {
  it('lists the directory without a credential, exactly one department coordinating', async () => {
    const departments = await call('GET', '/departments');
    expect(departments.status).toBe(200);
    expect(departments.body).toHaveLength(11);
    expect(departments.body[0]).toEqual({
      id: COORDINATING,
      name: 'Social Work Department',
      nameZh: '市委社会工作部',
      coordinating: true,
      placeholder: false,
    });
    expect(departments.body.filter((d) => (d as { coordinating: boolean }).coordinating)).toHaveLength(1);

    const fields = await call('GET', '/fields');
    expect(fields.status).toBe(200);
    expect(fields.body).toHaveLength(10);
    expect(fields.body[3]).toEqual({ id: 'field-4', name: 'Key field 4 (placeholder)', nameZh: '重点领域4(待定)', placeholder: true });
  });
});

describe('changing the directory', () => {
  it('the coordinating department registers a department and a field; the lists show them', async () => {
    const department = await call('POST', '/departments', {
      as: COORDINATING,
      body: { departmentId: 'education', name: 'Education Bureau', nameZh: '市教育和体育局' },
    });
    expect(department.status).toBe(201);
    expect(department.body).toEqual({ id: 'directory', version: SEEDED_VERSION + 1, eventIds: [expect.any(String)] });

    const field = await call('POST', '/fields', { as: COORDINATING, body: { fieldId: 'elderly-care', name: 'Elderly care' } });
    expect(field.status).toBe(201);
    expect(field.body.version).toBe(SEEDED_VERSION + 2);

    const departments = await call('GET', '/departments');
    expect(departments.body.at(-1)).toEqual({
      id: 'education',
      name: 'Education Bureau',
      nameZh: '市教育和体育局',
      coordinating: false,
      placeholder: false,
    });
    expect((await call('GET', '/fields')).body.at(-1)).toEqual({ id: 'elderly-care', name: 'Elderly care', placeholder: false });
  });

  it('updates a department and a field, writing only what changed', async () => {
    const renamed = await call('PATCH', '/departments/department-4', {
      as: COORDINATING,
      body: { name: 'Education Bureau', placeholder: false },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.eventIds).toHaveLength(1);
    const unchanged = await call('PATCH', '/departments/department-4', { as: COORDINATING, body: { placeholder: false } });
    expect(unchanged.body).toEqual({ id: 'directory', version: SEEDED_VERSION + 1, eventIds: [] });

    const field = await call('PATCH', '/fields/field-4', { as: COORDINATING, body: { name: 'Elderly care' } });
    expect(field.status).toBe(200);
    expect((await call('GET', '/fields')).body[3]).toMatchObject({ id: 'field-4', name: 'Elderly care', placeholder: true });
    expect((await call('GET', '/departments')).body[3]).toMatchObject({ id: 'department-4', name: 'Education Bureau', placeholder: false });
  });

  it('refuses another department with 403 and writes nothing', async () => {
    const answers = await Promise.all([
      call('POST', '/departments', { as: OTHER, body: { departmentId: 'education', name: 'Education Bureau' } }),
      call('PATCH', '/departments/department-4', { as: OTHER, body: { name: 'x' } }),
      call('POST', '/fields', { as: OTHER, body: { fieldId: 'elderly-care', name: 'Elderly care' } }),
      call('PATCH', '/fields/field-4', { as: OTHER, body: { name: 'x' } }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'forbidden', rule: 'only-coordinating-changes-directory' });
    }
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('refuses a call without a credential with 401', async () => {
    const answer = await call('POST', '/departments', { body: { departmentId: 'education', name: 'Education Bureau' } });
    expect(answer.status).toBe(401);
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('refuses a bad body with 400, listing every issue, and writes nothing', async () => {
    const answer = await call('POST', '/departments', {
      as: COORDINATING,
      body: { departmentId: 'Education Bureau', name: '', colour: 'red' },
    });
    expect(answer.status).toBe(400);
    const paths = (answer.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.departmentId', 'body.name', 'body.colour']));
    const empty = await call('PATCH', '/fields/field-4', { as: COORDINATING, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.rule).toBe('nothing-to-update');
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('refuses a second coordinating department (409) and a reserved id (400)', async () => {
    const second = await call('POST', '/departments', {
      as: COORDINATING,
      body: { departmentId: 'education', name: 'Education Bureau', coordinating: true },
    });
    expect(second.status).toBe(409);
    expect(second.body.rule).toBe('exactly-one-coordinating-department');
    const reserved = await call('POST', '/departments', { as: COORDINATING, body: { departmentId: 'system', name: 'System' } });
    expect(reserved.status).toBe(400);
    expect(reserved.body.rule).toBe('reserved-department-id');
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('refuses a duplicate id with 409 and an unknown entry with 404, writing nothing', async () => {
    const department = await call('POST', '/departments', { as: COORDINATING, body: { departmentId: OTHER, name: 'Again' } });
    expect(department.status).toBe(409);
    expect(department.body).toMatchObject({ code: 'rule_violation', rule: 'department-already-registered' });
    const field = await call('POST', '/fields', { as: COORDINATING, body: { fieldId: 'field-4', name: 'Again' } });
    expect(field.status).toBe(409);
    expect(field.body.rule).toBe('field-already-registered');
    const missing = await call('PATCH', '/departments/nowhere', { as: COORDINATING, body: { name: 'x' } });
    expect(missing.status).toBe(404);
    expect(missing.body.rule).toBe('department-not-found');
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION);
  });

  it('answers a repeated Idempotency-Key with the first answer and writes once; another request under it is refused', async () => {
    const key = randomUUID();
    const body = { departmentId: 'education', name: 'Education Bureau' };
    const first = await call('POST', '/departments', { as: COORDINATING, body, idempotencyKey: key });
    const repeat = await call('POST', '/departments', { as: COORDINATING, body, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION + 1);

    const other = await call('POST', '/departments', {
      as: COORDINATING,
      body: { departmentId: 'health', name: 'Health Commission' },
      idempotencyKey: key,
    });
    expect(other.status).toBe(409);
    expect(other.body.rule).toBe('idempotency-key-reused');
    expect(await fixture.streamVersion()).toBe(SEEDED_VERSION + 1);
  });
});
