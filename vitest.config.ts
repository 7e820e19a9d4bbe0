import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file opens its own stand-in and temp database; files can run side by side.
    pool: 'forks',
  },
});
