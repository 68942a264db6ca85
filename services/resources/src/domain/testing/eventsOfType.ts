import type { ResourceEvent } from '@backbone/contracts';

/** The events of one type, narrowed. */
export function eventsOfType<TType extends ResourceEvent['type']>(
  events: readonly ResourceEvent[],
  type: TType,
): Extract<ResourceEvent, { type: TType }>[] {
  return events.filter((event): event is Extract<ResourceEvent, { type: TType }> => event.type === type);
}
