import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard compiles the SDK and protocol from their sources, as vitest does, so that
// `vite build` and `vite` (dev) do not depend on the packages' dist/ being built first.
const sourceOf = (pkg: string): string =>
  fileURLToPath(new URL(`../../packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@tickdeck/client': sourceOf('client'),
      '@tickdeck/protocol': sourceOf('protocol'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // dist/.vite/manifest.json: scripts/check-size.mjs reads the initial chunks from it.
    manifest: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/health': 'http://127.0.0.1:8080',
      '/ready': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
