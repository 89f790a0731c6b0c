// globalSetup of the e2e-real project: ONE real cluster for the whole run (a start costs seconds;
// per file it would dominate). Tests isolate themselves by namespace.
import type { TestProject } from 'vitest/node';
import { startRealCluster } from './cluster.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startRealCluster();
  process.stderr.write(
    `real cluster ${cluster.url} (kube-apiserver ${cluster.versions.kubernetes ?? '?'}) up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  project.provide('realCluster', cluster.info);
  return () => cluster.close();
}
