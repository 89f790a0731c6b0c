// What `kubectl kuberik get` does once its argv is parsed: one read (read-rollouts.ts), then the
// table or the machine output. Shared by the Get command and the fast path (fast/get.ts), so both
// print the same bytes. Errors are thrown; the caller prints them.
// Static imports: the command classes load this module lazily, and the fast path's one-file bundle
// keeps only what these imports name (a dynamic import of a package entry keeps all of it).
import { recoveryNotes, renderRolloutTable, undrivenFootnote } from '../format/get-table.js';
import { asList, renderMachine, withoutManagedFields } from '../format/output.js';
import type { Painter } from '../lib/color.js';
import { ExitCode, type ExitCodeValue } from '../lib/exit-codes.js';
import type { OutputFormat } from '../lib/flags.js';
import { readRollouts } from './read-rollouts.js';
import { fatalReadError, rolloutNotFound } from './rollouts.js';
import { openSession, type KubeTarget } from './session.js';

export interface GetInput {
  args: { rollout?: string };
  flags: KubeTarget & {
    output: string;
    'all-namespaces'?: boolean;
    selector?: string;
    'show-managed-fields'?: boolean;
  };
}

export interface CommandOutput {
  /** stdout text; a trailing newline is added when missing. */
  out(text: string): void;
  painter: Painter;
}

export async function runGet({ args, flags }: GetInput, io: CommandOutput): Promise<ExitCodeValue> {
  const session = await openSession(flags);
  const output = flags.output as OutputFormat;
  const namespace =
    flags['all-namespaces'] && !args.rollout ? undefined : (flags.namespace ?? session.namespace);
  const { snapshots, errors } = await readRollouts(session, {
    namespace,
    name: args.rollout,
    selector: args.rollout ? undefined : flags.selector,
    gates: output === 'wide',
    rolloutsOnly: output !== 'table' && output !== 'wide',
  });
  if (snapshots.length === 0) {
    const fatal = fatalReadError({ errors });
    if (fatal) throw fatal;
    if (args.rollout) throw await rolloutNotFound(session, args.rollout, namespace!);
  }
  if (output === 'table' || output === 'wide') {
    if (snapshots.length === 0) {
      const where = flags['all-namespaces']
        ? 'any namespace'
        : `namespace ${flags.namespace ?? session.namespace}`;
      process.stderr.write(`No rollouts found in ${where}.\n`);
      return ExitCode.Ok;
    }
    io.out(
      renderRolloutTable(snapshots, {
        wide: output === 'wide',
        allNamespaces: flags['all-namespaces'] ?? false,
        painter: io.painter,
        now: new Date(),
      }),
    );
    const notes = [...recoveryNotes(snapshots), undrivenFootnote(snapshots)].filter(Boolean);
    if (notes.length) process.stderr.write(`\n${notes.join('\n')}\n`);
  } else {
    const objects = snapshots.map((s) =>
      flags['show-managed-fields'] ? s.rollout : withoutManagedFields(s.rollout),
    );
    io.out(await renderMachine(output, args.rollout ? objects[0] : asList(objects)));
  }
  return ExitCode.Ok;
}
