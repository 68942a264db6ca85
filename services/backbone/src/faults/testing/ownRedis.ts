// Test fixture: a redis-server of the fault suite's own, as a child process on a free port, so
// the suite can FLUSHALL it without touching the Redis other suites share.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { portAnswers } from '@backbone/testkit';
import { Redis } from 'ioredis';
import type { Prerequisites } from './ownKafka.ts';

export interface OwnRedis {
  readonly url: string;
  /** Deletes every key: views, checkpoints, idempotency keys, holds. */
  flushAll(): Promise<void>;
  /** Its last output lines. */
  logTail(): string;
  stop(): Promise<void>;
}

/** Whether redis-server is installed. */
export function redisPrerequisites(): Prerequisites {
  const works = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  return works ? { available: true } : { available: false, reason: 'missing redis-server (apt-get install redis-server)' };
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` without persistence in the foreground of a child process and waits until it answers. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').trimEnd().split('\n').map((line) => `[redis ${port}] ${line}`));
    lines.splice(0, Math.max(0, lines.length - 50));
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await portAnswers('127.0.0.1', port, 200))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`redis-server on ${port} did not start\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    async flushAll() {
      const client = new Redis(url, { maxRetriesPerRequest: 3 });
      try {
        await client.flushall();
      } finally {
        await client.quit();
      }
    },
    logTail: () => lines.join('\n'),
    async stop() {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
