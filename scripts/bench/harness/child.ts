// Runs one part of a benchmark in a process of its own (forked by runPart), so each part has
// its own CPU profile and its own peak RSS. Parent → child: a PartRequest; child → parent: a PartReply.
import { pathToFileURL } from 'node:url';
import { peakRssBytes } from './peakRss.ts';
import type { PartReply, PartRequest } from './protocol.ts';

const send = (reply: PartReply) =>
  new Promise<void>((resolve) => {
    if (!process.send) throw new Error('a bench part must be started by runPart (no IPC channel)');
    process.send(reply, () => resolve());
  });

const messageOf = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

async function callPart(request: PartRequest): Promise<unknown> {
  const module: Record<string, unknown> = await import(pathToFileURL(request.module).href);
  const part = module[request.name];
  if (typeof part !== 'function') throw new Error(`${request.module} exports no part named ${request.name}`);
  return (part as (input: unknown) => Promise<unknown>)(request.input);
}

process.once('message', (request: PartRequest) => {
  const started = performance.now();
  void (async () => {
    try {
      const value = await callPart(request);
      if (request.kind === 'task') {
        await send({ kind: 'done', result: value, peakRssBytes: peakRssBytes(), seconds: (performance.now() - started) / 1000 });
        process.exit(0);
      }
      const service = value as { info: unknown; stop(): Promise<unknown> };
      process.once('message', () => {
        void service.stop().then(
          async (result) => {
            await send({ kind: 'done', result, peakRssBytes: peakRssBytes(), seconds: (performance.now() - started) / 1000 });
            process.exit(0);
          },
          async (error: unknown) => {
            await send({ kind: 'failed', error: messageOf(error) });
            process.exit(1);
          },
        );
      });
      await send({ kind: 'ready', info: service.info });
    } catch (error) {
      await send({ kind: 'failed', error: messageOf(error) });
      process.exit(1);
    }
  })();
});
