/**
 * CORS for the configured origins only (CORS_ORIGINS, comma-separated): a console served from another
 * origin may call the API with its cookie; any other origin gets no CORS headers, so browsers keep its
 * pages from reading answers. Same-origin use (the console under /admin) needs none.
 */
import type express from 'express';

export function cors(origins: readonly string[]): express.RequestHandler {
  const allowed = new Set(origins);
  return (request, response, next) => {
    const origin = request.headers.origin;
    if (origin && allowed.has(origin)) {
      response.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Headers': 'content-type, accept-language, apollo-require-preflight',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        Vary: 'Origin',
      });
      if (request.method === 'OPTIONS') return void response.status(204).end();
    }
    next();
  };
}
