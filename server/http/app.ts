/** The Express app: /graphql (Apollo), /auth (sign-in), /export (streamed exports), /import (spreadsheets in), /attachments (suggestions' files), /admin (the console's static files), /healthz and /readyz. */
import crypto from 'node:crypto';
import type http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import express from 'express';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { expressMiddleware } from '@as-integrations/express5';
import type { Database, Readiness } from '../db/database.js';
import type { Context, FailedRead } from '../graphql/context.js';
import { AppError, isDatabaseUnavailable, unavailable } from '../graphql/errors.js';
import { languageOf } from '../graphql/language.js';
import { Reader } from '../api/reader.js';
import { Writer } from '../api/writer.js';
import { Access, type AccessOptions } from '../access/access.js';
import type { Passwords } from '../access/passwords.js';
import { notSignedIn, sessionToken, signInRoutes } from '../access/sign-in.routes.js';
import { exportRoute } from '../workbench/export.route.js';
import { tableExportRoute } from '../workbench/table-export.js';
import { importRoutes } from '../import/import.routes.js';
import { attachmentRoutes } from '../attachments/attachment.routes.js';
import type { AttachmentLimits } from '../attachments/attachment-limits.js';
import type { SheetLimits } from '../import/read-sheet.js';
import type { ImportJobs } from '../import/import-jobs.js';
import { checkTokens } from '../graphql/limits.js';
import { admitRequests, admittedActor, alreadyAdmitted } from './rate-limit.js';
import { cors } from './cors.js';
import { jsonBodyErrors, signedInBeforeBody } from './route-errors.js';
import type { QueryLimits } from '../graphql/query-limits.js';
import type { OperationRules } from '../graphql/apollo.js';
import { knownDocuments } from './known-documents.js';
import { graphqlFrontDoor } from './graphql-front-door.js';

export type AppDeps = {
  db: Database;
  apollo: ApolloServer<Context>;
  /** The schema Apollo serves (exports plan their queries against it). */
  schema: GraphQLSchema;
  /** What Apollo validates, estimates and plans with, shared with the known documents' fast path. */
  operationRules: OperationRules;
  adminDist: string;
  /** True once a shutdown began: new requests are refused with 503 while in-flight ones finish. */
  isDraining: () => boolean;
  passwords: Passwords;
  /** Express's `trust proxy`, set explicitly (config.ts). */
  trustProxy: number | string | false;
  queryLimits: QueryLimits;
  corsOrigins: readonly string[];
  /** What each request's Access is made with: the smallest published group, a search's reach (config.ts MIN_CELL_SIZE, SEARCH_REACH_LIMIT). */
  access: AccessOptions;
  /** What an imported file may be (server/import/read-sheet.ts). */
  importLimits: SheetLimits;
  /** The background imports (server/import/import-jobs.ts). */
  imports: ImportJobs;
  /** How large an attachment may be (config.ts ATTACHMENT_MAX_BYTES). */
  attachmentLimits: AttachmentLimits;
};

/** The longest /readyz waits for the database before it answers 503. */
const readinessWaitMs = 1_800;

/** The largest body of a /graphql request (express.json's limit there, and the layer's in front of it). */
const graphqlBodyLimit = 1_048_576;

/** The Express app, and the node:http request listener in front of it (graphql-front-door.ts) that the server hands every request. */
export type App = { express: express.Express; listener: http.RequestListener };

