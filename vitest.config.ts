import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: Node loads its CommonJS build for Apollo and type-graphql, so tests must too
    // (vite would otherwise pick index.mjs, and `instanceof GraphQLError` would fail across the two).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Memory tests (tests/workbench/export.test.ts) collect garbage before they measure.
    execArgv: ['--expose-gc'],
    maxWorkers: 2,
  },
});
