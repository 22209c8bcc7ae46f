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
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
