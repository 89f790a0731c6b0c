// Minimal ANSI styling for non-Ink output (tables, line log). Off unless stdout is a TTY and
// neither NO_COLOR nor --no-color asks otherwise.
export type Style = 'green' | 'red' | 'yellow' | 'blue' | 'cyan' | 'gray' | 'bold' | 'dim';

const codes: Record<Style, [number, number]> = {
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  cyan: [36, 39],
  gray: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export interface Painter {
  readonly enabled: boolean;
  paint(style: Style, text: string): string;
}

export function painter(enabled: boolean): Painter {
  return {
    enabled,
    paint: (style, text) => (enabled ? `\x1b[${codes[style][0]}m${text}\x1b[${codes[style][1]}m` : text),
  };
}

/** Whether colour is allowed at all, from the environment and the --no-color flag. */
export function colorAllowed(opts: { noColor?: boolean; env?: NodeJS.ProcessEnv; isTTY?: boolean }): boolean {
  const env = opts.env ?? process.env;
  if (opts.noColor) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.TERM === 'dumb') return false;
  return opts.isTTY ?? Boolean(process.stdout.isTTY);
}

// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
export const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
