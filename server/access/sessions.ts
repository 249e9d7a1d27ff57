/**
 * Server-side sessions in PostgreSQL. The cookie holds a random 256-bit token; the table holds only its
 * SHA-256. A session ends after `idleMinutes` without a request or `absoluteHours` after sign-in, at
 * sign-out, and when the user is deactivated, deleted or given a new password. A clerk whose region is
 * gone has no session at all: unbounded is never the fallback.
 *
 * A session found live is remembered for at most `cacheMs` (≤ 1 s), never past its own limits, so a
 * console's burst of requests costs one lookup and a request of a cached session one statement. What ends a
 * session anywhere is seen by every process within that second; what ends it in this process (sign-out, a
 * new password) is forgotten here at once. Writes never rest on the cache: the database derives the writer
 * from the live session the transaction names (crc_session_actor) and refuses an ended one.
 */
import crypto from 'node:crypto';
import type { Rows } from '../db/read-pool.js';
import { raw, sql } from '../sql/sql.js';
import type { Actor } from './actor.js';

export type SessionLimits = {
  idleMinutes: number;
  absoluteHours: number;
  /** How long a session found live is taken as live without asking again (capped at 1 s; 0: ask every time). */
  cacheMs?: number;
};

/** Every process must refuse a session ended elsewhere within a second. */
const longestCacheMs = 1_000;
/** Sessions remembered at most (only live ones are: made-up tokens never enter). */
const cachedSessionsMax = 10_000;

type SignedIn = Actor & { sessionId: string };
type Remembered = { actor: SignedIn; until: number };

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The user behind a session, with their region's code (what bounds them). */
const actorColumns = `u.id::text as id, u.username, u.display_name as "displayName", u.role, u.region_id::text as "regionId", r.code as "regionCode", r.name as "regionName", u.organisation_id::text as "organisationId"`;

export class Sessions {
  /** Live sessions by their digest, each until a monotonic time (performance.now()). */
  private readonly remembered = new Map<string, Remembered>();
  /**
   * Lookups under way, by digest: the requests a console sends at once with one cookie (a page's list, its count, its
   * pickers) wait for one lookup, not one each — eight at once took the control pool's four connections and its one
   * second's wait, and a loaded machine refused one of them as the database unavailable.
   */
  private readonly looking = new Map<string, Promise<SignedIn | undefined>>();
  private readonly cacheMs: number;

  constructor(
    /** The control pool: its statements are prepared once per connection, and tests can count them. */
    private readonly pool: Rows,
    private readonly limits: SessionLimits,
  ) {
    this.cacheMs = Math.max(0, Math.min(limits.cacheMs ?? longestCacheMs, longestCacheMs));
  }

  /** Starts a session for the user; returns the token for the cookie. */
  async start(userId: string, ip: string | undefined, userAgent: string | undefined): Promise<string> {
    const token = crypto.randomBytes(32).toString('base64url');
    await this.pool.rows(
      sql`insert into user_session (id, user_id, expires_at, ip, user_agent)
          values (${digest(token)}, ${userId}, now() + make_interval(hours => ${this.limits.absoluteHours}), ${ip ?? null}, left(${userAgent ?? null}, 300))`,
    );
    return token;
  }

  /** The signed-in user, or undefined when the token names no live session; keeps the session alive. */
  async resolve(token: string | undefined): Promise<SignedIn | undefined> {
    if (!token || token.length > 100) return undefined;
    const id = digest(token);
    const now = performance.now();
    const remembered = this.remembered.get(id);
    if (remembered && remembered.until > now) return remembered.actor;
    this.remembered.delete(id);
    const pending = this.looking.get(id);
    if (pending) return pending;
    const lookup: Promise<SignedIn | undefined> = this.lookUp(id, token).then(
      (found) => {
        // Not remembered if the session ended or its user changed while it was read (end, forgetUser).
        const current = this.looking.get(id) === lookup;
        if (current) this.looking.delete(id);
        if (!found) return undefined;
        if (current && found.lifeMs > 0) this.remember(id, { actor: found.actor, until: now + found.lifeMs });
        return found.actor;
      },
      (error: unknown) => {
        if (this.looking.get(id) === lookup) this.looking.delete(id);
        throw error;
      },
    );
    this.looking.set(id, lookup);
    return lookup;
  }

  /** The session `id` (the digest of `token`) read from the database, and how long it may be remembered. */
  private async lookUp(id: string, token: string): Promise<{ actor: SignedIn; lifeMs: number } | undefined> {
    const idle = sql`make_interval(mins => ${this.limits.idleMinutes})`;
    const [found] = await this.pool.rows<Actor & { sessionId: string; stale: boolean; liveMs: number }>(
      sql`select ${raw(actorColumns)}, s.id as "sessionId", s.last_seen_at < now() - interval '1 minute' as stale,
              (extract(epoch from least(s.expires_at, s.last_seen_at + ${idle}) - now()) * 1000)::float8 as "liveMs"
         from user_session s join app_user u on u.id = s.user_id left join region r on r.id = u.region_id
        where s.id = ${id} and s.expires_at > now() and s.last_seen_at > now() - ${idle}
          and u.active and u.deleted_at is null and (u.role <> 'CLERK' or r.id is not null)
          -- A handler without a live unit has nothing to act for (the unit deleted meanwhile): no session.
          and (u.role <> 'HANDLER' or exists (select 1 from organisation o where o.id = u.organisation_id and o.deleted_at is null))`,
    );
    if (!found) return undefined;
    // The idle clock restarts at most once a minute: a busy console does not write on every request.
    if (found.stale) await this.pool.rows(sql`update user_session set last_seen_at = now() where id = ${id}`);
    const { stale, liveMs, ...rest } = found;
    const actor = { ...rest, sessionToken: token };
    return { actor, lifeMs: Math.min(this.cacheMs, stale ? this.limits.idleMinutes * 60_000 : liveMs) };
  }

  private remember(id: string, entry: Remembered): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.remembered.size >= cachedSessionsMax) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(id, entry);
  }

  /** Forgets what this process remembers of a user's sessions (they ended, or the user changed). */
  forgetUser(userId: string): void {
    for (const [id, entry] of this.remembered) if (entry.actor.id === userId) this.remembered.delete(id);
    // A lookup under way may have read the user as they were: later requests look again.
    this.looking.clear();
  }

  async end(token: string | undefined): Promise<void> {
    if (!token) return;
    this.remembered.delete(digest(token));
    this.looking.delete(digest(token));
    await this.pool.rows(sql`delete from user_session where id = ${digest(token)}`);
  }

  /** Ends every session of a user (a new password, deactivation). */
  async endAllOf(userId: string): Promise<void> {
    this.forgetUser(userId);
    await this.pool.rows(sql`delete from user_session where user_id = ${userId}`);
  }

  /** Forgets sessions past their limits (run now and then; expired ones never resolve anyway). */
  async sweep(): Promise<void> {
    await this.pool.rows(sql`delete from user_session where expires_at < now() or last_seen_at < now() - make_interval(mins => ${this.limits.idleMinutes})`);
  }
}

export { actorColumns };
