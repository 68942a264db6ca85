import { z } from 'zod';
import { CONTEXTS, Envelope, contextTopic } from '../envelope.ts';
import type { EventDefinition } from '../eventType.ts';

/** The `ce_*` headers of the CloudEvents Kafka binding (binary mode), as a JSON Schema. */
function cloudEventHeaders(type: string): Record<string, unknown> {
  const envelope = z.toJSONSchema(Envelope, { target: 'draft-2020-12' }) as { properties: Record<string, unknown> };
  const properties: Record<string, unknown> = { 'content-type': { type: 'string', const: 'application/json' } };
  const required = ['content-type'];
  for (const [name, schema] of Object.entries(envelope.properties)) {
    if (name === 'data' || name === 'datacontenttype') continue;
    // Kafka header values are bytes; numbers travel as their decimal text.
    properties[`ce_${name}`] = name === 'type' ? { type: 'string', const: type } : name === 'streamversion' ? { type: 'string', pattern: '^[1-9][0-9]*$' } : schema;
    if (!['traceparent', 'prevhash'].includes(name)) required.push(`ce_${name}`);
  }
  return { type: 'object', properties, required };
}

const messageId = (definition: EventDefinition) => `${definition.name}V${definition.version}`;

/** An AsyncAPI 3.0 document describing every context topic and every event type on it. */
export function asyncApiDocument(definitions: readonly EventDefinition[], info: { version: string }): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const context of CONTEXTS) {
    const own = definitions.filter((d) => d.context === context);
    if (own.length === 0) continue;
    const channelId = `${context}Events`;
    const channelMessages: Record<string, unknown> = {};
    for (const definition of own) {
      messages[messageId(definition)] = {
        name: definition.type,
        title: `${definition.name} v${definition.version}`,
        contentType: 'application/json',
        headers: cloudEventHeaders(definition.type),
        payload: z.toJSONSchema(definition.schema, { target: 'draft-2020-12' }),
        bindings: { kafka: { key: { type: 'string', description: 'the aggregate id (CloudEvents subject)' } } },
      };
      channelMessages[messageId(definition)] = { $ref: `#/components/messages/${messageId(definition)}` };
    }
    channels[channelId] = {
      address: contextTopic(context),
      description: `Every event of the ${context} context, keyed by aggregate id (order per aggregate).`,
      messages: channelMessages,
    };
    operations[`receive${context[0]!.toUpperCase()}${context.slice(1)}Events`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `Consume ${context} events (CloudEvents 1.0, Kafka binding, binary mode).`,
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Coordination backbone events',
      version: info.version,
      description: 'Domain events published by the backbone. Each message is a CloudEvent in binary mode: ce_* headers, JSON data as the value.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
