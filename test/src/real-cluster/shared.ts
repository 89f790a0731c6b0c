// The real cluster a test file uses: the one the e2e-real project's globalSetup started for the whole
// run (vitest provide/inject), or, when a file runs on its own, one started just for it.
import { inject } from 'vitest';
import { connectRealCluster, startRealCluster, type RealCluster, type RealClusterInfo } from './cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    realCluster: RealClusterInfo | undefined;
  }
}

export async function sharedRealCluster(): Promise<RealCluster> {
  const info = inject('realCluster');
  return info ? connectRealCluster(info) : startRealCluster();
}
