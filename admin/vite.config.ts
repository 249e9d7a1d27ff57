import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Every built asset over 1 kB also as `.br` (brotli at its best quality) and `.gz`, written once at build time:
 * the server sends these as they are (express-static-gzip), where compressing per request would have to
 * settle for a cheap quality (the main script: ~465 kB at quality 4, ~375 kB at 11).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'crc-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const name of fs.readdirSync(assets)) {
        if (!/\.(js|css|svg|json|woff2?|ttf)$/.test(name) || /\.woff2$/.test(name)) continue;
        const file = path.join(assets, name);
        const content = fs.readFileSync(file);
        if (content.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

// The console is served by the API server at /admin; `npm run dev:admin` proxies the API to it.
export default defineConfig({
  root: __dirname,
  base: '/admin/',
  plugins: [react(), precompress()],
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
