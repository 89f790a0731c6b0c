// The base of every command: shared flags, colour policy, and one error path that prints a single
// line ("error: … — what to do") with the right exit code; --debug adds the cause.
import { Command } from '@oclif/core';
import { CliError } from './cli-error.js';
import { colorAllowed, painter, type Painter } from './color.js';
import { EXIT_CODES_HELP, ExitCode, type ExitCodeValue } from './exit-codes.js';
import { globalFlags } from './flags.js';
import { reportError } from './report-error.js';

export abstract class KuberikCommand extends Command {
  static override baseFlags = globalFlags;
  static exitCodesHelp = EXIT_CODES_HELP;

  protected get debugOn(): boolean {
    return this.argv.includes('--debug');
  }

  protected get colorOn(): boolean {
    return colorAllowed({ noColor: this.argv.includes('--no-color') });
  }

  protected get painter(): Painter {
    return painter(this.colorOn);
  }

  override async init(): Promise<void> {
    await super.init();
    // Ink (chalk) reads this when it is first imported, which is always after init().
    if (!this.colorOn) process.env.FORCE_COLOR = '0';
  }

  /** Prints stdout text with a trailing newline. */
  protected out(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Ends the command with an exit code (through oclif, so the process exits even with open sockets). */
  protected done(code: ExitCodeValue | number = ExitCode.Ok): never {
    return this.exit(code);
  }

  override async catch(err: Error & { code?: string; oclif?: { exit?: number } }): Promise<never> {
    if (err?.code === 'EEXIT') throw err; // this.exit(): already decided
    if (err && typeof err === 'object' && 'parse' in err && err.oclif) {
      // A usage error from parsing argv: say which argument or flag, the usage line and --help.
      const { usageErrorLines } = await import('./usage-error.js');
      const cmd = this.constructor as unknown as { args?: Record<string, { required?: boolean }> };
      const lines = usageErrorLines(err, { id: this.id ?? '', args: cmd.args ?? {} }, this.argv);
      process.stderr.write(`${lines.join('\n')}\n`);
      return this.exit(ExitCode.Error);
    }
    return this.exit(reportError(err, this.debugOn));
  }
}

export { CliError, ExitCode };
