/**
 * The HTTP status of every error code, for the routes beside GraphQL (/export, /export/table, /import): one
 * exhaustive map, so that a new code must say its status here and every route answers it alike (they kept
 * three partial maps, one of which answered a missing record 400 and another 404).
 */
import { AppError, type ErrorCode } from '../graphql/errors.js';

export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Reasons that say a body was over its size limit: 413, whatever the code. */
const tooLarge = new Set(['FILE_TOO_LARGE', 'BODY_TOO_LARGE']);

/** An error's status: its code's, a file or body over the size limit 413, anything not ours 500. */
export function statusOfError(error: unknown): number {
  if (!(error instanceof AppError)) return 500;
  if (tooLarge.has((error.extensions as { reason?: string }).reason ?? '')) return 413;
  return httpStatusOf[error.code];
}
