import { Command } from '@oclif/core';

/** Hidden: answers shell completion (ours and kubectl's plugin completion) in cobra's protocol. */
export default class Complete extends Command {
  static override hidden = true;
  static override summary = 'Shell completion candidates (cobra protocol).';
  static override strict = false;

  async run(): Promise<void> {
    const words = this.argv;
    const partial = words.at(-1) ?? '';
    const before = words.slice(0, -1);
    const { completionNeed, cobraOutput, NO_FILES } = await import('../format/complete.js');
    const commands = this.config.commands.map((c) => ({
      id: c.id,
      aliases: c.aliases ?? [],
      hidden: c.hidden,
      flags: Object.fromEntries(
        Object.entries(c.flags ?? {}).map(([name, f]) => [
          name,
          {
            char: f.char,
            type: f.type,
            options: f.type === 'option' ? f.options : undefined,
            hidden: f.hidden,
          },
        ]),
      ),
      args: Object.keys(c.args ?? {}),
    }));
    const need = completionNeed(before, partial, commands);
    let words_: string[] = [];
    let directive = NO_FILES;
    try {
      const { candidatesFor } = await import('../services/complete.js');
      const r = await candidatesFor(need, before, commands);
      words_ = r.words;
      directive = r.directive ?? NO_FILES;
    } catch {
      // completion must never print errors into the user's prompt
    }
    process.stdout.write(`${cobraOutput(words_, partial, directive)}\n`);
    this.exit(0);
  }
}
