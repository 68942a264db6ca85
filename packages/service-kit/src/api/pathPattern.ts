const PARAM = /:([A-Za-z_$][A-Za-z0-9_$]*)/g;

/** The names of `:param` segments in an express path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(PARAM)].map((match) => match[1] ?? '');
}

/** Joins a mount prefix and a route path: `('/api/tasks', '/')` → `/api/tasks`. */
export function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  return joined === '' ? '/' : joined;
}

/** An express path as an OpenAPI path template: `/:id/accept` → `/{id}/accept`. */
export function toOpenApiPath(path: string): string {
  return path.replace(PARAM, '{$1}');
}

/** A matcher for `/a/:b/c` patterns, as lenient as express (case, trailing slash). */
export function compilePathPattern(pattern: string): (path: string) => boolean {
  const segments = joinPath('', pattern).toLowerCase().split('/');
  return (path) => {
    const candidate = joinPath('', path).toLowerCase().split('/');
    return (
      candidate.length === segments.length &&
      segments.every((segment, index) => (segment.startsWith(':') ? candidate[index] !== '' : segment === candidate[index]))
    );
  };
}

/** A request matcher for `"GET /api/reference/departments"` or `"/path"` (any method). */
export function compileRoutePattern(route: string): (method: string, path: string) => boolean {
  const match = /^([A-Za-z]+)\s+(\/.*)$/.exec(route.trim());
  const method = match?.[1]?.toUpperCase();
  const matchesPath = compilePathPattern(match?.[2] ?? route.trim());
  return (requestMethod, path) =>
    (method === undefined || method === requestMethod.toUpperCase() || (method === 'GET' && requestMethod === 'HEAD')) &&
    matchesPath(path);
}
