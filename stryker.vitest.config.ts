// Vitest config for mutation testing: only the engine's own tests, resolving core from sources.
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const conditions = ['@kuberik/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { root: './core', include: ['src/engine/**/*.test.ts'], testTimeout: 20_000 },
});
