export {
  CONTEXTS,
  Envelope,
  EVENT_TYPE_PATTERN,
  contextTopic,
  deadLetterTopic,
  inboxTopic,
  parseEventType,
} from './envelope.ts';
export type { Context } from './envelope.ts';
export { defineEvent } from './eventType.ts';
export type { DomainEvent, EventData, EventDefinition } from './eventType.ts';
export { BackboneError, forbidden, ruleViolation } from './errors.ts';
export type { BackboneErrorOptions, ErrorCode } from './errors.ts';
export { createEventRegistry } from './registry.ts';
export type { EventRegistry, Upcaster } from './registry.ts';
export { allEventDefinitions } from './events/index.ts';