export function createApp({
  db,
  apollo,
  schema,
  operationRules,
  adminDist,
  isDraining,
  passwords,
  trustProxy,
  queryLimits,
  corsOrigins,
  access: accessOptions,
  importLimits,
  imports,
  attachmentLimits,
}: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  // No entity tags on answers: GraphQL answers POSTs, which no cache revalidates, and hashing each answer
  // cost a comparison of every county half a millisecond (the console's assets carry their own).
  app.set('etag', false);
  app.set('trust proxy', trustProxy);

  // A request the layer in front of Express admitted before the shutdown began is in flight: it finishes.
  app.use((request, response, next) => {
    if (!isDraining() || alreadyAdmitted(response)) return next();
    response.set('Connection', 'close').status(503).json({ status: 'shutting down' });
  });

  // Liveness: the process answers. Touches no database, so a database outage never restarts the server.
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  // Readiness: the database answers and every committed migration is applied — said within 2 s either way.
  app.get('/readyz', async (_request, response) => {
    const late = new Promise<Readiness>((resolve) => setTimeout(() => resolve({ ready: false, reason: 'database not answering' }), readinessWaitMs).unref());
    const readiness = await Promise.race([db.readiness(), late]);
    response.status(readiness.ready ? 200 : 503).json(readiness.ready ? { status: 'ready' } : { status: 'unavailable', reason: readiness.reason });
  });

  const crossOrigin = cors(corsOrigins);
  app.use(['/auth', '/graphql', '/export', '/import', '/attachments'], crossOrigin);
  app.use('/auth', signInRoutes({ pool: () => db.readPool?.pool, sessions: () => db.sessions, limits: () => db.rateLimits, passwords }));

  /** The context of one GraphQL operation: every operation, introspection included, needs a signed-in user. */
  const contextFor = async (req: express.Request): Promise<Context> => {
    const language = languageOf(req.headers['accept-language']);
    const requestId = crypto.randomUUID();
    if (!db.orm || !db.readPool || !db.metricFacts || !db.sessions) {
      throw new AppError('SERVICE_UNAVAILABLE', { zh: '数据库尚未就绪，请稍后重试', en: 'The database is not ready yet; please try again shortly' }, { requestId, http: { status: 503 } });
    }
    // Apollo would call a failure here "context creation failed" (500): a database that went away is a 503.
    const admitted = admittedActor(req);
    const actor =
      admitted !== undefined
        ? admitted
        : await db.sessions.resolve(sessionToken(req)).catch((error: unknown) => {
            if (isDatabaseUnavailable(error)) throw new AppError('SERVICE_UNAVAILABLE', unavailable, { requestId, http: { status: 503 } });
            throw error;
          });
    if (!actor) throw new AppError('UNAUTHENTICATED', notSignedIn, { requestId, http: { status: 401 } });
    checkTokens((req.body as { query?: unknown } | undefined)?.query, queryLimits.tokens);
    const access = new Access(actor, accessOptions);
    const em = db.orm.em.fork();
    const metrics = db.metricFacts;
    const writer = new Writer(em, access, requestId, () => metrics.refreshSoon());
    // Analysts read through their own, smaller and stricter pool: their heavy queries cannot starve staff.
    // Anyone's heavy operations move to the heavy pool once their cost is known (limits.ts).
    const readPool = (actor.role === 'ANALYST' && db.analystPool) || db.readPool;
    const pools = { interactive: readPool, heavy: db.heavyPool ?? readPool };
    // Counted once per context: an export's pages (one context, many operations) are one heavy operation.
    let heavyAdmission: Promise<number> | undefined;
    const admitHeavy = () => (heavyAdmission ??= db.rateLimits ? db.rateLimits.heavy(actor.id) : Promise.resolve(0));
    // A record read the known documents' fast path ran and saw fail: answered from its error (known-documents.ts).
    const failedRead = req.res?.locals.failedRead as FailedRead | undefined;
    return { em, readPool, pools, reader: new Reader(readPool, access, requestId), writer, metrics, language, requestId, access, passwords, sessions: db.sessions, admitHeavy, imports, failedRead };
  };

  // Brotli where the browser takes it (else gzip), at a quality cheap enough to run per response.
  const compressor = compression({ threshold: 1024, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
  // A client that takes no encoding (a script, a service) pays nothing for it: not even the wrapper every write
  // went through (a tenth of a small request's time).
  const compressed: express.RequestHandler = (request, response, next) => (request.headers['accept-encoding'] ? compressor(request, response, next) : next());
  const limiter = admitRequests({ limits: () => db.rateLimits, sessions: () => db.sessions });
  // Record reads of a query text seen before are answered without Apollo's pipeline (known-documents.ts), after
  // everything every request passes: what it does not answer itself goes on to Apollo unchanged.
  const known = knownDocuments({
    db,
    schema,
    validationRules: operationRules.validationRules,
    queryLimits,
    costs: operationRules.costs,
    recordReads: operationRules.recordReads,
    accessOptions,
  });
  // Answers over 1 kB compressed for whoever accepts it: the console's introspection and metadata are ~1.1 MB of JSON.
  // Whoever is not signed in is refused before the body is read; a body too large or not JSON is refused in words;
  // a known record read is answered by the fast path (known-documents.ts), everything else by Apollo.
  app.use(
    '/graphql',
    limiter,
    signedInBeforeBody,
    compressed,
    express.json({ limit: graphqlBodyLimit }),
    jsonBodyErrors,
    known.handler,
    expressMiddleware(apollo, { context: ({ req }) => contextFor(req) }),
  );
  app.post('/export/table', limiter, signedInBeforeBody, express.json({ limit: '4mb' }), jsonBodyErrors, tableExportRoute(contextFor));
  app.post('/export', limiter, signedInBeforeBody, express.json({ limit: '1mb' }), jsonBodyErrors, exportRoute(apollo, schema, contextFor));
  app.use('/import', limiter, importRoutes(contextFor, imports, importLimits));
  app.use('/attachments', limiter, attachmentRoutes(contextFor, attachmentLimits));

  const indexHtml = path.join(adminDist, 'index.html');
  // The console over a county's network: hashed assets as the build compressed them (.br, .gz beside each:
  // admin/vite.config.ts), cached for good (a new build has new names); the rest (index.html) compressed
  // here and asked for afresh every time.
  app.use('/admin', compressed);
  app.use(
    '/admin/assets',
    expressStaticGzip(path.join(adminDist, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: { index: false, immutable: true, maxAge: '365d' },
    }),
  );
  app.use('/admin', express.static(adminDist, { index: false, maxAge: 0 }));
  app.get(['/admin', '/admin/{*splat}'], (_request, response) => {
    if (fs.existsSync(indexHtml)) return response.set('cache-control', 'no-cache').sendFile(indexHtml);
    response.status(503).type('text/plain').send('The console is not built yet: run `npm run build`.\n控制台尚未构建：请运行 npm run build。\n');
  });
  app.get('/', (_request, response) => response.redirect('/admin/'));

  // The everyday POST /graphql answered before Express's router: the same steps up to the body as the chain above
  // (draining, CORS, the limiter, the 401 before the body), then the known documents' fast path; the rest is Express's.
  const listener = graphqlFrontDoor({ app, isDraining, beforeBody: [crossOrigin, limiter, signedInBeforeBody], bodyLimit: graphqlBodyLimit, known });
  return { express: app, listener };
}
