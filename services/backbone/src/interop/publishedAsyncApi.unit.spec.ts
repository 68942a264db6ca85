import { CONTEXTS, allEventDefinitions, contextTopic } from '@backbone/contracts';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { publishedAsyncApiDocument } from './publishedAsyncApi.ts';

// Spectral's diagnostic severities: 0 error, 1 warning, 2 information, 3 hint.
const ERROR = 0;

describe('the published AsyncAPI document', () => {
  it('parses with @asyncapi/parser without a single error', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(publishedAsyncApiDocument()));
    const errors = diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  }, 60_000);

  it('covers every context topic, the department inbox pattern, and every event type on them', async () => {
    const { document } = await new Parser().parse(JSON.stringify(publishedAsyncApiDocument()));
    const channels = document!.channels().all();
    const addresses = channels.map((c) => c.address());
    const contexts = CONTEXTS.filter((context) => allEventDefinitions.some((d) => d.context === context));
    expect(addresses).toEqual(expect.arrayContaining([...contexts.map(contextTopic), 'backbone.inbox.{department}.v1']));

    const typesOn = (address: string) => channels.find((c) => c.address() === address)!.messages().all().map((m) => m.name());
    for (const context of contexts) {
      const own = allEventDefinitions.filter((d) => d.context === context).map((d) => d.type);
      expect(typesOn(contextTopic(context)).sort()).toEqual(own.sort());
    }
    expect(typesOn('backbone.inbox.{department}.v1').sort()).toEqual(allEventDefinitions.map((d) => d.type).sort());
    expect(channels.find((c) => c.address() === 'backbone.inbox.{department}.v1')!.parameters().all().map((p) => p.id())).toEqual(['department']);
    expect(document!.operations().all().map((o) => o.action())).toEqual(expect.arrayContaining(['receive']));
  }, 60_000);
});
