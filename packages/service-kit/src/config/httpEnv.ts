import { z } from 'zod';

/** Variables every HTTP process reads; extend it with the process's own (`HttpEnv.extend({...})`). */
export const HttpEnv = z.object({
  /** TCP port of the HTTP API; 0 picks a free one. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Interface to listen on. */
  HOST: z.string().default('127.0.0.1'),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `iss` of department credentials. */
  AUTH_ISSUER: z.string().min(1).default('backbone'),
  /** `aud` of department credentials. */
  AUTH_AUDIENCE: z.string().min(1).default('backbone-api'),
  /** Directory of the dev key store (private JWKs, mode 0600). */
  AUTH_KEYS_DIR: z.string().min(1).default('.backbone/keys'),
  /** Largest JSON body, e.g. `256kb`. */
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)?$/i, 'a size such as 256kb').default('256kb'),
  /** Deepest JSON nesting accepted. */
  HTTP_MAX_JSON_DEPTH: z.coerce.number().int().min(1).default(32),
  /** Requests unanswered after this many ms get a 503. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** Sustained requests per minute per department. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().positive().default(600),
  /** Requests a department may send at once after a quiet spell. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(60),
});
export type HttpEnv = z.infer<typeof HttpEnv>;
