import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';

/** What the service kit knows about the request being served. */
export interface RequestContext {
  readonly correlationId: string;
  /** The authenticated department, once the credential verified. */
  department?: string;
  /** The matched route pattern (e.g. `/api/tasks/:id`), for metrics and logs. */
  route?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const byRequest = new WeakMap<IncomingMessage, RequestContext>();

/** Binds a context to a request and runs `next` inside it (AsyncLocalStorage). */
export function enterRequestContext(req: IncomingMessage, context: RequestContext, next: () => void): void {
  byRequest.set(req, context);
  storage.run(context, next);
}

/** The context bound to a request, if the correlation middleware ran. */
export function requestContextOf(req: IncomingMessage): RequestContext | undefined {
  return byRequest.get(req);
}

/** The context of the request being served by the current async call chain. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The correlation id of the request being served, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
