import type { PlatformStatus } from '../domain/index.ts';

// The keys of the platforms board's view. Every figure is a counter moved by one event of one
// platform; the view store applies an event's writes once (per-platform dedupe), so the
// counters are exact under redelivery and in any order across platforms.

/** The projection's name (its consumer group is `projection.platforms-board`). */
export const PLATFORMS_BOARD = 'platforms-board';
/** One document per platform: where it is and its status. */
export const BOARD_PLATFORMS = 'platforms';
/** The set of districts with a platform. */
export const DISTRICTS = 'districts';
/** The set of months (`YYYY-MM`) with a service record. */
export const MONTHS = 'months';

export const PLATFORM_STATUSES: readonly PlatformStatus[] = ['planned', 'building', 'operating', 'suspended'];

/** The figures kept per (month, field) and per district. */
export const SERVICE_FIGURES = ['services', 'beneficiaries', 'hoursTenths', 'qualified'] as const;
export type ServiceFigure = (typeof SERVICE_FIGURES)[number];

export const statusCounter = (status: PlatformStatus) => `platforms:${status}`;
export const districtStatusCounter = (district: string, status: PlatformStatus) => `district:${district}:platforms:${status}`;
export const districtFigure = (district: string, figure: ServiceFigure) => `district:${district}:${figure}`;
/** The fields with a service record in a month. */
export const monthFields = (month: string) => `month:${month}:fields`;
export const monthFieldFigure = (month: string, field: string, figure: ServiceFigure) => `month:${month}:field:${field}:${figure}`;

/** What the board keeps of a platform. */
export interface BoardPlatform {
  readonly platformId: string;
  readonly district: string;
  readonly town: string;
  readonly status: PlatformStatus;
}
