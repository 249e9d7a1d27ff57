/**
 * Sign-in over plain HTTP, outside GraphQL, so it can be neither batched nor multiplied through aliases:
 *   POST /auth/sign-in  { username, password } → 200 { user } and a new session cookie
 *   POST /auth/sign-out                        → 204, the session ended on the server
 *   GET  /auth/session                         → 200 { user } or 401
 * An unknown user and a wrong password get the same status, message and time (a dummy hash is verified).
 */
import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type pg from 'pg';
import { languageOf } from '../graphql/language.js';
import { isDatabaseUnavailable, notSignedIn, type Messages } from '../graphql/errors.js';
import { asActor, type Actor } from './actor.js';
import type { Passwords } from './passwords.js';
import type { Sessions } from './sessions.js';
import type { RateLimits } from './rate-limits.js';

export const sessionCookie = 'crc_session';

/** The session token a request carries, if any. */
export function sessionToken(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** What the console learns about the signed-in user. */
export function publicUser(actor: Actor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    region: actor.regionId ? { id: actor.regionId, code: actor.regionCode, name: actor.regionName } : null,
  };
}

const wrongCredentials: Messages = { zh: '用户名或密码不正确', en: 'Wrong username or password' };

function refuse(request: Request, response: Response, status: number, code: string, messages: Messages, extra: Record<string, unknown> = {}) {
  const requestId = crypto.randomUUID();
  response.status(status).json({ error: { code, message: messages[languageOf(request.headers['accept-language'])], messages, requestId, ...extra } });
}

export type SignInDeps = { pool: () => pg.Pool | undefined; sessions: () => Sessions | undefined; limits: () => RateLimits | undefined; passwords: Passwords };

export function signInRoutes({ pool, sessions, limits, passwords }: SignInDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));

  const unavailable = (request: Request, response: Response) =>
    refuse(request, response, 503, 'SERVICE_UNAVAILABLE', { zh: '数据库尚未就绪，请稍后重试', en: 'The database is not ready yet; please try again shortly' });

  router.post('/sign-in', (request, response) =>
    signIn(request, response).catch((error: unknown) => {
      // The database away or stalled: a 503 to retry, never a 500.
      if (isDatabaseUnavailable(error)) return unavailable(request, response);
      throw error;
    }),
  );

  const signIn = async (request: Request, response: Response) => {
    const db = pool();
    const store = sessions();
    const brake = limits();
    if (!db || !store || !brake) return unavailable(request, response);
    if (!request.is('application/json')) return refuse(request, response, 415, 'BAD_USER_INPUT', { zh: '请以 JSON 提交', en: 'Send the form as JSON' });
    const { username, password } = (request.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || !username.trim() || !password || username.length > 100 || password.length > 1000) {
      return refuse(request, response, 400, 'BAD_USER_INPUT', { zh: '请填写用户名和密码', en: 'Enter a username and a password' });
    }
    const ip = request.ip ?? 'unknown';
    const name = username.trim().toLowerCase();
    // Counted before the password is checked: of any number of parallel guesses, at most ten are checked.
    const refused = await brake.signInAttempt(name, ip);
    if (refused?.reason === 'address') {
      response.set('Retry-After', String(refused.retryAfterSeconds));
      return refuse(request, response, 429, 'RATE_LIMITED', { zh: '登录尝试过于频繁，请稍后再试', en: 'Too many sign-in attempts; please try again later' });
    }
    if (refused) {
      const minutes = Math.ceil(refused.retryAfterSeconds / 60);
      response.set('Retry-After', String(refused.retryAfterSeconds));
      return refuse(request, response, 429, 'RATE_LIMITED', {
        zh: `登录尝试次数过多，请 ${minutes} 分钟后再试`,
        en: `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      });
    }
    const { rows } = await db.query<{ id: string; hash: string }>(`select id::text as id, password_hash as hash from app_user where username = $1 and active and deleted_at is null`, [name]);
    const user = rows[0];
    const ok = user ? await passwords.verify(user.hash, password) : await passwords.verifyDummy(password);
    if (!ok || !user) return refuse(request, response, 401, 'UNAUTHENTICATED', wrongCredentials);
    await brake.signedIn(name, ip);
    // A new session id at every sign-in; the one the browser brought (if any) ends.
    await store.end(sessionToken(request));
    const token = await store.start(user.id, ip, request.headers['user-agent']);
    const actor = await store.resolve(token);
    if (!actor) return refuse(request, response, 401, 'UNAUTHENTICATED', wrongCredentials);
    const client = await db.connect();
    try {
      // Recorded as the sign-in it is (operation SIGN_IN: the sign-in log), not as an edit of the account.
      await asActor(client, actor, async () => {
        await client.query(`select set_config('crc.operation', 'SIGN_IN', true)`);
        await client.query(`update app_user set last_sign_in_at = now() where id = $1`, [user.id]);
      });
    } finally {
      client.release();
    }
    response.cookie(sessionCookie, token, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
    response.json({ user: publicUser(actor) });
  };

  router.post('/sign-out', async (request, response) => {
    await sessions()?.end(sessionToken(request));
    response.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
    response.status(204).end();
  });

  router.get('/session', async (request, response) => {
    const store = sessions();
    if (!store) return unavailable(request, response);
    const actor = await store.resolve(sessionToken(request));
    if (!actor) return refuse(request, response, 401, 'UNAUTHENTICATED', notSignedIn);
    response.json({ user: publicUser(actor) });
  });

  return router;
}

export { notSignedIn };
