import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeCheckpointStoreContract } from './checkpointStore.contract.ts';
import { createSqliteCheckpointStore } from './sqliteCheckpointStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCheckpointStoreContract('sqlite', () => createSqliteCheckpointStore({ path: join(dir, 'checkpoints.sqlite') }));
