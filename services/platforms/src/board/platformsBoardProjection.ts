import { contextTopic, platformEvents } from '@backbone/contracts';
import type { PlatformEvent } from '@backbone/contracts';
import type { Projection, ViewWrite } from '@backbone/views';
import type { PlatformStatus } from '../domain/index.ts';
import { toTenths } from '../domain/state.ts';
import { readContextEvent } from '@backbone/contracts';
import { defaultRegistry } from '../references/contextEvents.ts';
import type { ReferenceProjectionOptions } from '../references/referenceProjections.ts';
import {
  BOARD_PLATFORMS,
  DISTRICTS,
  MONTHS,
  PLATFORMS_BOARD,
  districtFigure,
  districtStatusCounter,
  monthFieldFigure,
  monthFields,
  statusCounter,
} from './boardKeys.ts';
import type { BoardPlatform, ServiceFigure } from './boardKeys.ts';

/** The status each lifecycle event moves a platform into. */
const MOVES: Partial<Record<PlatformEvent['type'], PlatformStatus>> = {
  PlatformBuildingStarted: 'building',
  PlatformOpened: 'operating',
  PlatformSuspended: 'suspended',
  PlatformResumed: 'operating',
};

const add = (counter: string, by: number): ViewWrite[] => (by === 0 ? [] : [{ op: 'increment', counter, by }]);

/**
 * The platforms board (Task 4's KPIs): platforms by status overall and per district (coverage),
 * and per (month, field) and per district the services, beneficiaries, volunteer hours (in
 * tenths) and services delivered by certified or tiered talent.
 */
export function platformsBoardProjection(options: ReferenceProjectionOptions = {}): Projection {
  const registry = options.registry ?? defaultRegistry;
  return {
    name: PLATFORMS_BOARD,
    topics: [contextTopic('platforms')],
    async project(envelope, view): Promise<ViewWrite[]> {
      const event = readContextEvent<PlatformEvent>(registry, envelope, 'platforms', platformEvents);
      if (!event) return [];
      if (event.type === 'PlatformPlanned') {
        const { platformId, district, town } = event.data;
        const doc: BoardPlatform = { platformId, district, town, status: 'planned' };
        return [
          { op: 'put', collection: BOARD_PLATFORMS, id: platformId, doc },
          { op: 'addToSet', set: DISTRICTS, member: district },
          ...add(statusCounter('planned'), 1),
          ...add(districtStatusCounter(district, 'planned'), 1),
        ];
      }
      // Every later event of a platform comes after its planning (one stream, in order).
      const platform = await view.get<BoardPlatform>(BOARD_PLATFORMS, envelope.subject);
      if (!platform) return [];
      const next = MOVES[event.type];
      if (next !== undefined) {
        if (next === platform.status) return [];
        return [
          { op: 'put', collection: BOARD_PLATFORMS, id: platform.platformId, doc: { ...platform, status: next } },
          ...add(statusCounter(platform.status), -1),
          ...add(statusCounter(next), 1),
          ...add(districtStatusCounter(platform.district, platform.status), -1),
          ...add(districtStatusCounter(platform.district, next), 1),
        ];
      }
      if (event.type !== 'ServiceDelivered') return [];
      const { field, beneficiaries, volunteerHours, deliveredOn, byQualifiedTalent } = event.data;
      const month = deliveredOn.slice(0, 7);
      const figures: readonly (readonly [ServiceFigure, number])[] = [
        ['services', 1],
        ['beneficiaries', beneficiaries],
        ['hoursTenths', toTenths(volunteerHours)],
        ['qualified', byQualifiedTalent ? 1 : 0],
      ];
      return [
        { op: 'addToSet', set: MONTHS, member: month },
        { op: 'addToSet', set: monthFields(month), member: field },
        ...figures.flatMap(([figure, by]) => [
          ...add(monthFieldFigure(month, field, figure), by),
          ...add(districtFigure(platform.district, figure), by),
        ]),
      ];
    },
  };
}
