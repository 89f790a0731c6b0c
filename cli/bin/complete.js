#!/usr/bin/env node
// kubectl (>= 1.26) runs `kubectl_complete-kuberik <args…> <partial>` for `kubectl kuberik <TAB>`.
// We answer in cobra's protocol, like the hidden `__complete` command, without loading oclif.
const { complete } = await import('../dist/bundle/complete.js');

await complete(process.argv.slice(2));
