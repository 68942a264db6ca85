// Test fixture: the embedded backbone in this process on a temporary DATA_DIR, credentials it
// accepts, its OpenAPI document and directory, and the head of its event log read from the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import type { EventStore } from '@backbone/eventsourcing';
import { createLogger } from '@backbone/service-kit';
import { startBackbone } from '../../composition/startBackbone.ts';
import type { RunningBackbone } from '../../composition/startBackbone.ts';
import { loadConfig } from '../../config.ts';
import { tokenIssuer } from '../../testing/tokens.ts';
import type { OpenApiDocument } from './openApiCommands.ts';

export interface Directory {
  readonly departments: readonly string[];
  readonly coordinating: string;
  readonly fields: readonly string[];
}

export interface SecurityBackbone {
  readonly url: string;
  readonly dataDir: string;
  /** Where the signing keys live (the private JWKs a forger would need). */
  readonly keysDir: string;
  readonly openApi: OpenApiDocument;
  readonly directory: Directory;
  /** A credential the backbone accepts, for any department id (known to the directory or not). */
  token(department: string): Promise<string>;
  /** The global position of the newest stored event, read from `<DATA_DIR>/events.db`. */
  headPosition(): Promise<number>;
  /** Stops the backbone and closes the log, keeping DATA_DIR (for an operator command to open). */
  halt(): Promise<void>;
  /** Halts, then removes DATA_DIR. */
  stop(): Promise<void>;
}

/** Starts the embedded backbone with its defaults, silent, on a free port; `stop()` removes everything. */
export async function startSecurityBackbone(env: Readonly<Record<string, string>> = {}): Promise<SecurityBackbone> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backbone-security-'));
  let backbone: RunningBackbone | undefined;
  let store: EventStore | undefined;
  try {
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
    backbone = await startBackbone(config, createLogger({ name: 'security-tests', level: 'silent' }));
    store = createSqliteEventStore({ path: join(dataDir, 'events.db') });
    const openApi = (await (await fetch(`${backbone.url}/openapi.json`)).json()) as OpenApiDocument;
    const departments = (await (await fetch(`${backbone.url}/api/reference/departments`)).json()) as { id: string; coordinating: boolean }[];
    const fields = (await (await fetch(`${backbone.url}/api/reference/fields`)).json()) as { id: string }[];
    const coordinating = departments.find((d) => d.coordinating)?.id;
    if (!coordinating) throw new Error('the directory names no coordinating department');
    const issue = tokenIssuer({ dataDir });
    const running = backbone;
    const events = store;
    let halted: Promise<void> | undefined;
    const halt = () =>
      (halted ??= (async () => {
        await running.stop();
        await events.close();
      })());
    return {
      url: running.url,
      dataDir,
      keysDir: join(dataDir, 'keys'),
      openApi,
      directory: { departments: departments.map((d) => d.id), coordinating, fields: fields.map((f) => f.id) },
      token: issue,
      headPosition: async () => (await events.headPosition()) ?? 0,
      halt,
      async stop() {
        await halt();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await backbone?.stop();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
