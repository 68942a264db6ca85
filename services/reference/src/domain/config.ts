import { z } from 'zod';
import { BackboneError } from '@backbone/contracts';
import { SYSTEM_ACTOR } from './commands.ts';
import type { DirectorySeed, SeedDirectory } from './commands.ts';
import { seedProblems } from './seedRules.ts';

// Ids are checked by seedProblems (with the rule names the decider uses), so plain strings here.
const Name = z.string().trim().min(1).max(200);

/** The schema of config/reference.json. */
export const ReferenceConfig = z
  .strictObject({
    departments: z.array(
      z.strictObject({
        id: z.string(),
        name: Name,
        nameZh: Name.optional(),
        coordinating: z.boolean().default(false),
        placeholder: z.boolean().default(false),
      }),
    ),
    fields: z.array(
      z.strictObject({ id: z.string(), name: Name, nameZh: Name.optional(), placeholder: z.boolean().default(false) }),
    ),
  })
  .superRefine((config, ctx) => {
    for (const problem of seedProblems(config)) {
      const path = problem.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      ctx.addIssue({ code: 'custom', path, message: `${problem.rule}: ${problem.message}` });
    }
  });
export type ReferenceConfig = z.output<typeof ReferenceConfig>;

/**
 * Parses and checks the reference config (a JSON text or an already parsed value). Throws
 * `BackboneError('invalid_input')` listing every problem with its path.
 */
export function parseReferenceConfig(json: unknown): ReferenceConfig {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (cause) {
      throw new BackboneError('invalid_input', 'the reference config is not valid JSON', { rule: 'config-is-json', cause });
    }
  }
  const parsed = ReferenceConfig.safeParse(value);
  if (!parsed.success) {
    throw new BackboneError('invalid_input', 'the reference config is invalid', {
      rule: 'reference-config-valid',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** The command that seeds an empty directory from the config. */
export function seedDirectoryCommand(config: DirectorySeed): SeedDirectory {
  return { type: 'seedDirectory', actor: SYSTEM_ACTOR, data: config };
}
