import { BackboneError, Envelope, isEnvelope } from '@backbone/contracts';
import type { BusRecord } from '../bus/bus.ts';

/** Envelope attributes carried as `ce_<name>` headers, in the order they are written. */
const REQUIRED_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'time', 'subject'] as const;
const EXTENSIONS = ['correlationid', 'causationid', 'actor', 'streamversion', 'traceparent', 'prevhash'] as const;

const CONTENT_TYPE = 'content-type';
const JSON_CONTENT_TYPE = 'application/json';
/** Each attribute with its header name, made once: every record is written and read through them. */
const headerOf = <N extends string>(name: N) => [name, `ce_${name}`] as const;
const REQUIRED_HEADERS = REQUIRED_ATTRIBUTES.map(headerOf);
const EXTENSION_HEADERS = EXTENSIONS.map(headerOf);
const ATTRIBUTE_HEADERS = [...REQUIRED_HEADERS, ...EXTENSION_HEADERS];
const DIGITS = /^[0-9]+$/;

/** Maps an envelope to a record in the CloudEvents Kafka binding, binary mode (key = subject). */
export function envelopeToRecord(envelope: Envelope): BusRecord {
  const headers: Record<string, string> = {};
  for (const [name, header] of REQUIRED_HEADERS) headers[header] = String(envelope[name]);
  for (const [name, header] of EXTENSION_HEADERS) {
    const value = envelope[name];
    if (value !== undefined) headers[header] = String(value);
  }
  headers[CONTENT_TYPE] = envelope.datacontenttype;
  return { key: envelope.subject, headers, value: JSON.stringify(envelope.data ?? null) };
}

/**
 * Reads an envelope back from a binary-mode record and validates it against the Envelope
 * schema. Throws `BackboneError('invalid_input')` when the record is not a valid event.
 */
export function recordToEnvelope(record: BusRecord): Envelope {
  const { headers } = record;
  let data: unknown;
  try {
    data = JSON.parse(record.value);
  } catch (error) {
    throw new BackboneError('invalid_input', 'record value is not JSON', {
      issues: [{ path: 'value', message: 'not JSON' }],
      cause: error,
    });
  }
  const contentType = headers[CONTENT_TYPE];
  const candidate: Record<string, unknown> = {
    // The media type without its parameters; the relay writes it bare.
    datacontenttype: contentType === JSON_CONTENT_TYPE ? contentType : contentType?.split(';')[0]?.trim(),
    data,
  };
  for (const [name, header] of ATTRIBUTE_HEADERS) {
    const value = headers[header];
    if (value === undefined) continue;
    candidate[name] = name === 'streamversion' && DIGITS.test(value) ? Number(value) : value;
  }
  // The plain check passes every good record; zod gives the verdict, and the issues, for the rest.
  if (isEnvelope(candidate)) return candidate;
  const parsed = Envelope.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new BackboneError('invalid_input', `record is not a valid event envelope: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      issues,
    });
  }
  return parsed.data;
}
