import { z } from 'zod';

/** Environment of the import command. */
export const ImportEnv = z.object({
  /** The backbone's base URL. */
  BACKBONE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
  /** The importing department's bearer credential (`pnpm backbone token --department <id>` in embedded mode). */
  BACKBONE_TOKEN: z.string({ error: 'a department credential is needed' }).min(1, 'a department credential is needed'),
  /** Per request (ms). */
  BACKBONE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});
export type ImportConfig = z.infer<typeof ImportEnv>;

/** Parses the environment; throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): ImportConfig {
  const parsed = ImportEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
