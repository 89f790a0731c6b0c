// Shell completion in cobra's protocol (what kubectl expects from kubectl_complete-kuberik): one
// candidate per line, then ":<directive>". This file decides *what* to complete; the command
// fetches rollout names or versions only when that is what is asked.
export interface CommandSpec {
  id: string;
  aliases: string[];
  hidden?: boolean;
  flags: Record<
    string,
    { char?: string; type: 'boolean' | 'option'; options?: readonly string[]; hidden?: boolean }
  >;
  /** Positional args in order. */
  args: string[];
}

export type Need =
  | { kind: 'words'; words: string[] }
  | { kind: 'rollouts' }
  | { kind: 'versions'; rollout: string }
  | { kind: 'namespaces' }
  | { kind: 'contexts' }
  | { kind: 'files' }
  | { kind: 'none' };

/** cobra ShellCompDirective: 4 = no file completion, 0 = default (files). */
export const NO_FILES = 4;

export interface Parsed {
  command?: CommandSpec;
  /** Flag values given before the word being completed (namespace, context, kubeconfig). */
  values: Record<string, string>;
  positionals: string[];
}

export function parseWords(words: string[], commands: CommandSpec[]): Parsed {
  const values: Record<string, string> = {};
  const positionals: string[] = [];
  let command: CommandSpec | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!command && !w.startsWith('-')) {
      command = commands.find((c) => c.id === w || c.aliases.includes(w));
      continue;
    }
    if (w.startsWith('-')) {
      const [name, inline] = w.replace(/^-+/, '').split('=', 2) as [string, string | undefined];
      const flag = lookupFlag(command, name);
      if (flag?.spec.type === 'option') {
        const v = inline ?? words[++i];
        if (v !== undefined) values[flag.name] = v;
      }
      continue;
    }
    positionals.push(w);
  }
  return { command, values, positionals };
}

const GLOBAL_OPTION_FLAGS: CommandSpec['flags'] = {
  namespace: { char: 'n', type: 'option' },
  context: { type: 'option' },
  kubeconfig: { type: 'option' },
};

function lookupFlag(cmd: CommandSpec | undefined, name: string) {
  const flags = { ...GLOBAL_OPTION_FLAGS, ...(cmd?.flags ?? {}) };
  for (const [n, spec] of Object.entries(flags))
    if (n === name || spec.char === name) return { name: n, spec };
  return undefined;
}

/** What to offer for `partial`, given the words before it. */
export function completionNeed(before: string[], partial: string, commands: CommandSpec[]): Need {
  const p = parseWords(before, commands);
  const prev = before.at(-1);
  if (prev?.startsWith('-') && !prev.includes('=')) {
    const flag = lookupFlag(p.command, prev.replace(/^-+/, ''));
    if (flag?.spec.type === 'option') {
      if (flag.name === 'namespace') return { kind: 'namespaces' };
      if (flag.name === 'context') return { kind: 'contexts' };
      if (flag.name === 'kubeconfig' || flag.name === 'kubeconfig-out' || flag.name === 'data')
        return { kind: 'files' };
      return flag.spec.options ? { kind: 'words', words: [...flag.spec.options] } : { kind: 'none' };
    }
  }
  if (!p.command) {
    return {
      kind: 'words',
      words: commands
        .filter((c) => !c.hidden)
        .flatMap((c) => [c.id, ...c.aliases])
        .sort(),
    };
  }
  if (partial.startsWith('-')) {
    const flags = Object.entries({ ...GLOBAL_OPTION_FLAGS, ...p.command.flags })
      .filter(([, s]) => !s.hidden)
      .map(([n]) => `--${n}`);
    return { kind: 'words', words: [...new Set(flags)].sort() };
  }
  const argName = p.command.args[p.positionals.length];
  if (argName === 'rollout') return { kind: 'rollouts' };
  if (argName === 'version' && p.positionals[0]) return { kind: 'versions', rollout: p.positionals[0] };
  if (argName === 'shell') return { kind: 'words', words: ['bash', 'zsh'] };
  return { kind: 'none' };
}

export function cobraOutput(candidates: string[], partial: string, directive = NO_FILES): string {
  return [...candidates.filter((c) => c.startsWith(partial)), `:${directive}`].join('\n');
}
