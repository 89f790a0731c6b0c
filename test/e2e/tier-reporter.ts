// A vitest reporter that repeats, after the run's own summary, why the editor tier was skipped:
// the warning printed when its files load scrolls away, and a skipped tier must not go unnoticed.
// Under CI=true the tier fails instead of skipping (harness.ts), so this only speaks on a laptop.
import type { Reporter, TestModule } from 'vitest/node';

export default class SkippedTierReporter implements Reporter {
  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const editor = testModules.some((m) => m.moduleId.includes('/test/src/editor/'));
    if (!editor) return;
    const { editorTierMissing, skipEditorTier } = await import('./harness.js');
    const missing = editorTierMissing();
    if (skipEditorTier(missing)) process.stdout.write(`\n${missing}\n`);
  }
}
