// Shared shape of the write commands: a rollout argument, -m, --yes, -o, and one way to report.
import { Flags } from '@oclif/core';
import type { ActionResult, RolloutActions } from '@kuberik/core/actions';
import type { RolloutKey } from '@kuberik/core/driver';
import type { Kube } from '@kuberik/core/kube';
import type { Rollout } from '@kuberik/core/model';
import type { Expectation } from '../services/request-outcome.js';
import type { Observation } from '../services/rollouts.js';
import type { KubeTarget, Session } from '../services/session.js';
import { KuberikCommand } from './base-command.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
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

  /** For the requests a driver carries out (deploy, rollback, retry): how long to wait for it. */
  static waitFlag = {
    wait: Flags.string({
      summary: 'How long to wait for the driver to act and report the outcome (Go duration; 0: do not wait).',
      default: '10s',
    }),
  };

  /**
   * A risky action: prints the warning, then asks on a terminal unless --yes. Without a terminal
   * and without --yes it refuses (exit 1): a script must say it means it.
   */
  protected async guarded(yes: boolean, warning: string | undefined, question: string): Promise<boolean> {
    if (!warning) return this.confirmed(yes, question);
    if (yes) {
      // Said once the action went through: a refusal from the action itself tells the whole story.
      this.warnAfter = warning;
      return true;
    }
    process.stderr.write(`warning: ${warning}\n`);
    const { canPrompt, confirm } = await import('../services/confirm.js');
    if (!canPrompt()) {
      const { CliError } = await import('./cli-error.js');
      throw new CliError('refusing without a terminal to ask on — pass --yes if you mean it');
    }
    return confirm(question);
  }

  private warnAfter?: string;

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
    return this.report(flags.output, await action(actions, key), { session, key });
  }

  /** Reports the result; with `target`, also says when nothing drives the rollout (the write is only recorded). */
  protected async report(
    output: string,
    result: ActionResult,
    target?: { session: Session; key: RolloutKey },
    after?: string,
  ): Promise<never> {
    if (this.warnAfter) process.stderr.write(`warning: ${this.warnAfter}\n`);
    if (output === 'text') {
      const { summarize, undrivenNote } = await import('../services/actions.js');
      this.out(
        `${this.colorOn ? '\x1b[32m✔\x1b[39m' : '✔'} ${summarize(result)}${after ? `; ${after}` : ''}`,
      );
      const note = target && (await undrivenNote(target.session, target.key));
      if (note) this.out(`${this.colorOn ? '\x1b[33m!\x1b[39m' : '!'} ${note}`);
    } else {
      const { renderMachine } = await import('../format/output.js');
      this.out(await renderMachine(output as 'json' | 'yaml', result));
    }
    return this.done();
  }

  protected async waitMs(text: string): Promise<number> {
    const { parseDuration } = await import('../format/duration.js');
    const ms = parseDuration(text);
    if (ms === undefined)
      throw new CliError(`--wait "${text}" is not a duration; use e.g. 10s, 1m, or 0`, ExitCode.Error);
    return ms;
  }

  /**
   * Waits for the driver to act on a written request and reports what happened: ✔ when it acted,
   * "!" when it has not (yet), and an error (exit 1) when it refused the request.
   */
  protected async reportOutcome(
    flags: { output: string; wait: string },
    kube: Kube,
    observation: Observation,
    key: RolloutKey,
    before: Rollout,
    result: ActionResult,
    expectation: Expectation,
  ): Promise<never> {
    if (this.warnAfter) process.stderr.write(`warning: ${this.warnAfter}\n`);
    const { awaitOutcome } = await import('../services/request-outcome.js');
    const { Kinds } = await import('@kuberik/core/kube');
    const written = await kube.get(Kinds.Rollout, key.namespace, key.name);
    const wait = await this.waitMs(flags.wait);
    const outcome = await awaitOutcome(observation, key, before, written, expectation, wait);
    if (flags.output !== 'text') {
      const { renderMachine } = await import('../format/output.js');
      this.out(
        await renderMachine(flags.output as 'json' | 'yaml', {
          ...result,
          outcome: outcome.state,
          detail: outcome.line,
        }),
      );
    } else if (outcome.state === 'done') {
      this.out(`${this.colorOn ? '\x1b[32m✔\x1b[39m' : '✔'} ${outcome.line}`);
    } else {
      this.out(`${this.colorOn ? '\x1b[33m!\x1b[39m' : '!'} ${outcome.line}`);
    }
    return this.done();
  }

  protected cancelled(): never {
    process.stderr.write('Cancelled; nothing changed.\n');
    return this.done(1);
  }
}
