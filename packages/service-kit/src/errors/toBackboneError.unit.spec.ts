import { BackboneError } from '@backbone/contracts';
import type { ErrorCode } from '@backbone/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toProblemDetails } from './problemDetails.ts';
import { PROBLEM_STATUS } from './problemStatus.ts';
import { toBackboneError } from './toBackboneError.ts';

const httpError = (status: number, type: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`raw ${type}`), { status, type, expose: status < 500, ...extra });

describe('toBackboneError', () => {
  it('maps every code to its status in the one table', () => {
    const expected: Record<ErrorCode, number> = {
      invalid_input: 400, unauthenticated: 401, forbidden: 403, not_found: 404, version_conflict: 409,
      rule_violation: 409, payload_too_large: 413, unsupported_media_type: 415, rate_limited: 429,
      unavailable: 503, internal: 500,
    };
    expect(Object.fromEntries(Object.entries(PROBLEM_STATUS).map(([code, { status }]) => [code, status]))).toEqual(expected);
  });

  it('keeps a BackboneError as it is', () => {
    const error = new BackboneError('rule_violation', 'no', { rule: 'r' });
    expect(toBackboneError(error)).toBe(error);
  });

  it('turns a ZodError into invalid_input with every issue and its dotted path', () => {
    const parsed = z.strictObject({ a: z.object({ b: z.array(z.number()) }), c: z.string() })
      .safeParse({ a: { b: [1, 'x'] }, d: true });
    const error = toBackboneError(parsed.error);
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['a.b.1', 'c', 'd']);
  });

  it.each([
    ['entity.parse.failed', 400, 'invalid_input'],
    ['entity.too.large', 413, 'payload_too_large'],
    ['charset.unsupported', 415, 'unsupported_media_type'],
    ['encoding.unsupported', 415, 'unsupported_media_type'],
    ['request.aborted', 400, 'invalid_input'],
    ['something.else', 404, 'not_found'],
    ['something.else', 418, 'invalid_input'],
    ['something.else', 502, 'internal'],
  ])('maps a body-parser/http error %s (%i) to %s', (type, status, code) => {
    expect(toBackboneError(httpError(status, type, { limit: 1024 })).code).toBe(code);
  });

  it('names the limit of a too-large body', () => {
    expect(toBackboneError(httpError(413, 'entity.too.large', { limit: 1024 })).message).toMatch(/1024 bytes/);
  });

  it.each([new Error('db at /srv/x exploded'), 'a string', { weird: true }, undefined, null])(
    'normalises an unknown throw (%s) to internal, hiding it',
    (thrown) => {
      const error = toBackboneError(thrown);
      expect(error.code).toBe('internal');
      const problem = toProblemDetails(error, { instance: '/x', correlationId: 'c' });
      expect(problem).toMatchObject({ status: 500, code: 'internal', instance: '/x', correlationId: 'c' });
      expect(JSON.stringify(problem)).not.toMatch(/srv|exploded|weird|a string/);
    },
  );

  it('hides the message of an explicit internal BackboneError too', () => {
    const problem = toProblemDetails(new BackboneError('internal', 'pool exhausted at host 10.0.0.5'), { instance: '/x' });
    expect(problem.detail).not.toMatch(/10\.0\.0\.5/);
  });

  it('builds a problem with rule and issues when present, and a type per code', () => {
    const problem = toProblemDetails(
      new BackboneError('invalid_input', 'bad', { issues: [{ path: 'body.a', message: 'm' }] }),
      { instance: '/api/tasks' },
      { typeBase: 'https://example.test/problems/' },
    );
    expect(problem).toEqual({
      type: 'https://example.test/problems/invalid-input',
      title: 'Invalid input',
      status: 400,
      detail: 'bad',
      instance: '/api/tasks',
      code: 'invalid_input',
      issues: [{ path: 'body.a', message: 'm' }],
    });
  });
});
