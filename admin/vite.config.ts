import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by the API server at /admin; `npm run dev:admin` proxies the API to it.
export default defineConfig({
  root: __dirname,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco, the workbench's editor, is one 2.8 MB chunk, loaded only when the workbench opens.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL's modules carry React Compiler directives ("use no memo"), meaningless once bundled.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // Monaco's workers (the workbench's GraphiQL) are bundled by Vite, not fetched from a CDN; the GraphQL
  // worker splits into chunks, which only ES module workers can load.
  worker: { format: 'es' },
  server: { port: 5173, proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000', '/export': 'http://localhost:4000', '/readyz': 'http://localhost:4000' } },
});
