// Mutation testing of the pure engine (`npm run mutation`): a benchmark of how well the engine's tests
// catch changed behaviour, not a CI step. Incremental: only mutants in changed code or touched by
// changed tests run again. Score and judged-equivalent survivors: docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts' },
  mutate: ['core/src/engine/**/*.ts', '!core/src/engine/**/*.test.ts', '!core/src/engine/test-support/**'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: '.cache/stryker/incremental.json',
  tempDirName: '.cache/stryker/tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.cache/stryker/report.html' },
  jsonReporter: { fileName: '.cache/stryker/report.json' },
  concurrency: 2,
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
  ignoreStatic: true,
};
