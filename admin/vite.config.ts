import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by the API server at /admin; `npm run dev:admin` proxies the API to it.
export default defineConfig({
  root: __dirname,
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000', '/readyz': 'http://localhost:4000' } },
});
