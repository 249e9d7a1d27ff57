/**
 * How the routes beside GraphQL (/import, /export, /export/table, /attachments) say no: `{ errors: [...] }` in
 * the request's language, each refusal with its own extensions (the field, the reason) as GraphQL answers carry
 * them, under the status error-status.ts gives its code. One place, so that the routes cannot drift apart (the
 * import and attachment routes had copied it, one without the extensions).
 */
import crypto from 'node:crypto';
import type express from 'express';
import { AppError, formatError, type Messages } from '../graphql/errors.js';
import { languageOf } from '../graphql/language.js';
import { statusOfError } from './error-status.js';

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

/** The context `signedInFirst` resolved for this request. */
export const contextOf = <C>(response: express.Response): C => response.locals.context as C;
