import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_HEADERS } from '../signing/webhookSignature.ts';
import type { SignatureCheck } from '../signing/webhookSignature.ts';

/** One request the receiver got. */
export interface ReceivedDelivery {
  readonly eventId: string;
  readonly subject: string;
  readonly type: string;
  readonly attempt: number;
  readonly contentType: string;
  readonly signature: SignatureCheck;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/** How the endpoint answers a delivery: a status (200, 500, 410…), after an optional delay, or never. */
export type Answer = { readonly status: number; readonly delayMs?: number } | 'hang';
export type Behaviour = (delivery: ReceivedDelivery) => Answer;

export const ok: Behaviour = () => ({ status: 204 });

/** A real HTTP endpoint of a department system: verifies signatures, records deliveries, answers as told. */
export async function startReceiver(secret: string, initial: Behaviour = ok) {
  const deliveries: ReceivedDelivery[] = [];
  const answered: ReceivedDelivery[] = [];
  const hanging = new Set<ServerResponse>();
  let behaviour = initial;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const delivery: ReceivedDelivery = {
        eventId: String(req.headers[WEBHOOK_HEADERS.eventId]),
        subject: String(body.subject),
        type: String(body.type),
        attempt: Number(req.headers[WEBHOOK_HEADERS.attempt]),
        contentType: String(req.headers['content-type']),
        signature: verifyWebhookSignature({ secret, body: raw, headers: req.headers }),
        body,
        at: Date.now(),
      };
      deliveries.push(delivery);
      const answer = behaviour(delivery);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      setTimeout(() => {
        if (answer.status < 300) answered.push(delivery);
        res.writeHead(answer.status).end();
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/backbone`,
    /** Every request, answered or not. */
    deliveries,
    /** The deliveries answered 2xx: what the department system accepted. */
    accepted: answered,
    answerWith(next: Behaviour) {
      behaviour = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
