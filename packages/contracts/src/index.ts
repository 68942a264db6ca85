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
export {
  DepartmentId,
  DepartmentRegistered,
  DepartmentUpdated,
  FieldId,
  FieldRegistered,
  FieldUpdated,
  REFERENCE_ID_PATTERN,
  referenceEvents,
} from './events/reference.ts';
export type { ReferenceEvent, ReferenceEventName } from './events/reference.ts';
export {
  TaskAccepted,
  TaskAssigned,
  TaskBecameOverdue,
  TaskBlocked,
  TaskCancelled,
  TaskCompleted,
  TaskCreated,
  TaskDeclined,
  TaskDueDateChanged,
  TaskEscalated,
  TaskId,
  TaskProgressReported,
  TaskReassigned,
  TaskReopened,
  TaskUnblocked,
  TaskVerified,
  taskEvents,
} from './events/tasks.ts';
export type { TaskEvent, TaskEventName } from './events/tasks.ts';
export { asyncApiDocument } from './asyncapi/asyncApiDocument.ts';
export { dataJsonSchema } from './evolution/snapshots.ts';
