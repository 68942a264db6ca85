import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allEventDefinitions } from '../events/index.ts';
import { judge, readSnapshot } from './snapshots.ts';

const dir = fileURLToPath(new URL('../../schemas', import.meta.url));

// The committed snapshots are the published contract; this is the CI gate on schema evolution.
describe('committed event schema snapshots', () => {
  it('has at least one published event type', () => {
    expect(allEventDefinitions.length).toBeGreaterThan(0);
  });

  it.each(allEventDefinitions.map((d) => [d.type, d] as const))('%s matches its snapshot', (_type, definition) => {
    const verdict = judge(definition, readSnapshot(dir, definition.type));
    if (verdict.state === 'incompatible') {
      const detail = verdict.problems.map((p) => `r${p.revision} ${p.path}: ${p.problem}`).join('; ');
      expect.fail(`${definition.type} changed incompatibly (publish a v${definition.version + 1} instead): ${detail}`);
    }
    expect(verdict.state, 'run `pnpm contracts:snapshot` and commit packages/contracts/schemas').toBe('unchanged');
  });
});
