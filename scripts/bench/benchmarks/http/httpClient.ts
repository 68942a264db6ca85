import { Agent, request } from 'node:http';

/** A keep-alive HTTP/1.1 client over at most `connections` sockets: the one load generator of both servers. */
export interface HttpClient {
  send(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; body: string }>;
  close(): void;
}

export function httpClient(baseUrl: string, connections: number): HttpClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  return {
    send(method, path, token, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/json',
              ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** The value of a sample line of a `/metrics` page (`name{labels} value`). */
export function sampleValue(line: string): number {
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Polls `/readyz` until it answers 200. */
export async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (performance.now() > deadline) throw new Error(`${url}/readyz still answers ${status} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The three commands of a task's opening, with the bodies both servers get. */
export const taskOpening = {
  create: (dueDate: string) => ({ title: 'Key task: community volunteer service pilot', description: 'Social work and volunteer teams in two streets.', field: 'new-employment-groups', dueDate }),
  assign: { lead: 'civil-affairs', supporting: ['science-technology'] },
  accept: {},
};

/** Departments whose tokens the load uses: the coordinating one creates and assigns, the lead accepts. */
export interface LoadTokens {
  readonly coordinating: string;
  readonly lead: string;
}
