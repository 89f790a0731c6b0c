// approve and deny share everything but the verb.
import { Args, Flags } from '@oclif/core';
import { ActionCommand } from './action-command.js';

export abstract class VerdictCommand extends ActionCommand {
  static override args = {
    rollout: Args.string({ description: 'Rollout name.', required: true }),
    version: Args.string({ description: 'Version (tag); default: the pending version.' }),
  };
  static override flags = {
    ...ActionCommand.flags,
    gate: Flags.string({
      summary: 'Only this RolloutGate (default: every approval gate that holds the version).',
    }),
  };

  protected async verdict(verb: 'approve' | 'deny'): Promise<void> {
    const { args, flags } = await this.parse(this.constructor as typeof VerdictCommand);
    const { openSession } = await import('../services/session.js');
    const { readRollout } = await import('../services/read-rollout.js');
    const { openActions, requireGate, targetVersion } = await import('../services/actions.js');
    const session = await openSession(flags);
    const rollout = await readRollout(session, args.rollout!, flags.namespace);
    const version = targetVersion(rollout, args.version, verb);
    if (flags.gate) await requireGate(session, rollout, flags.gate);
    const where = flags.gate ? `gate ${flags.gate}` : 'every approval gate that holds it';
    const question =
      verb === 'approve'
        ? `Approve ${version} of ${args.rollout} on ${where}?`
        : `Deny ${version} of ${args.rollout} on ${where}? It will not be deployed automatically.`;
    const { approveWarning, denyWarning, stillHeld } = await import('../format/guard-rails.js');
    const warning = verb === 'approve' ? approveWarning(rollout, version) : denyWarning(rollout, version);
    if (!(await this.guarded(flags.yes, warning, question))) this.cancelled();
    const actions = await openActions(session);
    const key = { namespace: rollout.metadata.namespace ?? session.namespace, name: args.rollout! };
    const opts = { version, gate: flags.gate, message: flags.message };
    const result = verb === 'approve' ? await actions.approve(key, opts) : await actions.deny(key, opts);
    const held = verb === 'approve' ? stillHeld(rollout, version, new Date()) : undefined;
    await this.report(flags.output, result, { session, key }, held);
  }
}
