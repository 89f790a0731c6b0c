// oclif's parse errors, finished: which argument is missing, what the flag rule says, the usage
// line and where to read more — instead of "Missing 1 required arg:" or an empty
// "The following error occurred:".
import { parseHabitHint } from '../format/habits.js';
import { stripAnsi } from './color.js';

export interface CommandShape {
  id: string;
  args: Record<string, { required?: boolean; description?: string }>;
}

interface ParseErrorLike {
  message: string;
  /** RequiredArgsError: the missing args; UnexpectedArgsError: the extra words (strings). */
  args?: unknown[];
}

const isNamedArg = (a: unknown): a is { name: string; description?: string } =>
  typeof a === 'object' && a !== null && typeof (a as { name?: unknown }).name === 'string';

/** "kubectl kuberik approve ROLLOUT [VERSION] [flags]" */
export function usageLine(cmd: CommandShape): string {
  const args = Object.entries(cmd.args).map(([name, a]) =>
    a.required ? name.toUpperCase() : `[${name.toUpperCase()}]`,
  );
  return ['Usage: kubectl kuberik', cmd.id, ...args, '[flags]'].join(' ');
}

/** The first line of the error, with the reasons oclif put on the following lines. */
function reason(e: ParseErrorLike): string {
  const missing = (e.args ?? []).filter(isNamedArg);
  if (missing.length) {
    const names = missing.map(
      (a) => `${a.name.toUpperCase()}${a.description ? ` (${a.description.replace(/\.$/, '')})` : ''}`,
    );
    return `missing ${names.length === 1 ? 'argument' : 'arguments'} ${names.join(', ')}`;
  }
  const lines = stripAnsi(e.message)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^See more help with/.test(l));
  const head = lines[0] ?? 'invalid usage';
  if (/^The following errors? occurred:?$/.test(head)) return lines.slice(1).join('; ') || 'invalid flags';
  return lines.length > 1 && head.endsWith(':') ? `${head} ${lines.slice(1).join('; ')}` : head;
}

/** The lines to print for a parse error: reason (+ a habit hint), usage, where to read more. */
export function usageErrorLines(e: ParseErrorLike, cmd: CommandShape, argv: string[]): string[] {
  const hint = parseHabitHint(cmd.id, argv);
  return [
    `error: ${reason(e)}${hint ? ` — ${hint}` : ''}`,
    usageLine(cmd),
    `See 'kubectl kuberik ${cmd.id} --help'.`,
  ];
}
