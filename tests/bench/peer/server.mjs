/**
 * The peer of `npm run bench:peer`: PostGraphile 5 with its Amber preset, served by grafserv on node:http,
 * over one PostgreSQL database. Run with the Node 22 the bench installs beside PostGraphile (it needs
 * Node ≥ 22); nothing of the repository is imported.
 *
 * Environment: PEER_DATABASE_URL (required), PEER_PORT, PEER_HOST (127.0.0.1), PEER_POOL_MAX (10).
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const { PEER_DATABASE_URL: connectionString, PEER_PORT: port = '5678', PEER_HOST: host = '127.0.0.1', PEER_POOL_MAX: poolMax = '10' } = process.env;
if (!connectionString) throw new Error('PEER_DATABASE_URL is required');

/** Amber as it comes: no plugins, no smart tags; the schema is what PostGraphile infers from the database. */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: Number(poolMax) } })],
  grafserv: { port: Number(port), host, graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once('listening', () => process.stdout.write(`peer listening on http://${host}:${port}/graphql (PostGraphile on Node ${process.version})\n`));
await serv.addTo(server);
// The schema is built before the first request, so that start-up is not measured.
await pgl.getSchema();
server.listen(Number(port), host);

const stop = () => {
  server.close();
  void Promise.resolve(pgl.release()).finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
