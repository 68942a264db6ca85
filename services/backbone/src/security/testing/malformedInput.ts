// fast-check arbitraries of hostile HTTP input: bodies no command schema accepts, headers that
// are wrong in every way a client can get them wrong, path parameters that break decoders.
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { fillPath } from './openApiCommands.ts';
import type { CommandRoute } from './openApiCommands.ts';

/** Printable ASCII: everything fetch lets through in a header value. */
export const headerText = (maxLength = 300): Arbitrary<string> => fc.string({ maxLength, unit: 'grapheme-ascii' });

/** A key no strict command body declares: any object carrying it must be refused (400). */
export const UNKNOWN_KEY = '__not_in_any_schema__';

const OVERSIZED = JSON.stringify({ padding: 'x'.repeat(300 * 1024) });
const nested = (depth: number, open: string, close: string): string => open.repeat(depth) + close.repeat(depth);

/** A body that no command accepts: wrong JSON, not JSON, too deep, too large, or JSON of the wrong shape. */
export const malformedBody: Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(withUnknownKey(value))) },
  { weight: 3, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 33, max: 3000 }).map((depth) => nested(depth, '[', ']')) },
  { weight: 1, arbitrary: fc.integer({ min: 33, max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":}', 'null', 'true', '"text"', '1e999', '[]', '{"__proto__":{"x":1}}', '\uFEFF{}') },
  { weight: 1, arbitrary: fc.constant(OVERSIZED) },
);

function withUnknownKey(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ...value, [UNKNOWN_KEY]: true };
  return value;
}

const optional = <T>(arbitrary: Arbitrary<T>): Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 3 });

/** Content types, encodings, idempotency keys and If-Match values, each present or not. */
export const hostileHeaders: Arbitrary<Record<string, string>> = fc
  .record({
    'content-type': optional(
      fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'application/merge-patch+json',
          'text/plain',
          'text/json',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          '',
        ),
        headerText(100),
      ),
    ),
    'content-encoding': optional(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip')),
    'idempotency-key': optional(fc.oneof(headerText(), fc.constant(''), fc.string({ minLength: 201, maxLength: 400, unit: 'grapheme-ascii' }))),
    'if-match': optional(fc.oneof(headerText(40), fc.constantFrom('"7"', 'W/"1"', '-1', '1.5', '*', '0x10', '99999999999999999999', '1e3'))),
  })
  .map((headers) => Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)));

/** A path parameter: random text (encoded), or raw sequences that break percent-decoding. */
export const pathValue: Arbitrary<{ readonly value: string; readonly raw: boolean }> = fc.oneof(
  fc.string({ maxLength: 60, unit: 'grapheme' }).map((value) => ({ value, raw: false })),
  fc.uuid().map((id) => ({ value: `task-${id}`, raw: false })),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '%2e%2e', '%2F', 'a%c0%af').map((value) => ({ value, raw: true })),
  fc.constant({ value: 'x'.repeat(5000), raw: false }),
);

/** The route's path with every parameter replaced by `parameter`. */
export function hostilePath(route: CommandRoute, parameter: { readonly value: string; readonly raw: boolean }): string {
  const filled = fillPath(route.path, () => '\u0000');
  const replacement = parameter.raw ? parameter.value : encodeURIComponent(parameter.value);
  return filled.replaceAll(encodeURIComponent('\u0000'), replacement);
}

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Sends one request as given; answers status, media type and text. */
export async function send(baseUrl: string, request: SentRequest): Promise<Answer> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, contentType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(), text };
}
