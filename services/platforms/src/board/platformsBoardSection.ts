import type { BoardSection } from '@backbone/service-board';
import type { ViewStore } from '@backbone/views';
import { PLATFORMS_BOARD } from './boardKeys.ts';
import { platformsBoard } from './platformsBoardQuery.ts';
import type { PlatformsBoard } from './platformsBoardQuery.ts';

export interface PlatformsBoardOptions {
  readonly views: ViewStore;
  /** Tells which month is still running (China Standard Time). */
  readonly clock: () => Date;
  /** How many key fields the plan has, for breadth; the directory's count. */
  readonly fieldsInPlan?: () => Promise<number>;
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
/** `YYYY-MM` of an instant in China Standard Time. */
export const cstMonth = (at: Date): string => new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 7);

/** Reads the platforms board once, with the month that is still running. */
export async function readPlatformsBoard(options: PlatformsBoardOptions): Promise<PlatformsBoard> {
  const fieldsInPlan = options.fieldsInPlan ? await options.fieldsInPlan() : undefined;
  return platformsBoard(options.views.reader(PLATFORMS_BOARD), {
    currentMonth: cstMonth(options.clock()),
    ...(fieldsInPlan === undefined ? {} : { fieldsInPlan }),
  });
}

/** `sections.platforms` of `GET /api/board`. */
export function platformsBoardSection(options: PlatformsBoardOptions): BoardSection {
  return { name: 'platforms', read: () => readPlatformsBoard(options) };
}
