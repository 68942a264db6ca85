import type { ApiRouter } from '@backbone/service-kit';
import type { ViewStore } from '@backbone/views';
import type { BoardDirectory } from '../directory/boardDirectory.ts';
import { boardRoutes } from './boardRoutes.ts';
import { inboxRoutes, ownOrCoordinatingInbox } from './inboxRoutes.ts';
import type { AuthorizeInbox } from './inboxRoutes.ts';

export interface BoardApiOptions {
  /** Where the inbox and board projections keep their views. */
  readonly views: ViewStore;
  /** The departments and fields the board lists (and the coordinating department). */
  readonly directory: BoardDirectory;
  /** Who may read which inbox (default: the department itself and the coordinating department). */
  readonly authorizeInbox?: AuthorizeInbox;
  /** Figures other contexts add to `GET /api/board` (funds, talent, platforms). */
  readonly sections?: readonly BoardSection[];
}

/**
 * A part of the one board kept by another context's projection (e.g. `funds` per field).
 * The board only reads it; the context owns its numbers.
 */
export interface BoardSection {
  readonly name: string;
  read(): Promise<unknown>;
}

/** The board's routers (department inboxes, the one board); mount each under `/api`. */
export type BoardApi = readonly ApiRouter[];

/** The read API of department inboxes and the one board. */
export function createBoardApi(options: BoardApiOptions): BoardApi {
  return [
    inboxRoutes({ ...options, authorizeInbox: options.authorizeInbox ?? ownOrCoordinatingInbox }),
    boardRoutes(options),
  ];
}
