// Shared shape of the write commands: a rollout argument, -m, --yes, -o, and one way to report.
import { Flags } from '@oclif/core';
import type { ActionResult, RolloutActions } from '@kuberik/core/actions';
import type { RolloutKey } from '@kuberik/core/driver';
import type { KubeTarget } from '../services/session.js';
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

  /** Connects, runs one action on the named rollout (namespace from -n or the context) and reports it. */
  protected async act(
    flags: KubeTarget & { namespace?: string; output: string },
    rollout: string,
    action: (actions: RolloutActions, key: RolloutKey) => Promise<ActionResult>,
  ): Promise<never> {
    const { openSession } = await import('../services/session.js');
    const { openActions } = await import('../services/actions.js');
    const session = await openSession(flags);
    const actions = await openActions(session);
    const key = { namespace: flags.namespace ?? session.namespace, name: rollout };
    return this.report(flags.output, await action(actions, key));
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
