import { z } from 'zod';
import { createApiRouter, defineCommand, defineQuery, idempotencyOf } from '@backbone/service-kit';
import type { CommandHandler } from '@backbone/eventsourcing';
import type { ApiRouter, CommandInput } from '@backbone/service-kit';
import {
  DIRECTORY_ID,
  RegisterDepartmentBody,
  RegisterFieldBody,
  UpdateDepartmentBody,
  UpdateFieldBody,
  listDepartments,
  listFields,
} from '../domain/index.ts';
import type { DirectoryState, ReferenceCommand } from '../domain/index.ts';

/** A command handler over `directoryDecider` (context `reference`, the `referenceEvents`). */
export type DirectoryCommandHandler = CommandHandler<ReferenceCommand, DirectoryState>;

export interface ReferenceApiOptions {
  /** Its stream holds the directory (aggregate id `DIRECTORY_ID`). */
  readonly handler: DirectoryCommandHandler;
  /**
   * Accepted like the other contexts' APIs take it; the directory's commands carry no time
   * (an event's time comes from the handler's own clock).
   */
  readonly clock?: () => Date;
}

const DepartmentListing = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string().optional(),
    coordinating: z.boolean(),
    placeholder: z.boolean(),
  }),
);
const FieldListing = z.array(
  z.object({ id: z.string(), name: z.string(), nameZh: z.string().optional(), placeholder: z.boolean() }),
);
// Any id is accepted in the path: one that is not a slug cannot exist, so the decider answers 404.
const EntryParams = z.strictObject({ id: z.string().min(1).max(200) });

/**
 * The reference context's HTTP API (mounted at `/api/reference`): the department and field
 * lists, public and read from the directory stream itself, and the coordinating
 * department's changes to them. Commands answer the directory's id, version and event ids.
 */
export function createReferenceApi(options: ReferenceApiOptions): ApiRouter {
  const { handler } = options;

  const change = (input: CommandInput<unknown, unknown, unknown>, command: ReferenceCommand) =>
    handler.handle({
      aggregateId: DIRECTORY_ID,
      command,
      actor: input.department,
      correlationId: input.correlationId,
      idempotency: idempotencyOf(input),
    });

  const directory = async () => (await handler.load(DIRECTORY_ID)).state;

  return createApiRouter({
    name: 'reference',
    routes: [
      defineQuery({
        path: '/departments',
        summary: 'Every department, in registration order; exactly one is coordinating (no credential needed)',
        public: true,
        response: DepartmentListing,
        handle: async () => listDepartments(await directory()),
      }),
      defineQuery({
        path: '/fields',
        summary: 'Every key field, in registration order (no credential needed)',
        public: true,
        response: FieldListing,
        handle: async () => listFields(await directory()),
      }),
      defineCommand({
        method: 'POST',
        path: '/departments',
        summary: 'Register a department (coordinating department)',
        body: RegisterDepartmentBody,
        success: 201,
        handle: (input) => change(input, { type: 'registerDepartment', actor: input.department, data: input.body }),
      }),
      defineCommand({
        method: 'PATCH',
        path: '/departments/:id',
        summary: "Change a department's names or placeholder mark (coordinating department)",
        params: EntryParams,
        body: UpdateDepartmentBody,
        success: 200,
        handle: (input) =>
          change(input, {
            type: 'updateDepartment',
            actor: input.department,
            data: { ...input.body, departmentId: input.params.id },
          }),
      }),
      defineCommand({
        method: 'POST',
        path: '/fields',
        summary: 'Register a key field (coordinating department)',
        body: RegisterFieldBody,
        success: 201,
        handle: (input) => change(input, { type: 'registerField', actor: input.department, data: input.body }),
      }),
      defineCommand({
        method: 'PATCH',
        path: '/fields/:id',
        summary: "Change a key field's names or placeholder mark (coordinating department)",
        params: EntryParams,
        body: UpdateFieldBody,
        success: 200,
        handle: (input) =>
          change(input, { type: 'updateField', actor: input.department, data: { ...input.body, fieldId: input.params.id } }),
      }),
    ],
  });
}
