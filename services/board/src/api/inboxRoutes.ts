import { DepartmentId, FieldId, forbidden } from '@backbone/contracts';
import { createApiRouter, defineQuery } from '@backbone/service-kit';
import type { ApiRouter } from '@backbone/service-kit';
import type { ViewStore } from '@backbone/views';
import { z } from 'zod';
import { coordinatingDepartment, requireDepartment } from '../directory/boardDirectory.ts';
import type { BoardDirectory, BoardDirectoryEntries } from '../directory/boardDirectory.ts';
import { DEPARTMENT_INBOX } from '../projections/departmentInboxProjection.ts';
import { TASK_STATUSES } from '../projections/taskSummary.ts';
import { departmentInbox } from '../queries/inboxQuery.ts';
import { awaitTaskVersion, readYourWritesQuery } from './readYourWrites.ts';
import { InboxPageResponse } from './responseSchemas.ts';

/** Who asks to read which inbox, with the directory at hand. */
export interface InboxAccess {
  /** The department of the caller's credential. */
  readonly caller: string;
  /** The inbox it asks for. */
  readonly inbox: string;
  readonly directory: BoardDirectoryEntries;
}

/** Decides whether a caller may read an inbox. */
export type AuthorizeInbox = (access: InboxAccess) => boolean;

/** The default rule: a department reads its own inbox; the coordinating department reads every inbox. */
export const ownOrCoordinatingInbox: AuthorizeInbox = ({ caller, inbox, directory }) =>
  caller === inbox || caller === coordinatingDepartment(directory);

const InboxQueryParams = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  field: FieldId.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  ...readYourWritesQuery,
});

export interface InboxRoutesOptions {
  readonly views: ViewStore;
  readonly directory: BoardDirectory;
  readonly authorizeInbox: AuthorizeInbox;
}

/** `GET /departments/:dept/tasks` — a department's inbox; mount under `/api`. */
export function inboxRoutes(options: InboxRoutesOptions): ApiRouter {
  const reader = options.views.reader(DEPARTMENT_INBOX);
  return createApiRouter({
    name: 'departments',
    routes: [
      defineQuery({
        path: '/departments/:dept/tasks',
        summary: "A department's task inbox",
        description:
          'Every task the department leads or supports, sorted by due date then id. Readable by the department itself ' +
          'and the coordinating department. `waitFor=<taskId>@<version>` waits (≤ 2 s) until the inbox has seen that task version.',
        params: z.strictObject({ dept: DepartmentId }),
        query: InboxQueryParams,
        response: InboxPageResponse,
        async handle({ params, query, department }) {
          const directory = await options.directory();
          requireDepartment(directory, params.dept);
          if (!options.authorizeInbox({ caller: department, inbox: params.dept, directory })) {
            throw forbidden('inbox-own-or-coordinating', `${department} may not read the inbox of ${params.dept}`);
          }
          const consistency = await awaitTaskVersion(reader, query.waitFor, query.waitMs);
          const page = await departmentInbox(reader, params.dept, query);
          return consistency ? { ...page, consistency } : page;
        },
      }),
    ],
  });
}
