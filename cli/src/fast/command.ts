// The fast path for `kubectl kuberik get` (and its alias `list`) and `why`: argv parsed with the
// command's own arg and flag specs (fast/argv.ts, no oclif), then the same service and formatter as the
// command, without oclif's Config.load (package.json, manifest, plugins, theme) or its module graph.
// It takes only invocations it handles exactly as oclif would; for anything else (help flags, a form
// the parser leaves to oclif, user plugins, oclif's environment switches) it returns false before
// printing anything and bin/run.js hands the argv to oclif. KUBERIK_NO_FAST_PATH=1 forces the oclif
// path (a debugging aid). Each command is its own bundle (fast/get.ts, fast/why.ts) so `get` does not
// load `why`'s engine. docs/cli-startup.md says why and what was measured.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { colorAllowed, painter } from '../lib/color.js';
import type { ExitCodeValue } from '../lib/exit-codes.js';
import { globalFlagSpecs, type ArgSpec, type FlagSpec } from '../lib/flag-spec.js';
import { reportError } from '../lib/report-error.js';
import type { CommandOutput } from '../services/get-command.js';
import { parseArgv } from './argv.js';

export interface FastCommand {
  args: Record<string, ArgSpec>;
  flags: Record<string, FlagSpec>;
  run(parsed: never, io: CommandOutput): Promise<ExitCodeValue>;
}

/** Runs `command` and exits the process, or returns false when oclif must run it. */
export async function runFast(
  command: FastCommand,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  if (!eligible(argv, env)) return false;
  // as oclif's Command.parse: the base flags merged under the command's, strict
  const parsed = parseArgv(
    argv,
    command.args,
    { ...globalFlagSpecs, ...command.flags },
    () => process.stdin.isTTY === true,
  );
  if (!parsed) return false; // oclif prints usage errors with the command's usage line
  const colorOn = colorAllowed({ noColor: parsed.flags['no-color'] === true });
  // as KuberikCommand.init: Ink (chalk) reads it when first imported
  if (!colorOn) env.FORCE_COLOR = '0';
  let code: number;
  try {
    code = await command.run(parsed as never, {
      out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      painter: painter(colorOn),
    });
  } catch (err) {
    code = reportError(err, parsed.flags.debug === true);
  }
  // oclif ends every command with process.exit (open keep-alive sockets must not hold it)
  process.exit(code);
}

/** The invocations oclif would treat like any other: no help or version request, no oclif switches. */
function eligible(argv: string[], env: NodeJS.ProcessEnv): boolean {
  if (env.KUBERIK_NO_FAST_PATH) return false;
  // help flags (anywhere before `--`: oclif's helpAddition), and `--` itself, are oclif's business
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--')) return false;
  // oclif's own environment: debug output, dev mode, scoped settings (KUBECTL_KUBERIK_*)
  for (const k of Object.keys(env)) {
    if (k === 'DEBUG' || k.startsWith('OCLIF_') || k.startsWith('KUBECTL_KUBERIK_')) return false;
  }
  if (env.NODE_ENV === 'development') return false;
  // plugins a user installed (oclif's data dir) could add hooks
  const data = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return !existsSync(join(data, 'kuberik', 'package.json'));
}
