export { AdapterBusEnv, busConfigOf, openAdapterBus, openDeadLetters, physicalTopic } from './bus/adapterBus.ts';
export type { AdapterBusConfig, OpenAdapterBusOptions } from './bus/adapterBus.ts';
export { isEventName, knownEvents } from './events/knownEvents.ts';
export type { Delivery, EventDataOf, EventHandlers, EventName, ReceivedEvent } from './events/knownEvents.ts';
export { readRecord } from './events/readEvent.ts';
export type { ReadOutcome, UnreadableEvent, UnreadableKind } from './events/readEvent.ts';
export { adapterGroup, createAdapter } from './subscriptions/createAdapter.ts';
export type { Adapter, AdapterOptions, AdapterRetry, UnknownDecision } from './subscriptions/createAdapter.ts';
export { ShutdownCutShort, shutdownOnSignals } from './lifecycle/shutdownOnSignals.ts';
export type { ShutdownOptions, Stoppable } from './lifecycle/shutdownOnSignals.ts';
export { startMetricsServer } from './metrics/metricsServer.ts';
export { counterIn, histogramIn } from './metrics/registered.ts';
export type { MetricsServer } from './metrics/metricsServer.ts';
export { createCommandClient } from './commands/commandClient.ts';
export type { CallOptions, CommandClient, CommandClientOptions, RawCall } from './commands/commandClient.ts';
export { problemOfError } from './commands/problemError.ts';
export type { Problem } from './commands/problemError.ts';
export type {
  AssignTaskBody,
  BlockTaskBody,
  CancelTaskBody,
  ChangeDueDateBody,
  CommandAnswer,
  CompleteTaskBody,
  CreateTaskBody,
  DeclineTaskBody,
  ReportProgressBody,
  TaskHistory,
  TaskSnapshot,
  UnblockTaskBody,
  VerifyTaskBody,
} from './commands/taskCommands.ts';
