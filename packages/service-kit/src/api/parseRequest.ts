import type { Request } from 'express';
import type { z } from 'zod';
import { invalidInput, issuesOf } from '../errors/zodIssues.ts';
import type { Issue } from '../errors/zodIssues.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[\x20-\x7E]{1,200}$/;

/** Collects the issues of every part of a request before refusing it, so the caller sees them all. */
export class RequestParser {
  private readonly issues: Issue[] = [];

  constructor(private readonly req: Request) {}

  /** Parses one part (`body`, `params`, `query`); undefined when it failed. */
  part<T extends z.ZodType>(schema: T, value: unknown, location: string): z.output<T> | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.issues.push(...issuesOf(parsed.error, location));
    return undefined;
  }

  /** The `Idempotency-Key` header: 1–200 printable ASCII characters when present. */
  idempotencyKey(): string | undefined {
    const key = this.req.get(IDEMPOTENCY_HEADER);
    if (key === undefined || IDEMPOTENCY_KEY.test(key)) return key;
    this.issues.push({
      path: `headers.${IDEMPOTENCY_HEADER}`,
      message: 'Idempotency-Key must be 1 to 200 printable ASCII characters',
    });
    return undefined;
  }

  /** Throws `invalid_input` with every issue found so far. */
  assertValid(): void {
    if (this.issues.length > 0) throw invalidInput(this.issues);
  }
}
