import type { Router } from 'express';
import type { DestinationStream } from 'pino';
import { Registry } from 'prom-client';
import type { ApiRouter } from '../api/apiRouter.ts';
import { createServiceApp } from '../app/createServiceApp.ts';
import type { ServiceAppOptions } from '../app/createServiceApp.ts';
import { listen } from '../app/listen.ts';
import { createKeyStore } from '../identity/keyStore.ts';
import type { KeyStore } from '../identity/keyStore.ts';
import { issueToken } from '../identity/token.ts';
import type { IssueTokenOptions } from '../identity/token.ts';
import { createLogger } from '../logging/logger.ts';

export interface TestServiceAppOptions extends Partial<Omit<ServiceAppOptions, 'logger' | 'metrics' | 'keys'>> {
  /** Routers by mount prefix. */
  readonly mounts: Readonly<Record<string, ApiRouter | Router>>;
  readonly keys?: KeyStore;
}

/** A service app listening on an ephemeral port, for HTTP tests through the real middleware. */
export interface TestServiceApp {
  readonly url: string;
  readonly keys: KeyStore;
  readonly registry: Registry;
  /** Every log line written so far, parsed. */
  readonly logLines: Record<string, unknown>[];
  /** A valid credential for `department` (override any issuing option). */
  token(department: string, overrides?: Partial<IssueTokenOptions>): Promise<string>;
  close(): Promise<void>;
}

/** Starts a service app with an in-memory key set, a private registry and captured logs. */
export async function startTestServiceApp(options: TestServiceAppOptions): Promise<TestServiceApp> {
  const logLines: Record<string, unknown>[] = [];
  const destination: DestinationStream = { write: (line) => void logLines.push(JSON.parse(line) as Record<string, unknown>) };
  const keys = options.keys ?? createKeyStore();
  const registry = new Registry();
  const issuer = options.issuer ?? 'backbone-test';
  const audience = options.audience ?? 'backbone-api';
  const { mounts, ...rest } = options;
  const service = createServiceApp({
    name: 'test-service',
    ...rest,
    issuer,
    audience,
    keys,
    metrics: registry,
    logger: createLogger({ name: 'test-service', level: 'debug', destination }),
  });
  for (const [prefix, router] of Object.entries(mounts)) service.mount(prefix, router);
  const server = await listen(service.finalize());
  return {
    url: server.url,
    keys,
    registry,
    logLines,
    token: (department, overrides = {}) => issueToken({ department, keys, issuer, audience, ttlSeconds: 300, ...overrides }),
    close: () => server.close(),
  };
}
