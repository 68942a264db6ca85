import { BackboneError } from '@backbone/contracts';
import type { z } from 'zod';

/** One field-level problem, its path dotted (`body.assignees.0.department`). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** Every zod issue with its dotted path under `location`; unknown keys become one issue per key. */
export function issuesOf(error: z.core.$ZodError, location?: string): Issue[] {
  const dotted = (segments: readonly PropertyKey[]): string =>
    [...(location === undefined ? [] : [location]), ...segments.map(String)].join('.');
  return error.issues.flatMap((issue): Issue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: `Unknown field "${key}"` }));
    }
    return [{ path: dotted(issue.path), message: issue.message }];
  });
}

/** An `invalid_input` error that lists the issues of every failed parse. */
export function invalidInput(issues: readonly Issue[], cause?: unknown): BackboneError {
  const summary = issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  return new BackboneError('invalid_input', `The request is invalid: ${summary.join('; ')}`, { issues, cause });
}
