/**
 * Entry point of `npm start`, `npm run dev` and the Docker image: the product is the server (server/) with
 * the demo data set (seeds/) loaded into a new embedded database. It sits above both because it is the one
 * module that composes them: the server only exposes the hook, and never imports seeds/
 * (tests/foundation/layering.test.ts holds it to that).
 *
 * The demo loads only where it always did: a new embedded database (no DATABASE_URL), unless DEMO_DATA=off.
 * An external database — the Docker image under docker-compose.yml — never gets it on its own.
 */
import './server/production-mode.js';
import 'reflect-metadata';
import { runServer } from './server/run.js';
import { loadDemoOnFirstStart } from './seeds/demo/first-start.js';

await runServer((config) => ({ afterMigrate: config.demoData ? loadDemoOnFirstStart : undefined }));
