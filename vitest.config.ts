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
    // The browser tests have their own config (tests/e2e); the longest suites (privacy matrix, comparisons) their own script
    // (`npm run test:deep`, tests/vitest.deep.config.ts), so that `npm test` stays under 10 minutes on 2 cores.
    exclude: ['tests/e2e/**', 'tests/**/*.deep.test.ts', 'node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The files of a worker share one process and its loaded modules: each file importing the server afresh cost
    // ~170 s of the suite's ~600 (vitest's "import" time) on 2 cores. Each file makes its own server and database; what
    // the modules hold is shared, so a server reads the models it serves, not every one registered (a fixture entity
    // another file declared: server/api/deletion.ts), and a file that spies on a library's function restores it.
    // `--sequence.shuffle.files` runs the files in another order to check.
    isolate: false,
    // Memory tests (tests/workbench/export.test.ts) collect garbage before they measure.
    execArgv: ['--expose-gc'],
    maxWorkers: 2,
  },
});
