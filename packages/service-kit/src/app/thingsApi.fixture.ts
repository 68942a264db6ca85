import { randomUUID } from 'node:crypto';
import { BackboneError } from '@backbone/contracts';
import { z } from 'zod';
import { createApiRouter } from '../api/apiRouter.ts';
import type { ApiRouter } from '../api/apiRouter.ts';
import { defineCommand, defineQuery } from '../api/defineRoute.ts';
import type { CommandInput } from '../api/defineRoute.ts';

/** A small context used by the HTTP tests; it counts what its handlers were asked to write. */
export interface ThingsApi {
  readonly api: ApiRouter;
  /** Every command that reached a handler, in order. */
  readonly writes: CommandInput<unknown, unknown, unknown>[];
}

export const CreateThing = z.strictObject({
  title: z.string().min(1).max(80).describe('What the thing is called'),
  tags: z.array(z.string().min(1)).max(3).optional(),
  owner: z.strictObject({ unit: z.string().min(1) }).optional(),
});

/** Builds the things context; `slowMs` is how long the slow command takes. */
export function thingsApi(options: { slowMs?: number } = {}): ThingsApi {
  const writes: CommandInput<unknown, unknown, unknown>[] = [];
  const written = (input: CommandInput<unknown, unknown, unknown>, id: string) => {
    writes.push(input);
    return { id, version: writes.length, eventIds: [randomUUID()] };
  };
  const ThingId = z.strictObject({ id: z.uuid() });
  const api = createApiRouter({
    name: 'things',
    routes: [
      defineCommand({
        method: 'POST',
        path: '/',
        summary: 'Create a thing',
        body: CreateThing,
        success: 201,
        handle: async (input) => written(input, randomUUID()),
      }),
      defineCommand({
        method: 'POST',
        path: '/:id/explode',
        summary: 'Fail like a bug',
        params: ThingId,
        success: 200,
        handle: async () => {
          throw new Error('secret internals at /srv/backbone/db.sqlite');
        },
      }),
      defineCommand({
        method: 'POST',
        path: '/:id/close',
        summary: 'Refused by a rule',
        params: ThingId,
        success: 200,
        handle: async () => {
          throw new BackboneError('rule_violation', 'A closed thing cannot close again', { rule: 'close-once' });
        },
      }),
      defineCommand({
        method: 'POST',
        path: '/:id/slow',
        summary: 'Takes its time',
        params: ThingId,
        success: 200,
        handle: async (input) => {
          await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 0));
          return written(input, input.params.id);
        },
      }),
      defineQuery({
        path: '/public/hello',
        summary: 'Readable by anyone',
        public: true,
        handle: async ({ department }) => ({ hello: department ?? 'anonymous' }),
      }),
      defineQuery({
        path: '/:id',
        summary: 'Read a thing',
        params: ThingId,
        query: z.object({ fields: z.enum(['all', 'summary']).default('all') }),
        response: z.object({ id: z.string(), readBy: z.string(), fields: z.string() }),
        handle: async ({ params, query, department }) => ({ id: params.id, readBy: department, fields: query.fields }),
      }),
    ],
  });
  return { api, writes };
}
