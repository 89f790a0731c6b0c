// Temp dirs for tests: removed after each test file (tmp-cleanup.ts, a setup file of the test/
// projects) and, outside vitest (the benches), when the process exits. Vitest ends its workers
// without running 'exit' handlers, so the exit hook alone left every test's dirs behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let hooked = false;

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kuberik-${prefix}-`));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', removeTempDirs);
  }
  return dir;
}

/** Removes every dir makeTempDir made so far. */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
