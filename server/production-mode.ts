/**
 * Imported first by the entry point: unless told otherwise the server runs in production mode, which
 * graphql-js reads once, at load, to skip its development-only checks on every value it resolves.
 */
process.env.NODE_ENV ??= 'production';
