import type { ErrorCode } from '@backbone/contracts';
import { PROBLEM_CONTENT_TYPE } from '../errors/problemDetails.ts';
import { PROBLEM_STATUS } from '../errors/problemStatus.ts';
import type { JsonSchema } from './jsonSchema.ts';

const CODES = Object.keys(PROBLEM_STATUS) as ErrorCode[];

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', enum: CODES },
    rule: { type: 'string', description: 'The business rule that refused the command' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', description: 'Dotted path, e.g. body.assignees.0' }, message: { type: 'string' } },
      },
    },
    correlationId: { type: 'string' },
  },
};

/** Shared components: the Problem schema, one response per problem status, CommandResult, bearer security. */
export function problemComponents(): JsonSchema {
  const byStatus = new Map<number, string[]>();
  for (const code of CODES) {
    const { status, title } = PROBLEM_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), title]);
  }
  return {
    schemas: {
      Problem: problemSchema,
      CommandResult: {
        type: 'object',
        required: ['id', 'version', 'eventIds'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', description: 'The aggregate id' },
          version: { type: 'integer', description: 'The aggregate version after the command' },
          eventIds: { type: 'array', items: { type: 'string' }, description: 'Ids of the events written' },
        },
      },
    },
    responses: Object.fromEntries(
      [...byStatus].map(([status, titles]) => [
        `Problem${status}`,
        {
          description: titles.join(' or '),
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      ]),
    ),
    parameters: {
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'A repeat with the same key returns the first answer and writes nothing',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  };
}
