import express from 'express';
import type { Express, Request, Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ApiRouter } from '../api/apiRouter.ts';
import { compileRoutePattern, joinPath } from '../api/pathPattern.ts';
import { correlationId } from '../correlation/correlationId.ts';
import { requestContextOf } from '../correlation/requestContext.ts';
import { sendProblem } from '../errors/problemDetails.ts';
import type { ProblemOptions } from '../errors/problemDetails.ts';
import { notFoundHandler, problemHandler } from '../errors/problemHandler.ts';
import { authenticate } from '../identity/authenticate.ts';
import { JWKS_PATH, jwksHandler } from '../identity/jwks.ts';
import type { KeyStore } from '../identity/keyStore.ts';
import { jsonBody } from '../limits/jsonBody.ts';
import { rateLimit } from '../limits/rateLimit.ts';
import { requestTimeout } from '../limits/requestTimeout.ts';
import { createTokenBucketLimiter } from '../limits/tokenBucket.ts';
import { requestLog } from '../logging/requestLog.ts';
import { httpMetrics } from '../metrics/httpMetrics.ts';
import { buildOpenApiDocument } from '../openapi/openApiDocument.ts';
import type { OpenApiDocument, OpenApiMount } from '../openapi/openApiDocument.ts';
import { livenessHandler, readinessHandler } from './health.ts';
import type { ReadinessCheck } from './health.ts';
import { builtInPaths } from './builtInPaths.ts';

export interface ServiceAppOptions extends ProblemOptions {
  /** The service name: OpenAPI title and default realm. */
  readonly name: string;
  readonly version?: string;
  readonly logger: Logger;
  /** The registry `/metrics` serves and the HTTP histogram registers in. */
  readonly metrics: Registry;
  readonly keys: KeyStore;
  readonly issuer: string;
  readonly audience: string;
  readonly isKnownDepartment?: (department: string) => boolean | Promise<boolean>;
  readonly readiness?: readonly ReadinessCheck[];
  readonly readinessTimeoutMs?: number;
  /** Largest JSON body; `'256kb'` by default. */
  readonly bodyLimit?: string | number;
  /** Deepest JSON nesting; 32 by default. */
  readonly maxJsonDepth?: number;
  /** Answer 503 when a request takes longer; 10 s by default. */
  readonly requestTimeoutMs?: number;
  /** Per department (or client address when anonymous); 600/min with bursts of 60 by default. */
  readonly rateLimit?: { readonly perMinute: number; readonly burst: number };
  /** Requests answered without a credential, e.g. `'GET /api/reference/departments'`. */
  readonly publicPaths?: readonly string[];
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** The express app of one service, open for mounting until `finalize()`. */
export interface ServiceApp {
  readonly app: Express;
  /** Mounts a context's routes (an `ApiRouter` also feeds `/openapi.json`). */
  mount(prefix: string, router: ApiRouter | Router): void;
  /** Adds the 404 and problem handlers; nothing can be mounted afterwards. */
  finalize(): Express;
  openApi(): OpenApiDocument;
}

const isApiRouter = (router: ApiRouter | Router): router is ApiRouter => 'routes' in router && 'router' in router;

/** Builds the HTTP edge of a service: correlation, metrics, logs, health, auth, limits, problems. */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const { logger } = options;
  const problems: ProblemOptions = { realm: options.realm ?? options.name, typeBase: options.typeBase };
  const now = options.now ?? (() => new Date());
  const mounts: OpenApiMount[] = [];
  const publicRoutes = (options.publicPaths ?? []).map(compileRoutePattern);
  const isPublic = (method: string, path: string): boolean => publicRoutes.some((matches) => matches(method, path));
  let finalized = false;
  let openApi: OpenApiDocument | undefined;

  const app = express();
  app.disable('x-powered-by');
  app.use(correlationId({ newId: options.newId }));
  app.use(httpMetrics({ registry: options.metrics }));
  app.use(requestLog({ logger }));
  app.use(
    requestTimeout({
      timeoutMs: options.requestTimeoutMs ?? 10_000,
      respond: (req, res, error) => sendProblem(req, res, error, problems),
    }),
  );

  const builtIn = (path: string): express.RequestHandler => (req, _res, next) => {
    const context = requestContextOf(req);
    if (context) context.route = path;
    next();
  };
  app.get('/healthz', builtIn('/healthz'), livenessHandler());
  app.get(
    '/readyz',
    builtIn('/readyz'),
    readinessHandler({ ...problems, checks: options.readiness ?? [], timeoutMs: options.readinessTimeoutMs ?? 2000, logger }),
  );
  app.get('/metrics', builtIn('/metrics'), async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.metrics());
  });
  app.get(JWKS_PATH, builtIn(JWKS_PATH), jwksHandler(options.keys));
  app.get('/openapi.json', builtIn('/openapi.json'), (_req, res) => {
    res.json(document());
  });

  app.use(
    authenticate({
      keys: options.keys,
      issuer: options.issuer,
      audience: options.audience,
      isKnownDepartment: options.isKnownDepartment,
      now,
      isPublic: (req: Request) => isPublic(req.method, req.path),
    }),
  );
  const limits = options.rateLimit ?? { perMinute: 600, burst: 60 };
  app.use(rateLimit({ limiter: createTokenBucketLimiter({ ...limits, now: () => now().getTime() }) }));
  app.use(jsonBody({ limit: options.bodyLimit ?? '256kb', maxDepth: options.maxJsonDepth ?? 32 }));

  function document(): OpenApiDocument {
    openApi ??= buildOpenApiDocument({
      title: options.name,
      version: options.version ?? '0.0.0',
      mounts,
      extraPaths: builtInPaths(),
      isPublic,
    });
    return openApi;
  }

  return {
    app,
    mount(prefix, router) {
      if (finalized) throw new Error(`${options.name}: cannot mount ${prefix} after finalize()`);
      openApi = undefined;
      if (!isApiRouter(router)) {
        app.use(prefix, builtIn(joinPath(prefix, '*')), router);
        return;
      }
      mounts.push({ prefix, api: router });
      for (const route of router.routes) {
        if (route.public) publicRoutes.push(compileRoutePattern(`${route.method} ${joinPath(prefix, route.path)}`));
      }
      app.use(prefix, router.router);
    },
    finalize() {
      if (!finalized) {
        finalized = true;
        app.use(notFoundHandler());
        app.use(problemHandler({ ...problems, logger }));
      }
      return app;
    },
    openApi: document,
  };
}
