import type { JsonSchema } from '../openapi/jsonSchema.ts';

const json = (description: string): JsonSchema => ({ description, content: { 'application/json': { schema: {} } } });

/** OpenAPI entries of the endpoints every service app serves, all without a credential. */
export function builtInPaths(): Record<string, Record<string, JsonSchema>> {
  const open = (summary: string, responses: JsonSchema): Record<string, JsonSchema> => ({
    get: { summary, tags: ['operations'], security: [], responses },
  });
  return {
    '/healthz': open('Liveness: 200 while the process serves', { '200': json('Serving') }),
    '/readyz': open('Readiness: 200 when every dependency answers', {
      '200': json('Ready'),
      '503': { $ref: '#/components/responses/Problem503' },
    }),
    '/metrics': open('Prometheus metrics', { '200': { description: 'Prometheus text exposition' } }),
    '/openapi.json': open('This document', { '200': json('OpenAPI 3.1') }),
    '/.well-known/jwks.json': open('Public keys that verify department credentials', { '200': json('JWKS') }),
  };
}
