import { randomUUID } from 'node:crypto';
import { BackboneError } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { describe, expect, it } from 'vitest';
import { envelopeToRecord, recordToEnvelope } from './kafkaBinding.ts';

function anEnvelope(overrides: Partial<Envelope> = {}): Envelope {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/backbone/tasks',
    type: 'gov.backbone.tasks.TaskCreated.v1',
    time: '2025-03-14T08:30:00.000Z',
    subject: `task-${randomUUID()}`,
    datacontenttype: 'application/json',
    data: { title: 'Visit', field: 'new-employment-groups', nested: [1, { a: null }] },
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actor: 'social-work',
    streamversion: 3,
    ...overrides,
  };
}

describe('CloudEvents Kafka binding (binary mode)', () => {
  it('writes ce_* headers, the subject as key and the data as JSON value', () => {
    const envelope = anEnvelope({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const record = envelopeToRecord(envelope);
    expect(record.key).toBe(envelope.subject);
    expect(JSON.parse(record.value)).toEqual(envelope.data);
    expect(record.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_source: '/backbone/tasks',
      ce_type: 'gov.backbone.tasks.TaskCreated.v1',
      ce_time: envelope.time,
      ce_subject: envelope.subject,
      ce_correlationid: envelope.correlationid,
      ce_causationid: envelope.causationid,
      ce_actor: 'social-work',
      ce_streamversion: '3',
      ce_traceparent: envelope.traceparent,
      'content-type': 'application/json',
    });
  });

  it('round-trips an envelope, with and without optional extensions', () => {
    const plain = anEnvelope();
    expect(recordToEnvelope(envelopeToRecord(plain))).toEqual(plain);
    const full = anEnvelope({ traceparent: '00-abc-def-01', prevhash: 'a'.repeat(64) });
    expect(recordToEnvelope(envelopeToRecord(full))).toEqual(full);
    const firstInStream = anEnvelope({ prevhash: '' });
    expect(recordToEnvelope(envelopeToRecord(firstInStream))).toEqual(firstInStream);
  });

  it('rejects a record whose headers are not an envelope', () => {
    const record = envelopeToRecord(anEnvelope());
    const { ce_type: _dropped, ...withoutType } = record.headers;
    const attempt = () => recordToEnvelope({ ...record, headers: withoutType });
    expect(attempt).toThrow(BackboneError);
    expect(attempt).toThrow(/type/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_input' });
    }
  });

  it('rejects a non-numeric stream version, a wrong content type and a value that is not JSON', () => {
    const record = envelopeToRecord(anEnvelope());
    expect(() => recordToEnvelope({ ...record, headers: { ...record.headers, ce_streamversion: 'x' } })).toThrow(/streamversion/);
    expect(() => recordToEnvelope({ ...record, headers: { ...record.headers, 'content-type': 'text/plain' } })).toThrow(
      /datacontenttype/,
    );
    expect(() => recordToEnvelope({ ...record, value: '{not json' })).toThrow(/not JSON/);
  });

  it('accepts a content type with parameters', () => {
    const envelope = anEnvelope();
    const record = envelopeToRecord(envelope);
    const withCharset = { ...record, headers: { ...record.headers, 'content-type': 'application/json; charset=utf-8' } };
    expect(recordToEnvelope(withCharset)).toEqual(envelope);
  });
});
