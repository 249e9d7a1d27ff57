/** Entry point of `npm start`: one process serving the API, the console and the health checks. */
import './production-mode.js';
import 'reflect-metadata';
import { readConfig } from './config.js';
import { log, setLogLevel } from './log.js';
import { StartupError, startServer } from './server.js';
import { loadDemoOnFirstStart } from '../seeds/demo/first-start.js';

const config = readConfig();
setLogLevel(config.logLevel);

try {
  const server = await startServer(config, { afterMigrate: config.demoData ? loadDemoOnFirstStart : undefined });
  const base = `http://localhost:${server.port}`;
  log.info(`人大履职数据台 Congress Records Console is up:`);
  log.info(`  console  ${base}/admin/`);
  log.info(`  GraphQL  ${base}/graphql`);
  log.info(`  health   ${base}/healthz  ready ${base}/readyz`);

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      log.warn(`${signal} again: still draining; send SIGKILL to abandon in-flight work`);
      return;
    }
    log.info(`${signal}: draining requests, then closing the database`);
    server.stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (error) => {
        log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
} catch (error) {
  if (error instanceof StartupError) {
    log.error(`cannot start: ${error.message}`);
  } else {
    log.error('cannot start', error);
  }
  process.exit(1);
}
