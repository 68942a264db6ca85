import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROCESS_NODE_FLAGS } from './runPart.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the Node flags of bench parts', () => {
  it('are the ones the backbone runs with in pnpm start, pnpm backbone and the image', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const dockerfile = read('infra/Dockerfile');
    for (const flag of PROCESS_NODE_FLAGS) {
      expect(scripts.start).toContain(`node ${flag} `);
      expect(scripts.backbone).toContain(`node ${flag} `);
      expect(dockerfile).toContain(`ENTRYPOINT ["node", "${flag}"`);
    }
  });
});
