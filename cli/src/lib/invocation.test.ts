import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliInvocation } from './invocation.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function binDir(...names: string[]): string {
  const d = mkdtempSync(join(tmpdir(), 'inv-'));
  dirs.push(d);
  for (const n of names) {
    writeFileSync(join(d, n), '#!/bin/sh\n');
    chmodSync(join(d, n), 0o755);
  }
  return d;
}

describe('cliInvocation', () => {
  it('says npx inside an npm script, whose PATH the shell does not have (README set-up: npm run demo)', () => {
    const path = binDir('kubectl', 'kubectl-kuberik');
    expect(cliInvocation({ env: { PATH: path, npm_lifecycle_event: 'demo' } })).toBe('npx kubectl-kuberik');
  });
  it('says kubectl kuberik when both are on PATH', () => {
    expect(cliInvocation({ env: { PATH: binDir('kubectl', 'kubectl-kuberik') } })).toBe('kubectl kuberik');
  });
  it('says kubectl-kuberik without kubectl', () => {
    expect(cliInvocation({ env: { PATH: binDir('kubectl-kuberik') } })).toBe('kubectl-kuberik');
  });
  it('names the script it runs as when the plugin is not on PATH', () => {
    expect(cliInvocation({ env: { PATH: binDir('kubectl') }, script: '/src/cli/bin/run.js' })).toBe(
      'node /src/cli/bin/run.js',
    );
  });
});
