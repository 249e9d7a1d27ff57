/**
 * Assembles and runs the whole product in one process, and owns the shutdown order: stop accepting,
 * drain in-flight requests, close the pool, then stop the embedded cluster — so no committed data and
 * no in-flight transaction is lost.
 */
import http from 'node:http';
import type { Config } from './config.js';
import { Database } from './db/database.js';
import { createApollo, operationRules as operationRulesOf } from './graphql/apollo.js';
import { buildGraphQLSchema } from './graphql/schema.js';
import { createApp } from './http/app.js';
import { ImportJobs } from './import/import-jobs.js';
import { Writer } from './api/writer.js';
import { log } from './log.js';
import { servedEntities } from '../schema/entities.js';
import { Passwords } from './access/passwords.js';
import { backupPlaceOf } from './backup/backup-status.js';
import type { Constructor } from '../schema/model/registry.js';

export type RunningServer = {
  port: number;
  db: Database;
  /** Idempotent; resolves when the cluster has stopped. */
  stop: () => Promise<void>;
};

/** A failure at start-up that is the user's to fix, reported as one line (no stack trace). */
export class StartupError extends Error {}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`port ${port} is already in use; stop the other program or set PORT to a free port`));
      else if (error.code === 'EACCES') reject(new StartupError(`no permission to listen on port ${port}; set PORT to a port above 1024`));
      else reject(error);
    });
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

export type ServerHooks = {
  /**
   * Runs as the owner at every start once the schema is current, before the server reports ready (`embedded`:
   * the database is the server's own cluster). How a new database is filled is the caller's: main.ts hands in
   * the demo loader, which fills only an empty embedded one; the server itself knows nothing of seeds/.
   */
  afterMigrate?: (ownerUrl: string, embedded: boolean) => Promise<void>;
  /** Entities served beyond schema/'s: a test's fixture entity, whose table the test creates. */
  extraEntities?: readonly Constructor[];
};

export async function startServer(config: Config, hooks: ServerHooks = {}): Promise<RunningServer> {
  const db = new Database(config, hooks.afterMigrate, hooks.extraEntities);
  const schema = await buildGraphQLSchema([...servedEntities, ...(hooks.extraEntities ?? [])], config.queryLimits, backupPlaceOf(config));
  // One set of rules, caches included, for Apollo and the known documents' fast path (http/known-documents.ts).
  const operationRules = operationRulesOf(schema, config.queryLimits);
  const apollo = createApollo(schema, config.queryLimits, operationRules);
  await apollo.start();

  let draining = false;
  let inFlight = 0;
  const passwords = new Passwords(config.passwordHashCost);
  // Imports read and write as their user, audited under the job's id (the batch), outside any request.
  const imports = new ImportJobs({
    pool: () => db.readPool,
    contextFor: (access, requestId) => ({ rows: db.readPool!, access, requestId, writer: new Writer(db.orm!.em.fork(), access, requestId, () => db.metricFacts?.refreshSoon()) }),
    limits: config.importLimits,
  });
  const { listener } = createApp({
    db,
    apollo,
    schema,
    operationRules,
    adminDist: config.adminDist,
    isDraining: () => draining,
    passwords,
    trustProxy: config.trustProxy,
    queryLimits: config.queryLimits,
    corsOrigins: config.corsOrigins,
    access: { minCellSize: config.minCellSize, searchReachLimit: config.searchReachLimit },
    importLimits: config.importLimits,
    imports,
    attachmentLimits: config.attachmentLimits,
  });
  const server = http.createServer((request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
    // POST /graphql first meets the layer in front of Express (http/graphql-front-door.ts); the rest goes to Express.
    listener(request, response);
  });
  // The port is claimed before the database starts, so a taken port fails fast and touches nothing.
  const port = await listen(server, config.port, config.host).catch(async (error) => {
    await apollo.stop();
    throw error;
  });
  try {
    await db.start();
  } catch (error) {
    server.close();
    await apollo.stop();
    await db.stop().catch(() => undefined);
    throw new StartupError(`the embedded database could not start: ${(error as Error).message}`);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + config.shutdownGraceMs;
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        server.closeIdleConnections();
      }
      if (inFlight > 0) log.warn(`shutdown grace period over: cutting ${inFlight} request(s)`);
      server.closeAllConnections();
      await closed;
      log.debug('shutdown: HTTP closed');
      // Imports still running are stopped (rolled back, and said so on their jobs) while the database is up.
      await imports.stop();
      await apollo.stop();
      await db.stop();
      log.debug('shutdown: database closed');
    })());

  return { port, db, stop };
}
