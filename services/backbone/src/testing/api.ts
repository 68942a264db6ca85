import type { ProblemDetails } from '@backbone/service-kit';

/** An answer of the backbone's HTTP API. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  /** The media type without parameters, e.g. `application/problem+json`. */
  readonly contentType: string;
  /** The parsed JSON body; the text when the answer is not JSON. Typed by the caller. */
  readonly body: T;
}

/** What every command answers: the aggregate, its new version and the events written. */
export interface CommandAnswer {
  readonly id: string;
  readonly version: number;
  readonly eventIds: readonly string[];
}

/** An RFC 9457 problem as the backbone answers it. */
export type Problem = ProblemDetails;

type Headers_ = Readonly<Record<string, string>>;

/** A small typed client of one backbone process, speaking for one department (or none). */
export interface ApiClient {
  readonly url: string;
  get<T = unknown>(path: string, headers?: Headers_): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body: unknown, headers?: Headers_): Promise<ApiResponse<T>>;
  patch<T = unknown>(path: string, body: unknown, headers?: Headers_): Promise<ApiResponse<T>>;
  /** Sends `body` exactly as given (malformed JSON, another media type, nothing at all). */
  raw<T = unknown>(method: string, path: string, body: string | undefined, headers?: Headers_): Promise<ApiResponse<T>>;
  /** The same process, with another credential (`undefined`: none). */
  as(token: string | undefined): ApiClient;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** A client of the backbone at `url`; `token` is sent as the bearer credential. */
export function api(url: string, token?: string): ApiClient {
  const base = url.replace(/\/$/, '');
  async function raw<T>(method: string, path: string, body: string | undefined, headers: Headers_ = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const text = await response.text();
    const isJson = contentType === 'application/json' || contentType.endsWith('+json');
    return { status: response.status, headers: response.headers, contentType, body: (isJson && text ? JSON.parse(text) : text) as T };
  }
  const json = (headers: Headers_ = {}) => ({ 'content-type': 'application/json', ...headers });
  return {
    url: base,
    get: (path, headers) => raw('GET', path, undefined, headers),
    post: (path, body, headers) => raw('POST', path, JSON.stringify(body), json(headers)),
    patch: (path, body, headers) => raw('PATCH', path, JSON.stringify(body), json(headers)),
    raw,
    as: (other) => api(base, other),
  };
}
