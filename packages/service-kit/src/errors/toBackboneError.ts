import { BackboneError } from '@backbone/contracts';
import { z } from 'zod';
import { PROBLEM_STATUS, codeForStatus } from './problemStatus.ts';
import { invalidInput, issuesOf } from './zodIssues.ts';

/** The shape of errors thrown by body-parser and other http-errors users. */
interface HttpError {
  readonly status: number;
  readonly message: string;
  readonly type?: string;
  readonly expose?: boolean;
  readonly limit?: number;
}

function asHttpError(error: unknown): HttpError | undefined {
  if (!(error instanceof Error)) return undefined;
  const fields = error as Error & { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; limit?: unknown };
  const status = typeof fields.status === 'number' ? fields.status : fields.statusCode;
  if (typeof status !== 'number') return undefined;
  return {
    status,
    message: error.message,
    type: typeof fields.type === 'string' ? fields.type : undefined,
    expose: fields.expose === true,
    limit: typeof fields.limit === 'number' ? fields.limit : undefined,
  };
}

function fromHttpError(http: HttpError, cause: unknown): BackboneError {
  switch (http.type) {
    case 'entity.parse.failed':
      return new BackboneError('invalid_input', 'The body is not valid JSON (a JSON object or array is expected)', { cause });
    case 'entity.too.large':
      return new BackboneError(
        'payload_too_large',
        http.limit === undefined ? 'The body is too large' : `The body is larger than the limit of ${http.limit} bytes`,
        { cause },
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new BackboneError('unsupported_media_type', http.message, { cause });
    case 'request.aborted':
      return new BackboneError('invalid_input', 'The request was aborted before its body arrived', { cause });
    default: {
      const code = codeForStatus(http.status);
      const message = http.expose && code !== 'internal' ? http.message : PROBLEM_STATUS[code].title;
      return new BackboneError(code, message, { cause });
    }
  }
}

/** Normalises anything thrown into a `BackboneError`; unknown throws become `internal`. */
export function toBackboneError(error: unknown): BackboneError {
  if (error instanceof BackboneError) return error;
  if (error instanceof z.core.$ZodError) return invalidInput(issuesOf(error), error);
  const http = asHttpError(error);
  if (http) return fromHttpError(http, error);
  return new BackboneError('internal', 'An unexpected error occurred', { cause: error });
}
