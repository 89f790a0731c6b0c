// The fast path for `kubectl kuberik get` (and its alias `list`) and `why`: oclif's own parser with
// the command's own args and flags, then the same service and formatter as the command, without oclif's
// Config.load (package.json, manifest, plugins, theme) or its full module graph. It takes only
// invocations it handles exactly as oclif would; for anything else (help flags, a parse error, user
// plugins, oclif's environment switches) it returns false before printing anything and bin/run.js
// hands the argv to oclif. KUBERIK_NO_FAST_PATH=1 forces the oclif path (a debugging aid).
// docs/cli-startup.md says why and what was measured.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@oclif/core/parser';
import { colorAllowed, painter } from '../lib/color.js';
import { globalFlags } from '../lib/flags.js';
import type { ExitCodeValue } from '../lib/exit-codes.js';
import { getArgs, getFlags } from '../lib/get-spec.js';
import { reportError } from '../lib/report-error.js';
import { whyArgs, whyFlags } from '../lib/why-spec.js';
import type { CommandOutput } from '../services/get-command.js';

interface FastCommand {
  args: Record<string, unknown>;
  flags: Record<string, unknown>;
  run(parsed: never, io: CommandOutput): Promise<ExitCodeValue>;
}

// Each entry's args and flags are the command class's own (lib/*-spec.ts); run is its service.
const COMMANDS: Record<string, () => Promise<FastCommand>> = {
  get: async () => ({
    args: getArgs,
    flags: getFlags,
    run: (await import('../services/get-command.js')).runGet,
  }),
  why: async () => ({
    args: whyArgs,
    flags: whyFlags,
    run: (await import('../services/why-command.js')).runWhy,
  }),
};
COMMANDS.list = COMMANDS.get!; // Get's hidden alias

/** Runs command `id` and exits the process, or returns false when oclif must run it. */
export async function fastCommand(
  id: string,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const load = COMMANDS[id];
  if (!load || !eligible(argv, env)) return false;
  const command = await load();
  let parsed: never;
  try {
    // What oclif's Command.parse passes: the args, baseFlags merged under flags, strict.
    parsed = (await parse(argv, {
      args: command.args as never,
      flags: { ...globalFlags, ...command.flags } as never,
      strict: true,
    })) as never;
  } catch {
    return false; // oclif prints usage errors with the command's usage line
  }
  const colorOn = colorAllowed({ noColor: argv.includes('--no-color') });
  // as KuberikCommand.init: Ink (chalk) reads it when first imported
  if (!colorOn) env.FORCE_COLOR = '0';
  let code: number;
  try {
    code = await command.run(parsed, {
      out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      painter: painter(colorOn),
    });
  } catch (err) {
    code = reportError(err, argv.includes('--debug'));
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
