/**
 * Connections for the metric facts' background work (a rebuild, a catch-up): like the request pool's but without
 * its timeouts — a national rebuild takes a minute, a catch-up of a bulk change as long as it needs, and the pool's
 * client-side timeout would drop the connection (and the work) midway. Each is cancelled when the server stops, so
 * that stopping never waits for a build to finish or for a lock a batch waits for.
 */
import pg from 'pg';

export class BackgroundConnections {
  /** The backends at work, to be cancelled on close. */
  private readonly backends = new Set<number>();
  private closed = false;

  /** `pool`: the request pool whose connection settings they take (and which sends the cancels). */
  constructor(private readonly pool: pg.Pool) {}

  /** `work` on a connection of its own, with `settings` over the pool's (a name for pg_stat_activity, timeouts). */
  async run<T>(settings: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ ...this.pool.options, statement_timeout: 0, query_timeout: undefined, ...settings });
    client.on('error', () => undefined);
    await client.connect();
    let backend: number | undefined;
    try {
      backend = (await client.query('select pg_backend_pid() as pid')).rows[0].pid as number;
      this.backends.add(backend);
      // Stopped while connecting: nothing begun that close() would have had to cancel.
      if (this.closed) throw new Error('the server is stopping');
      return await work(client);
    } finally {
      if (backend !== undefined) this.backends.delete(backend);
      await client.end().catch(() => undefined);
    }
  }

  /** Starts no further work and cancels the statements under way (their transactions roll back). */
  async close(): Promise<void> {
    this.closed = true;
    for (const backend of this.backends) await this.pool.query('select pg_cancel_backend($1)', [backend]).catch(() => undefined);
  }
}
