/**
 * The longest suites (`npm run test:deep`, run by CI after `npm test`): the privacy matrix (every role × entity ×
 * path), every model, role and grouping of an aggregate answered as text against ordinary execution, every regional
 * model's page read from a user's reach against the same page read the other way, and the tests starting whole
 * servers on clusters of their own (first start, restart). The main config (vitest.config.ts) with these files
 * instead of the others: together ~350 s of the suite's test time (two workers: ~3–4 minutes of wall time).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import main from '../vitest.config.js';

export default defineConfig({
  ...main,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { ...main.test, include: ['tests/**/*.deep.test.ts'], exclude: ['node_modules/**'] },
});
