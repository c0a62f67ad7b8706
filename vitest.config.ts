import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    {
      // As in the Remix build: browser-only modules (Leaflet maps) are empty on the server.
      name: 'stem-client-only-modules',
      enforce: 'pre',
      load: (id) => (/\.client\.tsx?$/.test(id) ? 'export default undefined' : undefined),
    },
  ],
  resolve: {
    alias: [
      { find: /^~db\//, replacement: `${path.resolve('db')}/` },
      { find: /^~\//, replacement: `${path.resolve('app')}/` },
    ],
  },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['db/test/global-setup.ts'],
    setupFiles: ['db/test/setup-file.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', PUBLIC_URL: 'http://stem.test' },
  },
})
