/**
 * Every brake on how fast one client may go, counted in PostgreSQL by rate-limiter-flexible (one upsert
 * per count, so counting is atomic; every server process on the database shares the counts; the process
 * keeps nothing per client, whatever clients send):
 * - requests per minute to /graphql and /export, per IP address and per signed-in user (their id, not their
 *   session: signing in again buys nothing), and heavy operations per minute per user, so that nobody keeps
 *   the heavy pool — and the machine's processors — busy for long;
 * - sign-in attempts per (username, IP): ten in a window, then that pair is locked for a while — an attacker
 *   cannot lock `admin` out for everyone, one office behind a shared NAT does not lock itself out of every
 *   account. An attempt is counted before its password is checked, so of any number of parallel guesses at
 *   most ten are checked; a success clears the pair;
 * - sign-in attempts per IP, a broader cap against one address trying many names.
 */
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitSettings = {
  /** Requests per minute per signed-in user and per IP address (0: unlimited). */
  perUser: number;
  perIp: number;
  /** Heavy operations (those read on the heavy pool) per minute per user (0: unlimited). */
  heavyPerUser: number;
};

export type SignInLimits = { attemptsBeforeLock: number; lockMinutes: number; attemptsPerIp: number; ipWindowMinutes: number };

export const defaultSignInLimits: SignInLimits = { attemptsBeforeLock: 10, lockMinutes: 15, attemptsPerIp: 100, ipWindowMinutes: 15 };

/** Why a sign-in may not be tried now, and for how long. */
export type SignInRefusal = { reason: 'address' | 'locked'; retryAfterSeconds: number };

const table = 'rate_limit';

/** The seconds until a refused key may try again, or rethrows what was not a refusal (the database away). */
function refusal(outcome: unknown): number {
  if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
  throw outcome;
}

export class RateLimits {
  private readonly perIp: RateLimiterPostgres | undefined;
  private readonly perUser: RateLimiterPostgres | undefined;
  private readonly heavyPerUser: RateLimiterPostgres | undefined;
  private readonly signInPair: RateLimiterPostgres;
  private readonly signInIp: RateLimiterPostgres;

  /**
   * `pools.requests` counts requests; `pools.signIn` counts sign-in attempts — apart, so that a storm of
   * guesses (each counted on one row, so they queue on its lock) cannot delay signed-in staff.
   */
  constructor(pools: { requests: pg.Pool; signIn: pg.Pool }, settings: RateLimitSettings, signIn: SignInLimits = defaultSignInLimits) {
    const limiter = (pool: pg.Pool, keyPrefix: string, points: number, seconds: number, blockSeconds = 0) =>
      new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: table, tableCreated: true, keyPrefix, points, duration: seconds, blockDuration: blockSeconds });
    this.perIp = settings.perIp > 0 ? limiter(pools.requests, 'ip', settings.perIp, 60) : undefined;
    this.perUser = settings.perUser > 0 ? limiter(pools.requests, 'user', settings.perUser, 60) : undefined;
    this.heavyPerUser = settings.heavyPerUser > 0 ? limiter(pools.requests, 'heavy', settings.heavyPerUser, 60) : undefined;
    this.signInPair = limiter(pools.signIn, 'sign-in', signIn.attemptsBeforeLock, signIn.lockMinutes * 60, signIn.lockMinutes * 60);
    this.signInIp = limiter(pools.signIn, 'sign-in-ip', signIn.attemptsPerIp, signIn.ipWindowMinutes * 60);
  }

  /** Counts a request from `ip`; the seconds to wait when over the address's limit, else 0. */
  async address(ip: string): Promise<number> {
    if (!this.perIp) return 0;
    return this.perIp.consume(ip).then(() => 0, refusal);
  }

  /** Counts a request of the user `userId`; the seconds to wait when over their limit, else 0. */
  async user(userId: string): Promise<number> {
    if (!this.perUser) return 0;
    return this.perUser.consume(userId).then(() => 0, refusal);
  }

  /** Counts a heavy operation of the user `userId`; the seconds to wait when over their limit, else 0. */
  async heavy(userId: string): Promise<number> {
    if (!this.heavyPerUser) return 0;
    return this.heavyPerUser.consume(userId).then(() => 0, refusal);
  }

  /** Counts a sign-in attempt before its password is checked; a refusal when the address or the pair is over. */
  async signInAttempt(username: string, ip: string): Promise<SignInRefusal | null> {
    const address = await this.signInIp.consume(ip).then(() => 0, refusal);
    if (address) return { reason: 'address', retryAfterSeconds: address };
    const pair = await this.signInPair.consume(`${username}|${ip}`).then(() => 0, refusal);
    return pair ? { reason: 'locked', retryAfterSeconds: pair } : null;
  }

  /** A successful sign-in clears its pair's count. */
  async signedIn(username: string, ip: string): Promise<void> {
    await this.signInPair.delete(`${username}|${ip}`);
  }
}
