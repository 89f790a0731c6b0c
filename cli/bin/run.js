#!/usr/bin/env node
// kubectl finds this as `kubectl-kuberik` on PATH; oclif (bundled) reads the manifest and the command map.
// Two fast paths skip oclif's Config.load (docs/cli-startup.md): help is printed from a copy oclif
// rendered earlier for the same inputs; `get` and `why` parse argv with their commands' own flag specs
// and run the same services as their commands, from one CommonJS file each run with a V8 code cache
// (dist/fast-path).
// Whatever they do not handle exactly as oclif would goes to oclif.
// CommonJS (bin/package.json): a CommonJS start skips Node's ESM loader until oclif needs it.
'use strict';
const { join } = require('node:path');

async function main(argv) {
  let done = false;
  const helpFlag = argv.includes('--help') || argv.includes('-h');
  if (argv.length <= 4 && (argv.length === 0 || argv[0] === 'help' || helpFlag)) {
    const help = await import('../dist/bundle/fast-help.js');
    if (help.isHelpRequest(argv)) {
      done = help.helpFromCache(argv);
      if (!done) help.recordHelp(argv);
    }
  } else if (argv[0] === 'get' || argv[0] === 'list' || argv[0] === 'why') {
    const { runBundle } = require('../dist/fast-path/code-cache.cjs');
    const file = argv[0] === 'why' ? 'why.cjs' : 'get.cjs';
    const { fastCommand } = runBundle(join(__dirname, '..', 'dist', 'fast-path', file));
    done = await fastCommand(argv.slice(1));
  }
  if (!done) {
    const { execute } = await import('../dist/bundle/index.js');
    // the package root: oclif would otherwise take bin/package.json for it
    await execute({ dir: join(__dirname, '..') });
  }
}

void main(process.argv.slice(2));
