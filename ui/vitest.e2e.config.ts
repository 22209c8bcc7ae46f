import { defineConfig } from 'vitest/config';

// The end-to-end suite drives the real window through tauri-driver; it runs
// one file at a time because there is one window and one database.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    bail: 1,
  },
});
