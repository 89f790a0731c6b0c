import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Every package resolves @kuberik/core from its TypeScript sources, so tests need no build first.
const conditions = ['@kuberik/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'core', root: './core', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        // Ink treats any CI value as "CI mode" and then draws only the last frame.
        test: { name: 'cli', root: './cli', include: ['src/**/*.test.{ts,tsx}'], env: { CI: 'false' } },
      },
      { extends: true, test: { name: 'extension', root: './extension', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: './test',
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
