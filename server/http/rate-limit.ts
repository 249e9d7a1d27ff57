/**
 * Admits a request to /graphql or /export: first its address's requests per minute, then who is signed in
 * (the session looked up once; the GraphQL context reuses it) and that user's requests per minute — over
 * either, 429 with RATE_LIMITED and Retry-After, for that address or user only. The counts live in
 * PostgreSQL (server/access/rate-limits.ts), shared by every server process.
 */
import crypto from 'node:crypto';
import type express from 'express';
import { languageOf } from '../graphql/language.js';
import { isDatabaseUnavailable, unavailable } from '../graphql/errors.js';
import { sessionToken } from '../access/sign-in.routes.js';
import type { RateLimits } from '../access/rate-limits.js';
import type { Sessions } from '../access/sessions.js';
import type { Actor } from '../access/actor.js';

const limited = { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please slow down and try again shortly' };

/** The signed-in user admitRequests found for this request: null for none, undefined when it did not look. */
export function admittedActor(request: express.Request): Actor | null | undefined {
  return request.res?.locals.actor as Actor | null | undefined;
}

/**
 * Whether admitRequests already took this request in (counted it): the layer in front of Express
 * (graphql-front-door.ts) admits a request before handing it to Express, whose chain must not count it twice
 * nor, once a shutdown began, refuse a request already in flight.
 */
export function alreadyAdmitted(response: express.Response): boolean {
  return response.locals.admitted === true;
}

function unavailableNow(request: express.Request, response: express.Response): void {
  const language = languageOf(request.headers['accept-language']);
  response.status(503).json({ errors: [{ message: unavailable[language], extensions: { code: 'SERVICE_UNAVAILABLE', messages: unavailable, requestId: crypto.randomUUID() } }] });
}

export function admitRequests(deps: { limits: () => RateLimits | undefined; sessions: () => Sessions | undefined }): express.RequestHandler {
  const refuse = (request: express.Request, response: express.Response, retryAfter: number) => {
    const language = languageOf(request.headers['accept-language']);
    response
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({ errors: [{ message: limited[language], extensions: { code: 'RATE_LIMITED', messages: limited, retryAfter, requestId: crypto.randomUUID() } }] });
  };
  return async (request, response, next) => {
    if (alreadyAdmitted(response)) return next();
    response.locals.admitted = true;
    const limits = deps.limits();
    const sessions = deps.sessions();
    // Not connected, or the database away: the GraphQL context answers that (503), not the limiter.
    if (!limits || !sessions) return next();
    try {
      const address = await limits.address(request.ip ?? 'unknown');
      if (address) return refuse(request, response, address);
      const actor = await sessions.resolve(sessionToken(request));
      response.locals.actor = actor ?? null;
      const user = actor ? await limits.user(actor.id) : 0;
      if (user) return refuse(request, response, user);
    } catch (error) {
      // The database away or stalled: said at once, not asked again by every later step.
      if (isDatabaseUnavailable(error)) return unavailableNow(request, response);
      response.locals.actor = undefined;
    }
    next();
  };
}
