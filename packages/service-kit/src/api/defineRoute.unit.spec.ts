import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from './defineRoute.ts';
import { compileRoutePattern, joinPath, toOpenApiPath } from './pathPattern.ts';

const result = async () => ({ id: 'a', version: 1, eventIds: [] });

describe('defineCommand refuses definitions that could not keep their promise', () => {
  it('a body with an open object anywhere (unknown fields would pass)', () => {
    expect(() =>
      defineCommand({ method: 'POST', path: '/', summary: 's', success: 201, body: z.object({ a: z.string() }), handle: result }),
    ).toThrow(/strict.*at \$/);
    expect(() =>
      defineCommand({
        method: 'POST', path: '/', summary: 's', success: 201,
        body: z.strictObject({ a: z.array(z.object({ b: z.string() })) }),
        handle: result,
      }),
    ).toThrow(/\$\.a\[\]/);
  });

  it('accepts closed bodies, including unions of closed objects and records', () => {
    const body = z.discriminatedUnion('outcome', [
      z.strictObject({ outcome: z.literal('accept'), rating: z.number().int().min(1).max(5) }),
      z.strictObject({ outcome: z.literal('reopen'), reason: z.string(), extra: z.record(z.string(), z.string()).optional() }),
    ]);
    expect(() => defineCommand({ method: 'POST', path: '/', summary: 's', success: 200, body, handle: result })).not.toThrow();
  });

  it('a path parameter without a params schema', () => {
    expect(() => defineCommand({ method: 'POST', path: '/:id/accept', summary: 's', success: 200, handle: result })).toThrow(
      /:id/,
    );
  });
});

describe('path patterns', () => {
  it('joins prefixes and paths', () => {
    expect(joinPath('/api/tasks', '/')).toBe('/api/tasks');
    expect(joinPath('/api/tasks/', '/:id/accept')).toBe('/api/tasks/:id/accept');
    expect(joinPath('', '/')).toBe('/');
  });

  it('writes OpenAPI templates', () => {
    expect(toOpenApiPath('/api/tasks/:id/history')).toBe('/api/tasks/{id}/history');
  });

  it('matches "METHOD /path" patterns like express does (case, trailing slash, HEAD for GET)', () => {
    const matches = compileRoutePattern('GET /api/reference/:list');
    expect(matches('GET', '/api/reference/departments')).toBe(true);
    expect(matches('HEAD', '/API/Reference/fields/')).toBe(true);
    expect(matches('POST', '/api/reference/departments')).toBe(false);
    expect(matches('GET', '/api/reference')).toBe(false);
    expect(matches('GET', '/api/reference/departments/x')).toBe(false);
    expect(compileRoutePattern('/open')('DELETE', '/open')).toBe(true);
  });
});
