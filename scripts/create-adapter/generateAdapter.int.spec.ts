import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAdapter } from './generateAdapter.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

function run(command: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output: output.replace(/\u001b\[[0-9;]*m/g, '') }));
  });
}

/** What `pnpm install` does for the new package: links its workspace and registry dependencies. */
function linkDependencies(dir: string): void {
  const sdk = join(repoRoot, 'packages', 'adapter-sdk');
  const links: Record<string, string> = {
    '@backbone/adapter-sdk': sdk,
    '@backbone/contracts': join(repoRoot, 'packages', 'contracts'),
    zod: realpathSync(join(sdk, 'node_modules', 'zod')),
    pino: realpathSync(join(sdk, 'node_modules', 'pino')),
    'prom-client': realpathSync(join(sdk, 'node_modules', 'prom-client')),
  };
  mkdirSync(join(dir, 'node_modules', '@backbone'), { recursive: true });
  for (const [name, target] of Object.entries(links)) symlinkSync(target, join(dir, 'node_modules', name), 'dir');
}

describe('pnpm create-adapter', () => {
  // Inside services/adapters, so that it resolves like a workspace package; removed afterwards.
  const outDir = join(repoRoot, 'services', 'adapters', `scaffold-test-${randomUUID().slice(0, 8)}`);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('refuses an id that is not a department of the reference config', () => {
    expect(() => generateAdapter({ department: 'tax-bureau', repoRoot, outDir })).toThrow(/"tax-bureau" is not in .*reference\.json; known: social-work, science-technology, civil-affairs/);
    expect(() => generateAdapter({ department: 'Civil Affairs', repoRoot, outDir })).toThrow(/is not a department id/);
  });

  it('generates a package that type-checks and whose tests pass, and never overwrites it', async () => {
    const generated = generateAdapter({ department: 'civil-affairs', repoRoot, outDir });
    expect(generated).toMatchObject({ dir: outDir, packageName: '@backbone/adapter-civil-affairs', placeholder: false });
    expect(generated.files).toEqual([
      'README.md',
      'package.json',
      'src/config.ts',
      'src/config.unit.spec.ts',
      'src/handlers.ts',
      'src/handlers.unit.spec.ts',
      'src/index.ts',
      'src/main.ts',
      'tsconfig.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
    expect(manifest.name).toBe('@backbone/adapter-civil-affairs');
    expect(readFileSync(join(outDir, 'src', 'config.ts'), 'utf8')).toContain("export const DEPARTMENT = 'civil-affairs';");
    expect(() => generateAdapter({ department: 'civil-affairs', repoRoot, outDir })).toThrow(/already exists; refusing to overwrite/);

    linkDependencies(outDir);
    const typecheck = await run(bin('tsc'), ['-p', join(outDir, 'tsconfig.json'), '--noEmit']);
    expect(typecheck.output).toBe('');
    expect(typecheck.code).toBe(0);
    const tests = await run(bin('vitest'), ['run', relative(repoRoot, outDir)]);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).toMatch(/Tests\s+5 passed \(5\)/);
  }, 180_000);
});
