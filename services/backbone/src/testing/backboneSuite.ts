import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import { startBackboneProcess } from './backboneProcess.ts';
import type { BackboneProcess, BackboneProcessOptions } from './backboneProcess.ts';

/** The processes, directories and other leftovers of one test suite. */
export interface BackboneSuite {
  /** Starts a backbone process; it is stopped after the suite. */
  start(options: BackboneProcessOptions): Promise<BackboneProcess>;
  /** A fresh temporary directory, removed after the suite once its processes stopped. */
  tempDir(prefix?: string): string;
  /** Runs after the processes stopped and before the directories go (e.g. deleting Kafka topics). */
  onCleanup(cleanup: () => Promise<void> | void): void;
  /** The recent output of every process the suite started. */
  logs(): string;
}

/**
 * Call at the top of a `describe`: registers the hooks that print every process's output when a
 * test fails, and that stop the processes (SIGTERM, then SIGKILL), run the cleanups and remove
 * the directories after the suite.
 */
export function backboneSuite(): BackboneSuite {
  const processes: BackboneProcess[] = [];
  const directories: string[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const logs = () => processes.map((p) => p.logs()).join('\n');

  beforeEach((context) => {
    context.onTestFailed(() => {
      console.error(`--- output of the backbone processes (${processes.map((p) => p.name).join(', ')}) ---\n${logs()}`);
    });
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('a suite cleanup failed', error);
      }
    }
    for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  });

  return {
    async start(options) {
      const started = await startBackboneProcess(options);
      processes.push(started);
      return started;
    },
    tempDir(prefix = 'backbone-e2e-') {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      directories.push(dir);
      return dir;
    },
    onCleanup(cleanup) {
      cleanups.push(cleanup);
    },
    logs,
  };
}
