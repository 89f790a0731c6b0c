#!/usr/bin/env node
// kubectl (>= 1.26) runs `kubectl_complete-kuberik <args…> <partial>` for `kubectl kuberik <TAB>`.
// We answer in cobra's protocol through the hidden `__complete` command.
const { execute } = await import('../dist/bundle/index.js');

await execute({ dir: import.meta.url, args: ['__complete', ...process.argv.slice(2)] });
