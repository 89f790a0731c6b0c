#!/usr/bin/env node
// kubectl finds this as `kubectl-kuberik` on PATH; oclif (bundled) reads the manifest and the command map.
// `get` first tries a fast path that skips oclif's Config.load and hands back to oclif whatever it
// does not handle exactly as oclif would (docs/cli-startup.md).
const argv = process.argv.slice(2);
const fast =
  (argv[0] === 'get' || argv[0] === 'list') &&
  (await (await import('../dist/bundle/fast-get.js')).fastGet(argv.slice(1)));
if (!fast) {
  const { execute } = await import('../dist/bundle/index.js');
  await execute({ dir: import.meta.url });
}
