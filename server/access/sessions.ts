/**
 * Server-side sessions in PostgreSQL. The cookie holds a random 256-bit token; the table holds only its
 * SHA-256. A session ends after `idleMinutes` without a request or `absoluteHours` after sign-in, at
 * sign-out, and when the user is deactivated, deleted or given a new password. A clerk whose region is
 * gone has no session at all: unbounded is never the fallback.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Actor } from './actor.js';

export type SessionLimits = { idleMinutes: number; absoluteHours: number };

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The user behind a session, with their region's code (what bounds them). */
const actorColumns = `u.id::text as id, u.username, u.display_name as "displayName", u.role, u.region_id::text as "regionId", r.code as "regionCode", r.name as "regionName"`;

export class Sessions {
  constructor(
    private readonly pool: pg.Pool,
    private readonly limits: SessionLimits,
  ) {}

  /** Starts a session for the user; returns the token for the cookie. */
  async start(userId: string, ip: string | undefined, userAgent: string | undefined): Promise<string> {
    const token = crypto.randomBytes(32).toString('base64url');
    await this.pool.query(
      `insert into user_session (id, user_id, expires_at, ip, user_agent) values ($1, $2, now() + make_interval(hours => $3), $4, left($5, 300))`,
      [digest(token), userId, this.limits.absoluteHours, ip ?? null, userAgent ?? null],
    );
    return token;
  }

  /** The signed-in user, or undefined when the token names no live session; keeps the session alive. */
  async resolve(token: string | undefined): Promise<(Actor & { sessionId: string }) | undefined> {
    if (!token || token.length > 100) return undefined;
    const id = digest(token);
    const { rows } = await this.pool.query<Actor & { sessionId: string; stale: boolean }>(
      `select ${actorColumns}, s.id as "sessionId", s.last_seen_at < now() - interval '1 minute' as stale
         from user_session s join app_user u on u.id = s.user_id left join region r on r.id = u.region_id
        where s.id = $1 and s.expires_at > now() and s.last_seen_at > now() - make_interval(mins => $2)
          and u.active and u.deleted_at is null and (u.role <> 'CLERK' or r.id is not null)`,
      [id, this.limits.idleMinutes],
    );
    const found = rows[0];
    if (!found) return undefined;
    // The idle clock restarts at most once a minute: a busy console does not write on every request.
    if (found.stale) await this.pool.query(`update user_session set last_seen_at = now() where id = $1`, [id]);
    const { stale: _, ...actor } = found;
    return { ...actor, sessionToken: token };
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.pool.query(`delete from user_session where id = $1`, [digest(token)]);
  }

  /** Ends every session of a user (a new password, deactivation). */
  async endAllOf(userId: string): Promise<void> {
    await this.pool.query(`delete from user_session where user_id = $1`, [userId]);
  }

  /** Forgets sessions past their limits (run now and then; expired ones never resolve anyway). */
  async sweep(): Promise<void> {
    await this.pool.query(`delete from user_session where expires_at < now() or last_seen_at < now() - make_interval(mins => $1)`, [this.limits.idleMinutes]);
  }
}

export { actorColumns };
