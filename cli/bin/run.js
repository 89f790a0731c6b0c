#!/usr/bin/env node
// kubectl finds this as `kubectl-kuberik` on PATH; oclif (bundled) reads the manifest and the command map.
const { execute } = await import('../dist/bundle/index.js');

await execute({ dir: import.meta.url });
