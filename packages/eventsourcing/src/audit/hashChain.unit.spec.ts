import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '@backbone/contracts';
import type { StoredEvent } from '../eventStore/eventStore.ts';
import { canonicalJson } from './canonicalJson.ts';
import { chainVerifier, hashEnvelope, verifyChain } from './hashChain.ts';

function chain(stream: string, count: number, firstPosition = 1): StoredEvent[] {
  const events: StoredEvent[] = [];
  let previous: Envelope | undefined;
  for (let index = 0; index < count; index += 1) {
    const envelope: Envelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/backbone/tasks',
      type: 'gov.backbone.tasks.TaskProgressed.v1',
      time: '2025-03-01T08:00:00.000Z',
      subject: stream,
      datacontenttype: 'application/json',
      data: { percent: index * 10, note: { b: 1, a: [2, { d: 3, c: 4 }] } },
      correlationid: 'c',
      causationid: 'c',
      actor: 'civil-affairs',
      streamversion: index + 1,
      prevhash: previous ? hashEnvelope(previous) : '',
    };
    events.push({ stream, position: firstPosition + index, envelope });
    previous = envelope;
  }
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});

describe('hashEnvelope', () => {
  it('is the SHA-256 hex of the canonical JSON, whatever the key order', () => {
    const [first] = chain('s', 1);
    const envelope = first!.envelope;
    const reordered = Object.fromEntries(Object.entries(envelope).reverse()) as Envelope;
    expect(hashEnvelope(envelope)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEnvelope(reordered)).toBe(hashEnvelope(envelope));
    expect(hashEnvelope({ ...envelope, data: { percent: 1 } })).not.toBe(hashEnvelope(envelope));
  });
});

describe('verifyChain', () => {
  it('accepts intact chains of interleaved streams', () => {
    const a = chain('a', 3);
    const b = chain('b', 2, 10);
    expect(verifyChain([a[0]!, b[0]!, a[1]!, b[1]!, a[2]!])).toEqual({ ok: true, checked: 5 });
  });

  it('reports the first event after a tampered one', () => {
    const events = chain('a', 4);
    const tampered = { ...events[1]!, envelope: { ...events[1]!.envelope, data: { percent: 99 } } };
    const result = verifyChain([events[0]!, tampered, events[2]!, events[3]!]);
    expect(result).toMatchObject({ ok: false, stream: 'a', streamversion: 3, eventId: events[2]!.envelope.id });
  });

  it('reports a removed event as a gap', () => {
    const events = chain('a', 3);
    expect(verifyChain([events[0]!, events[2]!])).toMatchObject({
      ok: false,
      streamversion: 3,
      reason: expect.stringContaining('expected streamversion 2'),
    });
  });

  it('requires an empty prevhash on a first event and a prevhash everywhere', () => {
    const [first] = chain('a', 1);
    const forged = { ...first!, envelope: { ...first!.envelope, prevhash: 'a'.repeat(64) } };
    expect(verifyChain([forged])).toMatchObject({ ok: false, streamversion: 1 });
    const { prevhash: _dropped, ...bare } = first!.envelope;
    expect(verifyChain([{ ...first!, envelope: bare }])).toMatchObject({ ok: false, reason: 'the event carries no prevhash' });
  });

  it('takes the first event seen of a stream as it is when the events start mid-stream', () => {
    expect(verifyChain(chain('a', 5).slice(2))).toEqual({ ok: true, checked: 3 });
  });
});

describe('chainVerifier', () => {
  it('checks events as they go by, counting events and streams; a broken link is not counted', () => {
    const a = chain('a', 3);
    const b = chain('b', 2, 10);
    const verifier = chainVerifier();
    for (const event of [a[0]!, b[0]!, a[1]!, b[1]!]) expect(verifier.check(event)).toBeUndefined();
    expect({ checked: verifier.checked, streams: verifier.streams }).toEqual({ checked: 4, streams: 2 });
    const tampered = { ...a[2]!, envelope: { ...a[2]!.envelope, prevhash: hashEnvelope(b[1]!.envelope) } };
    expect(verifier.check(tampered)).toMatchObject({ ok: false, stream: 'a', streamversion: 3, reason: expect.stringContaining(a[1]!.envelope.id) });
    expect(verifier.checked).toBe(4);
  });
});
