#!/usr/bin/env node
// kubectl finds this as `kubectl-kuberik` on PATH; oclif (bundled) reads the manifest and the command map.
// Two fast paths skip oclif's Config.load (docs/cli-startup.md): help is printed from a copy oclif
// rendered earlier for the same inputs; `get` and `why` parse with oclif's parser and run the same
// services as their commands.
// Whatever they do not handle exactly as oclif would goes to oclif.
const argv = process.argv.slice(2);
let done = false;
const helpFlag = argv.includes('--help') || argv.includes('-h');
if (argv.length <= 4 && (argv.length === 0 || argv[0] === 'help' || helpFlag)) {
  const help = await import('../dist/bundle/fast-help.js');
  if (help.isHelpRequest(argv)) {
    done = help.helpFromCache(argv);
    if (!done) help.recordHelp(argv);
  }
} else if (argv[0] === 'get' || argv[0] === 'list' || argv[0] === 'why') {
  done = await (await import('../dist/bundle/fast-command.js')).fastCommand(argv[0], argv.slice(1));
}
if (!done) {
  const { execute } = await import('../dist/bundle/index.js');
  await execute({ dir: import.meta.url });
}
