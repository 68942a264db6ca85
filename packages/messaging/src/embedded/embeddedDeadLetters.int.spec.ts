import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeDeadLetterToolContract } from '../deadLetters/deadLetterTool.contract.ts';
import { createEmbeddedBus } from './embeddedBus.ts';
import { createEmbeddedDeadLetterTool } from './embeddedDeadLetters.ts';

const dir = mkdtempSync(join(tmpdir(), 'embedded-dlq-'));
const path = join(dir, 'bus.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDeadLetterToolContract('embedded', {
  createBus: () => createEmbeddedBus({ path }),
  createTool: () => createEmbeddedDeadLetterTool({ path }),
});
