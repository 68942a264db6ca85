import { DepartmentId, FieldId } from '@backbone/contracts';
import { createApiRouter, defineQuery } from '@backbone/service-kit';
import type { ApiRouter } from '@backbone/service-kit';
import type { ViewStore } from '@backbone/views';
import { z } from 'zod';
import { requireDepartment, requireField } from '../directory/boardDirectory.ts';
import type { BoardDirectory } from '../directory/boardDirectory.ts';
import type { BoardSection } from './boardApi.ts';
import { ONE_BOARD } from '../projections/oneBoardProjection.ts';
import { departmentBoard, fieldBoard, planBoard } from '../queries/boardQueries.ts';
import { awaitTaskVersion, readYourWritesQuery } from './readYourWrites.ts';
import type { Consistency } from './readYourWrites.ts';
import { BoardRowResponse, PlanBoardResponse } from './responseSchemas.ts';

export interface BoardRoutesOptions {
  readonly views: ViewStore;
  readonly directory: BoardDirectory;
  readonly sections?: readonly BoardSection[];
}

async function readSections(sections: readonly BoardSection[] | undefined) {
  if (!sections || sections.length === 0) return {};
  const values = await Promise.all(sections.map(async (s) => [s.name, await s.read()] as const));
  return { sections: Object.fromEntries(values) };
}

const BoardQueryParams = z.strictObject(readYourWritesQuery);

const withConsistency = <T extends object>(answer: T, consistency: Consistency | undefined) =>
  consistency ? { ...answer, consistency } : answer;

const WAIT_NOTE = '`waitFor=<taskId>@<version>` waits (≤ 2 s) until the board has seen that task version.';

/** `GET /board`, `/board/fields/:field`, `/board/departments/:dept` — the one board; mount under `/api`. */
export function boardRoutes(options: BoardRoutesOptions): ApiRouter {
  const reader = options.views.reader(ONE_BOARD);
  return createApiRouter({
    name: 'board',
    routes: [
      defineQuery({
        path: '/board',
        summary: 'The one board: plan totals and a row per field and department',
        description: WAIT_NOTE,
        query: BoardQueryParams,
        response: PlanBoardResponse,
        async handle({ query }) {
          const consistency = await awaitTaskVersion(reader, query.waitFor, query.waitMs);
          const [board, sections] = await Promise.all([planBoard(reader, options.directory), readSections(options.sections)]);
          return withConsistency({ ...board, ...sections }, consistency);
        },
      }),
      defineQuery({
        path: '/board/fields/:field',
        summary: "One key field's board numbers",
        description: WAIT_NOTE,
        params: z.strictObject({ field: FieldId }),
        query: BoardQueryParams,
        response: BoardRowResponse,
        async handle({ params, query }) {
          requireField(await options.directory(), params.field);
          const consistency = await awaitTaskVersion(reader, query.waitFor, query.waitMs);
          return withConsistency(await fieldBoard(reader, options.directory, params.field), consistency);
        },
      }),
      defineQuery({
        path: '/board/departments/:dept',
        summary: "One department's board numbers",
        description: WAIT_NOTE,
        params: z.strictObject({ dept: DepartmentId }),
        query: BoardQueryParams,
        response: BoardRowResponse,
        async handle({ params, query }) {
          requireDepartment(await options.directory(), params.dept);
          const consistency = await awaitTaskVersion(reader, query.waitFor, query.waitMs);
          return withConsistency(await departmentBoard(reader, options.directory, params.dept), consistency);
        },
      }),
    ],
  });
}
