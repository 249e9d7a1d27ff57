/**
 * The sign-in endpoints, plain HTTP beside /graphql. The session lives in an HttpOnly cookie that the
 * browser keeps and sends by itself (same origin), so the console never holds a token.
 */
import { authUrl } from '../config';
import type { Viewer } from '../metadata/types';

type Refusal = { error?: { message?: string } };

/** The server turned a sign-in down (wrong password, too many attempts, an empty field), saying why in the language asked for. */
export class SignInRefused extends Error {}

const sameOrigin = { credentials: 'same-origin' } as const;

/** Signs in (the browser keeps the new session's cookie); rejects with a SignInRefused in `acceptLanguage`'s words. */
export async function signIn(username: string, password: string, acceptLanguage: string): Promise<void> {
  const response = await fetch(`${authUrl}/sign-in`, {
    ...sameOrigin,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage },
    body: JSON.stringify({ username, password }),
  });
  if (response.ok) return;
  const refusal = (await response.json().catch(() => ({}))) as Refusal;
  throw refusal.error?.message ? new SignInRefused(refusal.error.message) : new Error(`HTTP ${response.status}`);
}

/** Ends the session on the server, which also clears the cookie. */
export async function signOut(): Promise<void> {
  await fetch(`${authUrl}/sign-out`, { ...sameOrigin, method: 'POST' });
}

/** Who the browser's session belongs to; null once it has ended; rejects when the server cannot say (down, not ready). */
export async function currentUser(): Promise<Viewer | null> {
  const response = await fetch(`${authUrl}/session`, sameOrigin);
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { user: Viewer }).user;
}
