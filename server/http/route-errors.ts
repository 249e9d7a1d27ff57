/**
 * How the routes beside GraphQL (/import, /export, /export/table, /attachments) — and /graphql before Apollo has its request — say no: `{ errors: [...] }` in
 * the request's language, each refusal with its own extensions (the field, the reason) as GraphQL answers carry
 * them, under the status error-status.ts gives its code. One place, so that the routes cannot drift apart (the
 * import and attachment routes had copied it, one without the extensions).
 */
import crypto from 'node:crypto';
import type express from 'express';
import { AppError, formatError, notSignedIn, type Messages } from '../graphql/errors.js';
import { languageOf } from '../graphql/language.js';
import { statusOfError } from './error-status.js';
import { admittedActor } from './rate-limit.js';

/** Answers `error` on `response`; `requestId` names it in the log (the context's, once there is one). */
export function sendRouteError(request: express.Request, response: express.Response, error: unknown, requestId?: string): void {
  const language = languageOf(request.headers['accept-language']);
  const extensions = error instanceof AppError ? (error.extensions as Record<string, unknown>) : undefined;
  const id = requestId ?? (response.locals.requestId as string | undefined) ?? crypto.randomUUID();
  response.status(statusOfError(error)).json({ errors: [formatError({ message: (error as Error).message, extensions }, error, language, id)] });
}

/** A route's work with its refusals answered by `sendRouteError`. */
export const answering =
  (work: (request: express.Request, response: express.Response) => Promise<unknown>): express.RequestHandler =>
  (request, response) =>
    work(request, response).catch((error: unknown) => sendRouteError(request, response, error));

/**
 * What express.json refuses (a body over its limit, text that is not JSON) said as every other refusal is — in
 * the request's language, as `{ errors }` — where Express would answer an HTML page.
 */
export const jsonBodyErrors: express.ErrorRequestHandler = (error: { type?: string; limit?: number }, request, response, next) => {
  if (error?.type === 'entity.too.large') {
    const megabytes = Math.round(((error.limit ?? 0) / 1_048_576) * 10) / 10;
    return sendRouteError(
      request,
      response,
      new AppError('BAD_USER_INPUT', { zh: `请求体不能超过 ${megabytes} MB`, en: `The request body may not be larger than ${megabytes} MB` }, { reason: 'BODY_TOO_LARGE' }),
    );
  }
  if (error?.type === 'entity.parse.failed' || error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
    return sendRouteError(request, response, new AppError('BAD_REQUEST', { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' }));
  }
  next(error);
};

/** A body over `maxBytes` (express.raw's `entity.too.large`) refused before it is read, with the route's own words. */
export function refuseTooLarge(maxBytes: number, say: (megabytes: number) => Messages, field?: string): express.ErrorRequestHandler {
  return (error: { type?: string }, request, response, next) => {
    if (error?.type !== 'entity.too.large') return next(error);
    const megabytes = Math.round((maxBytes / 1_048_576) * 10) / 10;
    sendRouteError(request, response, new AppError('BAD_USER_INPUT', say(megabytes), { ...(field ? { field } : {}), reason: 'FILE_TOO_LARGE' }));
  };
}

/**
 * The signed-in user's context, resolved before anything else a route does — above all before a body is read, so
 * nobody who is not signed in can make the server take in an upload — and kept for the route (`contextOf`).
 */
export function signedInFirst<C extends { requestId: string }>(contextFor: (request: express.Request) => Promise<C>): express.RequestHandler {
  return (request, response, next) => {
    contextFor(request).then(
      (context) => {
        response.locals.context = context;
        response.locals.requestId = context.requestId;
        next();
      },
      (error: unknown) => sendRouteError(request, response, error),
    );
  };
}

/**
 * Nobody signed in is heard before a body is read, where the limiter (rate-limit.ts) already looked the session
 * up: refused here (401, as the context would refuse it) rather than after a JSON body is taken in and parsed.
 * When the limiter could not look (the database away), the context decides as always.
 */
export const signedInBeforeBody: express.RequestHandler = (request, response, next) => {
  if (admittedActor(request) !== null) return next();
  sendRouteError(request, response, new AppError('UNAUTHENTICATED', notSignedIn));
};

/** The context `signedInFirst` resolved for this request. */
export const contextOf = <C>(response: express.Response): C => response.locals.context as C;
