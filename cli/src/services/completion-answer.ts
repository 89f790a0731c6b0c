// One completion answer for both entries: the `__complete` command (through oclif) and
// bin/complete.js, which kubectl runs on every TAB and which answers from the command specs written
// at build time without loading oclif (docs/cli-startup.md).
import type { CommandSpec } from '../format/complete.js';

/** Shapes oclif's command list (config.commands or the manifest) the way completion reads it. */
export function commandSpecs(
  commands: ReadonlyArray<{
    id: string;
    aliases?: string[];
    hidden?: boolean;
    flags?: Record<
      string,
      { char?: string; type: 'boolean' | 'option'; options?: readonly string[]; hidden?: boolean }
    >;
    args?: Record<string, unknown>;
  }>,
): CommandSpec[] {
  return commands.map((c) => ({
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
}

/** The cobra-protocol answer for the words after `kubectl kuberik` (the last one is the partial). */
export async function completionAnswer(words: string[], commands: CommandSpec[]): Promise<string> {
  const partial = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const { completionNeed, cobraOutput, NO_FILES } = await import('../format/complete.js');
  const need = completionNeed(before, partial, commands);
  let candidates: string[] = [];
  let directive = NO_FILES;
  try {
    const { candidatesFor } = await import('./complete.js');
    const r = await candidatesFor(need, before, commands);
    candidates = r.words;
    directive = r.directive ?? NO_FILES;
  } catch {
    // completion must never print errors into the user's prompt
  }
  return `${cobraOutput(candidates, partial, directive)}\n`;
}
