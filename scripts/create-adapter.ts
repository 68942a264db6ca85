// `pnpm create-adapter <department-id> [--out-dir <dir>] [--no-install]`: scaffolds a department
// adapter package under services/adapters/<department-id>, then links it into the workspace.
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateAdapter } from './create-adapter/generateAdapter.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'out-dir': { type: 'string' }, 'no-install': { type: 'boolean', default: false } },
});
const department = positionals[0];
if (!department) {
  console.error('usage: pnpm create-adapter <department-id> [--out-dir <dir>] [--no-install]');
  process.exit(2);
}

try {
  const generated = generateAdapter({ department, repoRoot, outDir: values['out-dir'] });
  const where = relative(repoRoot, generated.dir);
  console.log(`created ${generated.packageName} in ${where}:`);
  for (const file of generated.files) console.log(`  ${file}`);
  if (generated.placeholder) console.warn(`note: ${department} is still a placeholder department in config/reference.json`);
  if (!values['no-install']) {
    const install = spawnSync('pnpm', ['install'], { cwd: repoRoot, stdio: 'inherit' });
    if (install.status !== 0) throw new Error('pnpm install failed; run it yourself to link the new package');
  }
  console.log(`\nnext: pnpm vitest run ${where} && pnpm typecheck; then read docs/adapters.md`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
