import { BackboneError } from '@backbone/contracts';
import type { z } from 'zod';
import { issuesOf } from '../errors/zodIssues.ts';

/** The process environment, or any map of variables. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Turns an `Env` schema into `loadConfig(env)`. Empty variables count as unset; a bad
 * environment throws one `invalid_input` error naming every bad variable (never its value).
 */
export function defineConfig<TSchema extends z.ZodObject>(schema: TSchema): (env: EnvSource) => z.output<TSchema> {
  return (env) => {
    const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
    const parsed = schema.safeParse(present);
    if (parsed.success) return parsed.data;
    const issues = issuesOf(parsed.error).map((issue) => ({
      path: issue.path,
      message: present[issue.path] === undefined && issue.path !== '' ? 'is required' : issue.message,
    }));
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new BackboneError('invalid_input', `Invalid configuration (${issues.length}):\n${lines.join('\n')}`, { issues });
  };
}
