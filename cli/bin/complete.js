#!/usr/bin/env node
// kubectl (>= 1.26) runs `kubectl_complete-kuberik <args…> <partial>` for `kubectl kuberik <TAB>`.
// We answer in cobra's protocol through the hidden `__complete` command.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url, args: ['__complete', ...process.argv.slice(2)] });
