import { allEventDefinitions, asyncApiDocument, inboxTopic } from '@backbone/contracts';
import type { EventDefinition } from '@backbone/contracts';

export interface PublishedAsyncApiOptions {
  /** `info.version` of the document: the version of the topic contract (default `1.0.0`). */
  readonly version?: string;
  readonly definitions?: readonly EventDefinition[];
}

type Channels = Record<string, { readonly messages?: Record<string, unknown>; readonly [field: string]: unknown }>;

/**
 * The AsyncAPI 3 document the backbone publishes at `/asyncapi.json`: every context topic with
 * its event types (generated from the zod contracts), plus the department inbox topic
 * `backbone.inbox.{department}.v1`, which carries copies of the events of every context that
 * concern that department.
 */
export function publishedAsyncApiDocument(options: PublishedAsyncApiOptions = {}): Record<string, unknown> {
  const document = asyncApiDocument(options.definitions ?? allEventDefinitions, { version: options.version ?? '1.0.0' });
  const channels = document.channels as Channels;
  const operations = document.operations as Record<string, unknown>;
  const inboxMessages = Object.fromEntries(Object.values(channels).flatMap((channel) => Object.entries(channel.messages ?? {})));
  channels.departmentInbox = {
    address: inboxTopic('{department}'),
    title: "A department's inbox",
    description:
      'Copies, unchanged (same CloudEvent, same key), of every event that concerns the department: tasks it leads or supports, ' +
      'blocks asking its help, escalations, grants it sponsors, aggregates it created. A department system is granted exactly its own inbox. ' +
      'At least once, in order per aggregate: deduplicate by (ce_subject, ce_streamversion).',
    parameters: {
      department: { description: 'A department id, as listed by GET /api/reference/departments (e.g. civil-affairs).' },
    },
    messages: inboxMessages,
  };
  operations.receiveDepartmentInbox = {
    action: 'receive',
    channel: { $ref: '#/channels/departmentInbox' },
    summary: "Consume one department's inbox (CloudEvents 1.0, Kafka binding, binary mode).",
  };
  return document;
}
