import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
const DEPARTMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface GenerateAdapterOptions {
  /** A department id listed in the reference config. */
  readonly department: string;
  /** The repository root (holds tsconfig.base.json and services/adapters). */
  readonly repoRoot: string;
  /** Where to write the package; default `services/adapters/<department>`. */
  readonly outDir?: string;
  /** The reference config to check the id against; default `config/reference.json`. */
  readonly referencePath?: string;
}

export interface GeneratedAdapter {
  readonly dir: string;
  readonly packageName: string;
  /** The files written, relative to `dir`. */
  readonly files: readonly string[];
  /** Whether the department is still a placeholder in the reference config. */
  readonly placeholder: boolean;
}

interface ReferenceDepartment {
  readonly id: string;
  readonly name: string;
  readonly placeholder: boolean;
}

function departmentsOf(referencePath: string): ReferenceDepartment[] {
  const config = JSON.parse(readFileSync(referencePath, 'utf8')) as { departments?: unknown };
  if (!Array.isArray(config.departments)) throw new Error(`${referencePath} has no "departments" list`);
  return config.departments.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, name, placeholder } = entry as Record<string, unknown>;
    return typeof id === 'string' ? [{ id, name: typeof name === 'string' ? name : id, placeholder: placeholder === true }] : [];
  });
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(dir, join(prefix, entry.name)) : entry.name.endsWith('.tmpl') ? [join(prefix, entry.name)] : [],
  );
}

const posix = (path: string) => path.split('\\').join('/');

/**
 * Writes a new department adapter package from the templates: package.json
 * (`@backbone/adapter-<id>`), tsconfig, a zod config with `loadConfig(env)`, typed handlers,
 * a main, passing tests and a README. Checks the id against the reference config and never
 * overwrites: an existing directory is refused.
 */
export function generateAdapter(options: GenerateAdapterOptions): GeneratedAdapter {
  const { department } = options;
  const repoRoot = resolve(options.repoRoot);
  if (!DEPARTMENT_ID.test(department)) throw new Error(`"${department}" is not a department id (lowercase letters, digits and dashes)`);
  const referencePath = options.referencePath ?? join(repoRoot, 'config', 'reference.json');
  const departments = departmentsOf(referencePath);
  const known = departments.find((d) => d.id === department);
  if (!known) throw new Error(`department "${department}" is not in ${referencePath}; known: ${departments.map((d) => d.id).join(', ')}`);

  const dir = resolve(options.outDir ?? join(repoRoot, 'services', 'adapters', department));
  if (existsSync(dir)) throw new Error(`${dir} already exists; refusing to overwrite it`);
  const packageName = `@backbone/adapter-${department}`;
  const values: Record<string, string> = {
    department,
    departmentName: known.name,
    packageName,
    tsconfigBase: posix(relative(dir, join(repoRoot, 'tsconfig.base.json'))),
    repoRootFromPackage: posix(relative(dir, repoRoot)) || '.',
    packageDirFromRoot: posix(relative(repoRoot, dir)),
  };

  const files = templateFiles(TEMPLATES).map((template) => {
    const target = template.replace(/\.tmpl$/, '');
    const text = readFileSync(join(TEMPLATES, template), 'utf8').replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`template ${template} uses an unknown placeholder ${match}`);
      return value;
    });
    mkdirSync(dirname(join(dir, target)), { recursive: true });
    writeFileSync(join(dir, target), text, { flag: 'wx' });
    return posix(target);
  });
  return { dir, packageName, files: files.sort(), placeholder: known.placeholder };
}
