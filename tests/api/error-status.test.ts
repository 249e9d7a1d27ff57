/** One map from error code to HTTP status for the routes beside GraphQL (issue 20, code health). */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/graphql/errors.js';
import { httpStatusOf, statusOfError } from '../../server/http/error-status.js';

const words = { zh: '错', en: 'wrong' };

describe('the HTTP status of an error', () => {
  it('is its code’s, for every code; a file too large 413; anything not ours 500', () => {
    const expected = {
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
    expect(httpStatusOf).toEqual(expected);
    for (const [code, status] of Object.entries(expected)) expect(statusOfError(new AppError(code as AppError['code'], words)), code).toBe(status);
    expect(statusOfError(new AppError('BAD_USER_INPUT', words, { reason: 'FILE_TOO_LARGE' }))).toBe(413);
    expect(statusOfError(new Error('boom'))).toBe(500);
  });
});
