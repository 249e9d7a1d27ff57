/**
 * Requests per minute, per signed-in user (their session) and per IP address, for the API and exports:
 * over either, 429 with RATE_LIMITED and Retry-After — for that user or address only, never the others.
 * Fixed one-minute windows in memory (one process serves the product).
 */
import crypto from 'node:crypto';
import type express from 'express';
import { languageOf } from '../graphql/language.js';
import { sessionToken } from '../access/sign-in.routes.js';

type Window = { started: number; count: number };

const windowMs = 60_000;
const limited = { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please slow down and try again shortly' };

export function rateLimit(limits: { perUser: number; perIp: number }): express.RequestHandler {
  const windows = new Map<string, Window>();
  const over = (key: string, max: number, now: number): number => {
    if (max <= 0) return 0;
    let window = windows.get(key);
    if (!window || now - window.started >= windowMs) {
      window = { started: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    return window.count > max ? Math.ceil((window.started + windowMs - now) / 1000) : 0;
  };
  return (request, response, next) => {
    const now = Date.now();
    if (windows.size > 50_000) for (const [key, window] of windows) if (now - window.started >= windowMs) windows.delete(key);
    const token = sessionToken(request);
    const user = token ? over(`u:${crypto.createHash('sha256').update(token).digest('hex')}`, limits.perUser, now) : 0;
    const address = over(`ip:${request.ip ?? 'unknown'}`, limits.perIp, now);
    const retryAfter = Math.max(user, address);
    if (!retryAfter) return next();
    const language = languageOf(request.headers['accept-language']);
    response
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({ errors: [{ message: limited[language], extensions: { code: 'RATE_LIMITED', messages: limited, retryAfter, requestId: crypto.randomUUID() } }] });
  };
}
