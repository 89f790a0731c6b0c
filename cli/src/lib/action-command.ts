// Every write command runs one path (`perform`): core's actions read and validate the request (a
// refusal is an ActionRejected, mapped to one line and an exit code in lib/rejection.ts), the
// command asks on a terminal, core writes, and the command reports what happened.
import { Flags } from '@oclif/core';
import type { ActionRequest, ActionResult, PreparedAction } from '@kuberik/core/actions';
import type { RolloutKey } from '@kuberik/core/driver';
import type { Rollout } from '@kuberik/core/model';
import type { Expectation } from '../services/request-outcome.js';
import type { Observation } from '../services/rollouts.js';
import type { KubeTarget, Session } from '../services/session.js';
import { KuberikCommand } from './base-command.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { messageFlag, yesFlag } from './flags.js';

/** What a write command adds to the shared path. Each hook sees the request as core validated it. */
export interface ActionPlan {
  request: ActionRequest;
  /** The y/N question, and a warning for an action that is allowed but rarely meant. */
  confirm?(prepared: PreparedAction): { question: string; warning?: string };
  /**
   * For requests a driver carries out (deploy, rollback, retry): what it does when it acts. The
   * command then observes the rollout, so the engine can refuse up front what it would refuse.
   */
  expect?(prepared: PreparedAction): Expectation;
  /** A note after the summary ("still held by business-hours"). */
  after?(prepared: PreparedAction): string | undefined;
}

type ActionFlags = KubeTarget & { output: string; yes: boolean; wait?: string };

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

  private warnAfter?: string;

  /** The one path of every write command: validate (core), ask, write (core), report. */
  protected async perform(flags: ActionFlags, rollout: string, plan: ActionPlan): Promise<never> {
    const waitMs = plan.expect ? await this.waitMs(flags.wait ?? '0') : 0;
    const { openSession } = await import('../services/session.js');
    const { openActions } = await import('../services/actions.js');
    const session = await openSession(flags);
    const key = { namespace: flags.namespace ?? session.namespace, name: rollout };
    const observation = plan.expect ? await this.observe(session, key) : undefined;
    try {
      const actions = await openActions(session);
      const prepared = await actions.prepare(key, plan.request, {
        rollout: observation && observedRollout(observation, key),
        observed: observation?.driver.observed(key),
      });
      const ask = plan.confirm?.(prepared);
      if (ask && !(await this.guarded(flags.yes, ask.warning, ask.question))) this.cancelled();
      const { result, rollout: written } = await prepared.commit();
      if (this.warnAfter) process.stderr.write(`warning: ${this.warnAfter}\n`);
      if (observation && plan.expect) {
        const outcome = { observation, key, before: prepared.rollout, written: written ?? prepared.rollout };
        return await this.reportOutcome(flags.output, result, outcome, plan.expect(prepared), waitMs);
      }
      return await this.report(flags.output, result, { session, key }, plan.after?.(prepared));
    } finally {
      await observation?.driver.stop();
    }
  }

  /**
   * An observe-only driver on the rollout, for the outcome and the engine's preview. A missing
   * rollout is left to core (it says so, with close names); a refused read is reported here.
   */
  private async observe(session: Session, key: RolloutKey): Promise<Observation> {
    const { observe, fatalReadError } = await import('../services/rollouts.js');
    const o = await observe(session, { namespace: key.namespace, name: key.name });
    const fatal = o.driver.snapshot(key) ? undefined : fatalReadError(o);
    if (fatal) {
      await o.driver.stop();
      throw fatal;
    }
    return o;
  }

  /**
   * A risky action: prints the warning, then asks on a terminal unless --yes. Without a terminal
   * and without --yes it refuses (exit 1): a script must say it means it.
   */
  private async guarded(yes: boolean, warning: string | undefined, question: string): Promise<boolean> {
    const { canPrompt, confirm } = await import('../services/confirm.js');
    if (!warning) return yes || !canPrompt() || confirm(question);
    if (yes) {
      // Said once the action went through: a refusal from the action itself tells the whole story.
      this.warnAfter = warning;
      return true;
    }
    process.stderr.write(`warning: ${warning}\n`);
    if (!canPrompt()) throw new CliError('refusing without a terminal to ask on — pass --yes if you mean it');
    return confirm(question);
  }

  /** Reports the result and, when nothing drives the rollout, that the write is only recorded. */
  private async report(
    output: string,
    result: ActionResult,
    target: { session: Session; key: RolloutKey },
    after?: string,
  ): Promise<never> {
    if (output === 'text') {
      const { summarize, undrivenNote } = await import('../services/actions.js');
      this.out(`${this.mark('✔')} ${summarize(result)}${after ? `; ${after}` : ''}`);
      const note = await undrivenNote(target.session, target.key);
      if (note) this.out(`${this.mark('!')} ${note}`);
    } else {
      const { renderMachine } = await import('../format/output.js');
      this.out(await renderMachine(output as 'json' | 'yaml', result));
    }
    return this.done();
  }

  private async waitMs(text: string): Promise<number> {
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
  private async reportOutcome(
    output: string,
    result: ActionResult,
    o: { observation: Observation; key: RolloutKey; before: Rollout; written: Rollout },
    expectation: Expectation,
    waitMs: number,
  ): Promise<never> {
    const { awaitOutcome } = await import('../services/request-outcome.js');
    const outcome = await awaitOutcome(o.observation, o.key, o.before, o.written, expectation, waitMs);
    if (output !== 'text') {
      const { renderMachine } = await import('../format/output.js');
      this.out(
        await renderMachine(output as 'json' | 'yaml', {
          ...result,
          outcome: outcome.state,
          detail: outcome.line,
        }),
      );
    } else {
      this.out(`${this.mark(outcome.state === 'done' ? '✔' : '!')} ${outcome.line}`);
    }
    return this.done();
  }

  /** ✔ in green, ! in yellow (when colour is on). */
  private mark(sign: '✔' | '!'): string {
    if (!this.colorOn) return sign;
    return sign === '✔' ? '\x1b[32m✔\x1b[39m' : '\x1b[33m!\x1b[39m';
  }

  private cancelled(): never {
    process.stderr.write('Cancelled; nothing changed.\n');
    return this.done(1);
  }
}

/**
 * The rollout as the observation saw it; `null` when its reads all succeeded and found none, so core
 * rejects the missing rollout without reading it again.
 */
function observedRollout(o: Observation, key: RolloutKey): Rollout | null | undefined {
  const seen = o.driver.snapshot(key)?.rollout;
  if (seen) return seen;
  return o.errors.length === 0 ? null : undefined;
}
