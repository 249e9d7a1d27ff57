/**
 * Runs the server as this process: reads the configuration, starts, says where it listens, and drains on
 * SIGINT/SIGTERM. What is loaded into a new database is not the server's to know: the entry point above it
 * (../main.ts, which `npm start` runs) hands in that hook, so nothing under server/ imports seeds/.
 */
import { readConfig, type Config } from './config.js';
import { log, setLogLevel } from './log.js';
import { StartupError, startServer, type ServerHooks } from './server.js';

/** `hooksFor` sees the configuration, so the entry point can honour its switches (DEMO_DATA) without reading the environment again. */
export async function runServer(hooksFor: (config: Config) => ServerHooks = () => ({})): Promise<void> {
  const config = readConfig();
  setLogLevel(config.logLevel);

  try {
    const server = await startServer(config, hooksFor(config));
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
}
