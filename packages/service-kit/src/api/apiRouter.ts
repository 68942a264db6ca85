import { Router } from 'express';
import type { RouteDefinition } from './routeDefinition.ts';

/** A context's routes: an express Router plus the definitions OpenAPI is generated from. */
export interface ApiRouter {
  /** Names the context; the OpenAPI tag. */
  readonly name: string;
  readonly router: Router;
  readonly routes: readonly RouteDefinition[];
}

export interface ApiRouterOptions {
  readonly name: string;
  readonly routes: readonly RouteDefinition[];
}

/** Builds the express Router of a context from its route definitions. */
export function createApiRouter(options: ApiRouterOptions): ApiRouter {
  const router = Router({ mergeParams: true });
  const seen = new Set<string>();
  for (const route of options.routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new TypeError(`${options.name}: ${key} is defined twice`);
    seen.add(key);
    const path = router.route(route.path);
    switch (route.method) {
      case 'GET':
        path.get(route.handler);
        break;
      case 'POST':
        path.post(route.handler);
        break;
      case 'PUT':
        path.put(route.handler);
        break;
      case 'PATCH':
        path.patch(route.handler);
        break;
      case 'DELETE':
        path.delete(route.handler);
        break;
    }
  }
  return { name: options.name, router, routes: options.routes };
}
