// Service part of the HTTP benchmark: the bare express baseline, in a process that loads nothing of the backbone.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { RunningService } from '../../harness/protocol.ts';
import type { ServerInfo } from './backboneServer.ts';

/** A bare express 5 app with express.json() answering the same routes with bodies of the same shape. */
export async function expressServer(): Promise<RunningService<ServerInfo>> {
  const app = express();
  app.use(express.json());
  const answer = (version: number) => (id: string) => ({ id, version, eventIds: [randomUUID()] });
  app.post('/api/tasks', (_req, res) => void res.status(201).json(answer(1)(`task-${randomUUID()}`)));
  app.post('/api/tasks/:id/assignments', (req, res) => void res.status(200).json(answer(2)(req.params.id)));
  app.post('/api/tasks/:id/accept', (req, res) => void res.status(200).json(answer(3)(req.params.id)));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    info: { url: `http://127.0.0.1:${port}`, tokens: { coordinating: 'unused', lead: 'unused' } },
    stop: () =>
      new Promise<undefined>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve(undefined)));
      }),
  };
}
