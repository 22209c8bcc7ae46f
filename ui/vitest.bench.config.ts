import { defineConfig } from 'vitest/config';

// Benchmarks (bench/): the layout speed (make bench-ui) and the shell's
// start-up and memory in the real window (scripts/bench-shell.sh). They print
// numbers; they are not part of the test suites.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 180_000,
  },
});
