// ESLint (flat config): typescript-eslint's type-checked rules for the model, the server, the seeds, the tests
// and the console, and the Rules of Hooks for the console. `npm run lint` runs it, then Prettier.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build output, the embedded cluster's data and what the e2e tests write (ESLint does not read .gitignore).
    ignores: ['dist/', 'admin/dist/', '.data/', '**/node_modules/', 'tests/e2e/screenshots/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked in the tsconfig nearest to it: tsconfig.json (schema, server, seeds, tests) or
        // admin/tsconfig.json (the console), so the rules see the types tsc sees.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `any` is where a library answers with it (pg rows, ra-data-graphql's params, GraphQL and JSON answers the
      // tests read): typing each answer by hand would repeat the schema. tsc's strict mode is the guard elsewhere.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Both fire on every String(x) or `${x}` of an `unknown` (spreadsheet cells, record fields, filter operands,
      // audit values) that the code turns into text on purpose once the other shapes are handled.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // async without await implements an async contract (MikroORM migrations' up/down, Apollo plugin hooks,
      // react-admin's authProvider) and turns a throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // Classes are kept and passed as `Function`: the type TypeScript gives `prototype.constructor` and the one
      // type-graphql's `buildSchema({ resolvers })` takes.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Our closed sets are string-literal unions; this only fires on graphql-js's enums (OperationTypeNode, Kind),
      // whose values are the very literals ('mutation', 'Field') the code compares them with.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // A caught or received reason is passed on as it is (only-throw-error allows the same by default).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // `_name` marks what is left out on purpose (a destructured field dropped from a copy, an unused parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Spreadsheet text, ID numbers and hostile files are checked for control characters on purpose.
      'no-control-regex': 'off',
      // Chinese text has the ideographic space (U+3000) in it: in strings, templates, regular expressions, JSX.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipJSXText: true, skipComments: true }],
    },
  },
  {
    files: ['admin/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The plugin's classic two rules (its recommended set adds the React Compiler's, which the console does not use).
      // exhaustive-deps is an error, not a warning, so that `npm test` fails on it.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // React discards what an event handler returns, and the console's async handlers report their own failures
      // (react-admin's mutations through onError, downloads through .catch): promises elsewhere are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // react-admin's authProvider rejects with `{ message: false }` to end a session without a notification.
    files: ['admin/src/auth/authProvider.ts'],
    rules: { '@typescript-eslint/only-throw-error': 'off' },
  },
  {
    // GraphiQL's store actions (addTab, changeTab) are plain functions its types declare as methods.
    files: ['admin/src/workbench/useEditor.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Plain JavaScript (this file, the PostGraphile peer of bench:peer) is in no tsconfig: no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
