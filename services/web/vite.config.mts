import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Static build served by the gateway at `/` under a strict CSP: no inline scripts or styles,
// so nothing is inlined into index.html and small assets never become data: fonts or scripts.
// `npm run dev` serves the app with hot reload and forwards /api to a running gateway
// (MEDGRADE_API, default the catalog's gateway port). The report's types and component names
// come from the grading core's plain types module (no code of the engine is bundled).
export default defineConfig({
  root: 'src',
  base: '/',
  resolve: { alias: { '@medgrade/core/types': fileURLToPath(new URL('../core/src/types.ts', import.meta.url)) } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': process.env.MEDGRADE_API ?? 'http://127.0.0.1:8080' },
  },
});
