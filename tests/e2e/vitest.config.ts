/**
 * Browser tests (`npm run test:e2e`): the real server against a throwaway database (the same global
 * setup as `npm test`), the built console, and Debian's Chromium driven by playwright-core. One file at
 * a time: each starts its own server and browser.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: {
    // One copy of graphql, as in the main config: the server's CommonJS build.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 120_000,
    // Screens render asynchronously: polled expectations wait up to 10 s.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
