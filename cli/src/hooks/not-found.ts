// `kubectl kuberik nope`: one line with close command names and exit 1 (a usage error), instead of
// oclif's default (exit 2, which our contract reserves for "not found" in the cluster).
import { Errors, type Hook } from '@oclif/core';
import { unknownCommandHint } from '../format/habits.js';
import { closeNames, didYouMean } from '@kuberik/core/present';

const hook: Hook<'command_not_found'> = async function (opts) {
  const ids = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...(c.aliases ?? [])]);
  // oclif joins the words of argv with ':' while looking for a command; the first one is the name.
  const word = opts.id.split(':')[0] ?? opts.id;
  const habit = unknownCommandHint(opts.id);
  process.stderr.write(
    habit
      ? `error: unknown command "${word}" — use: ${habit}\n`
      : `error: unknown command "${word}"${didYouMean(closeNames(word, ids))} — see kubectl kuberik --help\n`,
  );
  throw new Errors.ExitError(1);
};

export default hook;
