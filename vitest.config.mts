import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The e2e suite shares one PostgreSQL server; files run one at a time on 2 cores.
    fileParallelism: false,
  },
});
