import type { Request, Response } from 'express';
import type { z } from 'zod';

export type CommandMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type HttpMethod = CommandMethod | 'GET';

/** What every command answers: the aggregate, its new version and the events written. */
export interface CommandResult {
  readonly id: string;
  readonly version: number;
  readonly eventIds: readonly string[];
}

/** A route with its schemas and its express handler, its generics erased; built by `defineCommand`/`defineQuery`. */
export interface RouteDefinition {
  readonly kind: 'command' | 'query';
  readonly method: HttpMethod;
  /** Express path relative to the router's mount point, `:name` for parameters. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly operationId?: string;
  /** Answers without a credential. */
  readonly public: boolean;
  readonly success: 200 | 201;
  readonly schemas: {
    readonly body?: z.ZodType;
    readonly params?: z.ZodObject;
    readonly query?: z.ZodObject;
    readonly response?: z.ZodType;
  };
  readonly handler: (req: Request, res: Response) => Promise<void>;
}
