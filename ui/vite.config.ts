import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // The Tauri shell serves ui/dist itself; relative paths keep it portable.
  base: './',
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK of current Debian/Ubuntu handles ES2021.
    target: 'es2021',
    // Keep every asset a file: the CSP forbids inline data: scripts and styles.
    assetsInlineLimit: 0,
  },
  // Unit tests that mount components (in jsdom) need Svelte's browser build.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    include: ['src/**/*.test.ts', 'e2e/xss/*.test.ts'],
    environment: 'node',
  },
});
