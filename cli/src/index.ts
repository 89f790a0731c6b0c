// The command map for oclif's explicit strategy (one bundle, one manifest), and oclif's entry point
// for bin/. Command modules import only @oclif/core and small helpers; everything heavy is imported
// inside run().
import Approve from './commands/approve.js';
import Complete from './commands/complete.js';
import Completion from './commands/completion.js';
import Controller from './commands/controller.js';
import Demo from './commands/demo.js';
import Deny from './commands/deny.js';
import Deploy from './commands/deploy.js';
import Get from './commands/get.js';
import History from './commands/history.js';
import Rollback from './commands/rollback.js';
import Retry from './commands/retry.js';
import Sandbox from './commands/sandbox.js';
import Unpin from './commands/unpin.js';
import Version from './commands/version.js';
import Watch from './commands/watch.js';
import Why from './commands/why.js';

// The bins run oclif from this module, so the bundled oclif that loads COMMANDS is the one the
// command classes extend (one copy, one module instance).
export { execute } from '@oclif/core';
// For scripts/completion-spec.mjs (build time): oclif's command list, shaped for completion.
export { Config } from '@oclif/core';
export { commandSpecs } from './services/completion-answer.js';

export const COMMANDS = {
  approve: Approve,
  completion: Completion,
  controller: Controller,
  demo: Demo,
  deny: Deny,
  deploy: Deploy,
  get: Get,
  history: History,
  retry: Retry,
  rollback: Rollback,
  sandbox: Sandbox,
  unpin: Unpin,
  version: Version,
  watch: Watch,
  why: Why,
  __complete: Complete,
};
