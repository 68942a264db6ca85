import { describe, expect, it } from 'vitest';
import { Envelope, isEnvelope, parseEventType } from './envelope.ts';

describe('parseEventType', () => {
  it('splits a type into context, name and version', () => {
    expect(parseEventType('gov.backbone.tasks.TaskCreated.v1')).toEqual({ context: 'tasks', name: 'TaskCreated', version: 1 });
    expect(parseEventType('gov.backbone.funds.FundPooled.v12')).toEqual({ context: 'funds', name: 'FundPooled', version: 12 });
  });

  it('refuses names that break the pattern, every time they are asked', () => {
    for (let i = 0; i < 2; i++) {
      expect(parseEventType('gov.backbone.tasks.TaskCreated')).toBeUndefined();
      expect(parseEventType('gov.backbone.Tasks.TaskCreated.v1')).toBeUndefined();
      expect(parseEventType('gov.backbone.tasks.TaskCreated.v0')).toBeUndefined();
    }
  });

  it('shares the parts of a type between callers, frozen so that none can change them for the others', () => {
    const first = parseEventType('gov.backbone.tasks.TaskAssigned.v1')!;
    expect(parseEventType('gov.backbone.tasks.TaskAssigned.v1')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('still parses right once more types were asked for than it keeps', () => {
    for (let i = 0; i < 1_500; i++) expect(parseEventType(`gov.backbone.tasks.Event${i}.v1`)?.name).toBe(`Event${i}`);
    expect(parseEventType('gov.backbone.talent.TalentSelected.v3')).toEqual({ context: 'talent', name: 'TalentSelected', version: 3 });
  });
});

describe('isEnvelope, the plain check of the bus consumers', () => {
  const valid = {
    specversion: '1.0',
    id: '0b7e5f5e-8f0c-4a8e-9a59-6d1f9d2c1a10',
    source: '/backbone/tasks',
    type: 'gov.backbone.tasks.TaskCreated.v1',
    time: '2026-03-01T09:30:00.123Z',
    subject: 'task-1',
    datacontenttype: 'application/json',
    data: { taskId: 'task-1' },
    correlationid: 'corr-1',
    causationid: 'cause-1',
    actor: 'civil-affairs',
    streamversion: 1,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    prevhash: '',
  };
  // Values that sit on either side of some rule of the schema.
  const probes: unknown[] = [
    undefined, null, '', ' ', 'x', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201),
    0, 1, -1, 1.5, 2 ** 53, Number.NaN, '1', true, [], {}, ['1.0'],
    '1.0', '1.1', 'application/json', 'application/json; charset=utf-8', 'text/plain',
    '/backbone/tasks', '/backbone/Tasks', '/backbone/', 'backbone/tasks', '/backbone/tasks/x',
    'gov.backbone.tasks.TaskCreated.v1', 'gov.backbone.tasks.TaskCreated.v0', 'gov.backbone.tasks.taskCreated.v1', 'gov.backbone.tasks.TaskCreated',
    '2026-03-01T09:30:00Z', '2026-03-01T09:30:00+08:00', '2026-03-01T09:30:00', '2024-02-29T00:00:00Z', '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01 09:30:00Z', '2026-03-01T09:30:00.5-05:30',
    '0b7e5f5e-8f0c-4a8e-9a59-6d1f9d2c1a10', '0B7E5F5E-8F0C-4A8E-9A59-6D1F9D2C1A10', '0b7e5f5e-8f0c-9a8e-9a59-6d1f9d2c1a10',
    '0b7e5f5e-8f0c-4a8e-7a59-6d1f9d2c1a10', '00000000-0000-0000-0000-000000000000', '0b7e5f5e8f0c4a8e9a596d1f9d2c1a10',
    'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64),
  ];
  const keys = [...Object.keys(valid), 'extra'];

  it('accepts a good envelope, with and without its optional attributes', () => {
    expect(isEnvelope(valid)).toBe(true);
    const { traceparent: _t, prevhash: _p, ...bare } = valid;
    expect(isEnvelope(bare)).toBe(true);
    expect(isEnvelope({ ...valid, prevhash: 'ab'.repeat(32), streamversion: 7, data: null })).toBe(true);
  });

  it('never accepts what the Envelope schema refuses, and agrees with it on every single change but a missing data', () => {
    let refusedByBoth = 0;
    for (const key of keys) {
      for (const probe of probes) {
        const changed: Record<string, unknown> = { ...valid, [key]: probe };
        if (probe === undefined) delete changed[key];
        const schema = Envelope.safeParse(changed).success;
        const plain = isEnvelope(changed);
        if (plain) expect(schema, `${key} = ${JSON.stringify(probe)}`).toBe(true);
        if (!(key === 'data' && probe === undefined)) expect(plain, `${key} = ${JSON.stringify(probe)}`).toBe(schema);
        if (!schema) refusedByBoth++;
      }
    }
    expect(refusedByBoth).toBeGreaterThan(300);
  });

  it('refuses what is not an object', () => {
    for (const value of [undefined, null, 'envelope', 1, [valid]]) expect(isEnvelope(value)).toBe(false);
  });
});
