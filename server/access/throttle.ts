/**
 * Brakes on guessing passwords. Per (username, IP), in PostgreSQL: ten failures within the window lock
 * that pair for `lockMinutes` — an attacker cannot lock `admin` out for everyone, and one office behind a
 * shared NAT does not lock itself out of every account. Per IP, in memory: a broader cap on attempts of
 * any kind, against one address trying many names.
 */
import type pg from 'pg';

export type ThrottleLimits = { failuresBeforeLock: number; lockMinutes: number; attemptsPerIp: number; ipWindowMinutes: number };

export const defaultThrottleLimits: ThrottleLimits = { failuresBeforeLock: 10, lockMinutes: 15, attemptsPerIp: 100, ipWindowMinutes: 15 };

export class SignInThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly limits: ThrottleLimits = defaultThrottleLimits,
  ) {}

  /** Counts an attempt from `ip`; false when the address is over its cap. */
  admitFromIp(ip: string): boolean {
    const now = Date.now();
    const since = now - this.limits.ipWindowMinutes * 60_000;
    const recent = (this.attempts.get(ip) ?? []).filter((at) => at > since);
    recent.push(now);
    this.attempts.set(ip, recent);
    if (this.attempts.size > 10_000) for (const [key, times] of this.attempts) if (times.every((at) => at <= since)) this.attempts.delete(key);
    return recent.length <= this.limits.attemptsPerIp;
  }

  /** Minutes until the pair may try again, or 0 when it is not locked. */
  async lockedMinutes(username: string, ip: string): Promise<number> {
    const { rows } = await this.pool.query<{ minutes: number }>(
      `select ceil(extract(epoch from locked_until - now()) / 60)::int as minutes from sign_in_failure where username = $1 and ip = $2 and locked_until > now()`,
      [username, ip],
    );
    return rows[0]?.minutes ?? 0;
  }

  /** Records a failure; the failures of a window older than the lock period start over. */
  async failed(username: string, ip: string): Promise<void> {
    const { failuresBeforeLock, lockMinutes } = this.limits;
    await this.pool.query(
      `insert into sign_in_failure as f (username, ip, failures) values ($1, $2, 1)
       on conflict (username, ip) do update set
         failures = case when f.first_failed_at < now() - make_interval(mins => $4) or f.locked_until < now() then 1 else f.failures + 1 end,
         first_failed_at = case when f.first_failed_at < now() - make_interval(mins => $4) or f.locked_until < now() then now() else f.first_failed_at end,
         locked_until = case when f.first_failed_at >= now() - make_interval(mins => $4) and (f.locked_until is null or f.locked_until >= now()) and f.failures + 1 >= $3
                             then now() + make_interval(mins => $4) else null end`,
      [username, ip, failuresBeforeLock, lockMinutes],
    );
  }

  async succeeded(username: string, ip: string): Promise<void> {
    await this.pool.query(`delete from sign_in_failure where username = $1 and ip = $2`, [username, ip]);
  }
}
