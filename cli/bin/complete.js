#!/usr/bin/env node
// kubectl (>= 1.26) runs `kubectl_complete-kuberik <args…> <partial>` for `kubectl kuberik <TAB>`.
// We answer in cobra's protocol, like the hidden `__complete` command, without loading oclif: one
// CommonJS file run with a V8 code cache (dist/fast-path, docs/cli-startup.md).
'use strict';
const { join } = require('node:path');
const { runBundle } = require('../dist/fast-path/code-cache.cjs');

const dist = join(__dirname, '..', 'dist');
void runBundle(join(dist, 'fast-path', 'complete.cjs')).complete(
  process.argv.slice(2),
  join(dist, 'bundle', 'completion-spec.json'),
);
