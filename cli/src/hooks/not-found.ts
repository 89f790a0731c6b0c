// `kubectl kuberik nope`: one line with close command names and exit 1 (a usage error), instead of
// oclif's default (exit 2, which our contract reserves for "not found" in the cluster).
import { Errors, type Hook } from '@oclif/core';
import { didYouMean } from '../format/suggest.js';

const hook: Hook<'command_not_found'> = async function (opts) {
  const ids = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...(c.aliases ?? [])]);
  process.stderr.write(
    `error: unknown command "${opts.id}"${didYouMean(opts.id, ids)} — see kubectl kuberik --help\n`,
  );
  throw new Errors.ExitError(1);
};

export default hook;
