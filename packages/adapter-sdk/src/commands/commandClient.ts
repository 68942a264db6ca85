import { randomUUID } from 'node:crypto';
import { BackboneError } from '@backbone/contracts';
import { problemError, problemOf } from './problemError.ts';
import type {
  AssignTaskBody,
  BlockTaskBody,
  CancelTaskBody,
  ChangeDueDateBody,
  CommandAnswer,
  CompleteTaskBody,
  CreateTaskBody,
  DeclineTaskBody,
  ReportProgressBody,
  TaskHistory,
  TaskSnapshot,
  UnblockTaskBody,
  VerifyTaskBody,
} from './taskCommands.ts';

export interface CommandClientOptions {
  /** The backbone's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** The department's bearer credential, or a function that returns a fresh one. */
  readonly token: string | (() => string | Promise<string>);
  readonly fetch?: typeof fetch;
  /** Makes the `Idempotency-Key` of a call that names none (default: a random UUID). */
  readonly newIdempotencyKey?: () => string;
  /** Per request (default 10000 ms). */
  readonly timeoutMs?: number;
  /** Repeats of a call answered 429/5xx or not answered, with the same key (default 2). */
  readonly retries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface CallOptions {
  /** Sent as `Idempotency-Key`: a repeat returns the first answer and writes nothing. */
  readonly idempotencyKey?: string;
  /** Sent as `If-Match`: the version the caller last saw; a stale one is refused (409). */
  readonly ifMatch?: number;
}

/** A raw call, for routes the typed methods do not cover (other contexts). */
export interface RawCall extends CallOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, e.g. `/api/resources/pools`. */
  readonly path: string;
  readonly body?: unknown;
}

/** A typed client of the tasks API; every method throws `BackboneError` for a problem answer. */
export interface CommandClient {
  createTask(body: CreateTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  assign(taskId: string, body: AssignTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  accept(taskId: string, options?: CallOptions): Promise<CommandAnswer>;
  decline(taskId: string, body: DeclineTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  progress(taskId: string, body: ReportProgressBody, options?: CallOptions): Promise<CommandAnswer>;
  block(taskId: string, body: BlockTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  unblock(taskId: string, body?: UnblockTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  complete(taskId: string, body: CompleteTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  verify(taskId: string, body: VerifyTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  cancel(taskId: string, body: CancelTaskBody, options?: CallOptions): Promise<CommandAnswer>;
  changeDueDate(taskId: string, body: ChangeDueDateBody, options?: CallOptions): Promise<CommandAnswer>;
  task(taskId: string): Promise<TaskSnapshot>;
  history(taskId: string): Promise<TaskHistory>;
  /** Any route; commands get an `Idempotency-Key` like the typed methods. */
  call<T>(call: RawCall): Promise<T>;
}

const MAX_RETRY_WAIT_MS = 5000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A command client for a department system: bearer credential, an `Idempotency-Key` on every
 * command (generated per call unless given, kept across its own retries), JSON in and out, and
 * RFC 9457 problems turned into `BackboneError`s with the problem's code and rule.
 */
export function createCommandClient(options: CommandClientOptions): CommandClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const newKey = options.newIdempotencyKey ?? randomUUID;
  const retries = Math.max(0, options.retries ?? 2);
  const sleep = options.sleep ?? defaultSleep;
  const tokenOf = async () => (typeof options.token === 'string' ? options.token : await options.token());

  async function once(call: RawCall, key: string | undefined): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${await tokenOf()}`, accept: 'application/json, application/problem+json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (key !== undefined) headers['idempotency-key'] = key;
    if (call.ifMatch !== undefined) headers['if-match'] = String(call.ifMatch);
    let response: Response;
    try {
      response = await doFetch(`${base}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new BackboneError('unavailable', `${call.method} ${call.path}: the backbone did not answer (${error instanceof Error ? error.message : String(error)})`, {
        cause: error,
        canRetry: true,
      });
    }
    const raw = await response.text();
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    if (response.ok) return body;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw problemError(problemOf(response.status, body), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }

  async function call<T>(request: RawCall): Promise<T> {
    const key = request.method === 'GET' ? undefined : (request.idempotencyKey ?? newKey());
    for (let attempt = 0; ; attempt++) {
      try {
        return (await once(request, key)) as T;
      } catch (error) {
        const retryable = error instanceof BackboneError && error.canRetry && error.code !== 'version_conflict';
        if (!retryable || attempt >= retries) throw error;
        const wait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 200 * 2 ** attempt;
        await sleep(Math.min(MAX_RETRY_WAIT_MS, wait));
      }
    }
  }

  const onTask = (taskId: string, action: string) => `/api/tasks/${encodeURIComponent(taskId)}${action}`;
  const post = (path: string, body: unknown, opts: CallOptions = {}) => call<CommandAnswer>({ ...opts, method: 'POST', path, body });

  return {
    createTask: (body, opts) => post('/api/tasks', body, opts),
    assign: (id, body, opts) => post(onTask(id, '/assignments'), body, opts),
    accept: (id, opts) => post(onTask(id, '/accept'), {}, opts),
    decline: (id, body, opts) => post(onTask(id, '/decline'), body, opts),
    progress: (id, body, opts) => post(onTask(id, '/progress'), body, opts),
    block: (id, body, opts) => post(onTask(id, '/block'), body, opts),
    unblock: (id, body = {}, opts) => post(onTask(id, '/unblock'), body, opts),
    complete: (id, body, opts) => post(onTask(id, '/complete'), body, opts),
    verify: (id, body, opts) => post(onTask(id, '/verify'), body, opts),
    cancel: (id, body, opts) => post(onTask(id, '/cancel'), body, opts),
    changeDueDate: (id, body, opts = {}) => call<CommandAnswer>({ ...opts, method: 'PATCH', path: onTask(id, ''), body }),
    task: (id) => call<TaskSnapshot>({ method: 'GET', path: onTask(id, '') }),
    history: (id) => call<TaskHistory>({ method: 'GET', path: onTask(id, '/history') }),
    call,
  };
}
