import { expect } from 'vitest';
import type { ProblemDetails } from '../errors/problemDetails.ts';

/** Asserts an RFC 9457 answer with `status` and `code`, and returns its body. */
export async function expectProblem(response: Response, status: number, code: string): Promise<ProblemDetails> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as ProblemDetails;
  expect(problem).toMatchObject({ status, code, type: expect.stringContaining(code.replaceAll('_', '-')) });
  expect(problem.title).toEqual(expect.any(String));
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.correlationId).toBe(response.headers.get('x-correlation-id'));
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
  return problem;
}

/** JSON request options with a bearer token. */
export function jsonRequest(token: string | undefined, body: unknown, init: RequestInit = {}): RequestInit {
  return {
    method: 'POST',
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(init.headers as Record<string, string> | undefined),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
