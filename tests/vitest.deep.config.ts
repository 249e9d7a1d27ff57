/**
 * The longest generated comparisons (`npm run test:deep`, run by CI after `npm test`): every model, role and
 * grouping of an aggregate answered as text against ordinary execution, and every regional model's page read
 * from a user's reach against the same page read the other way. The main config (vitest.config.ts) with these
 * files instead of the others: together ~180 s of the suite's test time (two workers: ~90 s of its wall time).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import main from '../vitest.config.js';

export default defineConfig({
  ...main,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { ...main.test, include: ['tests/**/*.deep.test.ts'], exclude: ['node_modules/**'] },
});
