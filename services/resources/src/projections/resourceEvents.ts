import { BackboneError, parseEventType, resourceEvents } from '@backbone/contracts';
import type { Envelope, EventRegistry, ResourceEvent, ResourceEventName } from '@backbone/contracts';

/** A resources event read from its envelope: typed, its data checked against the contract's schema. */
export interface ReadResourceEvent {
  readonly event: ResourceEvent;
  /** The aggregate (pool, application or policy) id: the envelope's subject. */
  readonly subject: string;
  /** The event's place in its aggregate's stream. */
  readonly version: number;
}

const isResourceEventName = (name: string): name is ResourceEventName => Object.hasOwn(resourceEvents, name);

/**
 * Reads a resources event through the registry (upcast to the newest version, data validated).
 * Undefined for other contexts' events; throws for a resources type the contracts do not know
 * as current, so the bus retries and dead-letters it.
 */
export function readResourceEvent(envelope: Envelope, registry: EventRegistry): ReadResourceEvent | undefined {
  if (parseEventType(envelope.type)?.context !== 'resources') return undefined;
  const read = registry.read(envelope);
  const name = parseEventType(read.type)?.name ?? '';
  if (!isResourceEventName(name) || registry.byType(read.type) !== resourceEvents[name]) {
    throw new BackboneError('internal', `event type ${read.type} is not the current version of a resources event`, {
      rule: 'resource-event-is-current-version',
    });
  }
  // Sound: the registry validated `read.data` with exactly the definition `resourceEvents[name]`.
  const event = { type: name, data: read.data } as ResourceEvent;
  return { event, subject: envelope.subject, version: envelope.streamversion };
}
