import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '~': path.resolve('app'),
      '@db': path.resolve('db'),
      '@storage': path.resolve('storage'),
    },
  },
  test: {
    include: ['{app,db,storage,server,scripts}/**/*.test.{ts,tsx}'],
    // One embedded PostgreSQL and S3 server for the run; each test file gets its own
    // database cloned from a migrated template, and its own bucket.
    globalSetup: ['./vitest.global-setup.ts'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    onConsoleLog: (_log, type) => (type === 'stderr' ? undefined : false),
  },
})
