import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** The repository's infra/ folder. */
export const INFRA_DIR = fileURLToPath(new URL('../../../../../infra/', import.meta.url));

const Service = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).or(z.array(z.string())).optional(),
  profiles: z.array(z.string()).optional(),
  command: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
});
const ComposeFile = z.object({ services: z.record(z.string(), Service) });
export type ComposeService = z.infer<typeof Service>;

export interface ComposeStack {
  /** The file as YAML parsed it (merge keys resolved), for the schema check. */
  readonly document: unknown;
  readonly services: readonly (readonly [string, ComposeService])[];
  /** The long-running backbone processes: built from infra/Dockerfile, in no optional profile. */
  readonly backbone: readonly { readonly name: string; readonly environment: Readonly<Record<string, string>> }[];
  /** The one-shot backbone commands of an optional profile (e.g. `demo`): the image's entrypoint (tsx) runs `command`. */
  readonly jobs: readonly { readonly name: string; readonly profiles: readonly string[]; readonly command: readonly string[] }[];
}

/** Reads infra/compose.yaml: what the proof starts is the process layout operators deploy. */
export function readComposeStack(path = join(INFRA_DIR, 'compose.yaml')): ComposeStack {
  const document: unknown = parse(readFileSync(path, 'utf8'), { merge: true });
  const services = Object.entries(ComposeFile.parse(document).services);
  const backbone = services
    .filter(([, service]) => service.build !== undefined && service.profiles === undefined)
    .map(([name, service]) => ({ name, environment: service.environment ?? {} }));
  const jobs = services
    .filter(([, service]) => service.build !== undefined && service.profiles !== undefined && service.command !== undefined)
    .map(([name, service]) => ({ name, profiles: service.profiles ?? [], command: service.command ?? [] }));
  return { document, services, backbone, jobs };
}
