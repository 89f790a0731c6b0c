import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Every package resolves @kuberik/core from its TypeScript sources, so tests need no build first.
const conditions = ['@kuberik/source', ...defaultServerConditions];

// KUBERIK_BACKEND=real|sandbox|both (default both): which API servers the tiers run against. The
// real backend is a kube-apiserver + etcd built from their Go modules (docs/real-cluster.md), started
// ONCE per run by the e2e-real project's globalSetup; its tests see KUBERIK_TEST_BACKEND=real.
const backend = process.env.KUBERIK_BACKEND ?? 'both';
if (!['real', 'sandbox', 'both'].includes(backend)) {
  throw new Error(`KUBERIK_BACKEND must be real, sandbox or both, not ${backend}`);
}
// The test files that run on both backends (the e2e project on the sandbox, e2e-real on the real
// server). Inside them, what needs a sandbox-only fault is marked sandboxOnly(reason) and shows as
// skipped on the real backend (test/src/support/backend.ts; docs/real-cluster.md "The tiers").
const bothBackends = [
  'src/cli/commands.test.ts',
  'src/cli/driver.test.ts',
  'src/cli/deploy-flags.test.ts',
  'src/cli/guard-rails.test.ts',
  'src/cli/kubectl-plugin.test.ts',
  'src/cli/requests.test.ts',
  'src/cli/tui.test.ts',
  'src/controller/controller.test.ts',
  'src/controller/foreign-lease.test.ts',
  'src/controller/readiness.test.ts',
  'src/controller/run.test.ts',
  'src/controller/two-controllers.test.ts',
  'src/controller/user-roles.test.ts',
  'src/controller/write-echoes.test.ts',
  'src/editor/rollouts.host.test.ts',
  'src/editor/rollouts.ui.test.ts',
  'src/engine/actions.test.ts',
  'src/engine/attribution.test.ts',
  'src/engine/bad-input.test.ts',
  'src/engine/cross-namespace.test.ts',
  'src/engine/faults.test.ts',
  'src/engine/intent-record.test.ts',
  'src/engine/kube.test.ts',
  'src/engine/lease-many.test.ts',
  'src/engine/lease.test.ts',
  'src/engine/lifecycle.test.ts',
  'src/engine/oci.test.ts',
  'src/engine/parity.test.ts',
  'src/engine/restart.test.ts',
  'src/engine/schedule.test.ts',
  'src/engine/schedule-status.test.ts',
  'src/engine/shard-lease.test.ts',
];
const realProjects =
  backend === 'sandbox'
    ? []
    : [
        {
          extends: true as const,
          test: {
            name: 'e2e-real',
            root: './test',
            include: ['src/real-cluster/**/*.test.ts', ...bothBackends],
            env: { KUBERIK_TEST_BACKEND: 'real' },
            globalSetup: ['./src/real-cluster/global-setup.ts'],
            setupFiles: ['./src/support/tmp-cleanup.ts'],
            testTimeout: 300_000,
            hookTimeout: 600_000,
          },
        },
      ];

// The tiers as they always ran: the sandbox (and the unit tests, which need no server).
const sandboxProjects = [
  {
    extends: true as const,
    test: { name: 'core', root: './core', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
  },
  {
    extends: true as const,
    // Ink treats any CI value as "CI mode" and then draws only the last frame.
    test: { name: 'cli', root: './cli', include: ['src/**/*.test.{ts,tsx}'], env: { CI: 'false' } },
  },
  { extends: true as const, test: { name: 'extension', root: './extension', include: ['src/**/*.test.ts'] } },
  {
    extends: true as const,
    test: {
      name: 'e2e',
      root: './test',
      include: ['src/**/*.test.ts'],
      // The real backend's own suite runs in e2e-real, with its cluster.
      exclude: ['src/real-cluster/**'],
      setupFiles: ['./src/support/tmp-cleanup.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // The second reporter repeats a skipped tier's reason below the summary (test/e2e/tier-reporter.ts).
    reporters: ['default', './test/e2e/tier-reporter.ts'],
    projects: [...realProjects, ...(backend === 'real' ? [] : sandboxProjects)],
  },
});
