import { Flags } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { LOCAL_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { localFlags, type globalFlags } from '../lib/flags.js';

export default class Version extends KuberikCommand {
  static override summary = 'Print the plugin version.';
  static override description = LOCAL_EXIT_CODES_HELP;
  static override baseFlags = localFlags as unknown as typeof globalFlags; // typed as the base; only no-color and debug
  static override flags = {
    output: Flags.string({
      char: 'o',
      summary: 'Output format.',
      options: ['text', 'json'],
      default: 'text',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Version);
    const info = {
      version: this.config.version,
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
    };
    this.out(
      flags.output === 'json'
        ? JSON.stringify(info, null, 2)
        : `kubectl-kuberik ${info.version} (node ${info.node}, ${info.platform})`,
    );
    this.done();
  }
}
