// Shared shape of the write commands: a rollout argument, -m, --yes, -o, and one way to report.
import { Flags } from '@oclif/core';
import type { ActionResult } from '@kuberik/core/actions';
import { KuberikCommand } from './base-command.js';
import { messageFlag, yesFlag } from './flags.js';

export abstract class ActionCommand extends KuberikCommand {
  static override flags = {
    ...messageFlag,
    ...yesFlag,
    output: Flags.string({
      char: 'o',
      summary: 'Output format.',
      options: ['text', 'json', 'yaml'],
      default: 'text',
    }),
  };

  /** Asks on a TTY unless --yes; returns false when the user says no. */
  protected async confirmed(yes: boolean, question: string): Promise<boolean> {
    if (yes) return true;
    const { canPrompt, confirm } = await import('../services/confirm.js');
    if (!canPrompt()) return true;
    return confirm(question);
  }

  protected async report(output: string, result: ActionResult): Promise<never> {
    if (output === 'text') {
      const { summarize } = await import('../services/actions.js');
      this.out(`${this.colorOn ? '\x1b[32m✔\x1b[39m' : '✔'} ${summarize(result)}`);
    } else {
      const { renderMachine } = await import('../format/output.js');
      this.out(await renderMachine(output as 'json' | 'yaml', result));
    }
    return this.done();
  }

  protected cancelled(): never {
    process.stderr.write('Cancelled; nothing changed.\n');
    return this.done(1);
  }
}
