import { Command } from '@oclif/core';

/** Hidden: answers shell completion (ours and kubectl's plugin completion) in cobra's protocol. */
export default class Complete extends Command {
  static override hidden = true;
  static override summary = 'Shell completion candidates (cobra protocol).';
  static override strict = false;

  async run(): Promise<void> {
    const { commandSpecs, completionAnswer } = await import('../services/completion-answer.js');
    const specs = commandSpecs(this.config.commands as Parameters<typeof commandSpecs>[0]);
    process.stdout.write(await completionAnswer(this.argv, specs));
    this.exit(0);
  }
}
