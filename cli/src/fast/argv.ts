// The fast path's argv parser: strict, small, and driven by the same flag and arg specs as the command
// classes (lib/flag-spec.ts). It accepts only forms whose meaning oclif's parser (@oclif/core 4,
// parser/parse.js + validate.js) gives unambiguously, and returns exactly what oclif would put in
// `args` and `flags`. Anything else (an unknown flag, a missing or empty value, a value that starts
// with `-`, combined short flags, `--bool=value`, an option flag given twice, a value outside
// `options`, exclusive flags together, too many or missing args, `--`) returns undefined, so oclif
// parses it and prints its own usage error or does whatever it does. docs/cli-startup.md, round 4.
import type { ArgSpec, FlagSpec } from '../lib/flag-spec.js';

export interface ParsedArgv {
  args: Record<string, string>;
  flags: Record<string, string | boolean>;
}

export function parseArgv(
  argv: readonly string[],
  argSpecs: Record<string, ArgSpec>,
  flagSpecs: Record<string, FlagSpec>,
  /** A function: reading process.stdin creates the stream and loads fs streams and readline. */
  stdinIsTTY: () => boolean,
): ParsedArgv | undefined {
  const argNames = Object.keys(argSpecs);
  const given: Record<string, string | boolean> = {};
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '-' || !token.startsWith('-')) {
      const name = argNames[Object.keys(args).length];
      if (name === undefined) return undefined; // oclif: unexpected argument
      args[name] = token;
      continue;
    }
    const flag = splitFlag(token, flagSpecs);
    if (!flag) return undefined;
    let { value } = flag;
    if (flagSpecs[flag.name]!.type === 'boolean') {
      // `-Ax` (oclif reads on as more short flags) and `--bool=x` (oclif takes x as an arg): oclif's
      if (value !== undefined) return undefined;
      given[flag.name] = true;
      continue;
    }
    if (flag.name in given) return undefined; // oclif: can only be specified once
    if (value === undefined) value = argv[++i];
    if (!acceptable(value, flagSpecs[flag.name]!)) return undefined;
    given[flag.name] = value!;
  }
  for (const [name, spec] of Object.entries(argSpecs)) {
    if (name in args) continue;
    if (spec.required) return undefined; // oclif: missing required arg
    if (!spec.ignoreStdin && !stdinIsTTY()) return undefined; // oclif would read it from stdin
  }
  const flags = withDefaults(given, flagSpecs);
  return flags && { args, flags };
}

/** A flag token's flag name and the value given in the same token (`--x=v`, `-xv`, `-x=v`). */
function splitFlag(
  token: string,
  flagSpecs: Record<string, FlagSpec>,
): { name: string; value?: string } | undefined {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = token.slice(2, eq === -1 ? undefined : eq);
    // unknown, `--`, `--no-x`: oclif's
    if (!Object.hasOwn(flagSpecs, name)) return undefined;
    return eq === -1 ? { name } : { name, value: token.slice(eq + 1) };
  }
  // an unknown short flag or a negative number: oclif's
  const name = Object.keys(flagSpecs).find((n) => flagSpecs[n]!.char === token[1]);
  if (name === undefined) return undefined;
  return token.length > 2 ? { name, value: token.slice(token[2] === '=' ? 3 : 2) } : { name };
}

/** Missing, empty, like a flag (oclif errors, or takes `-x` as the value) or not an option: oclif's. */
function acceptable(value: string | undefined, spec: FlagSpec): boolean {
  if (value === undefined || value === '' || value.startsWith('-')) return false;
  return spec.type !== 'option' || !spec.options || spec.options.includes(value);
}

/** The flags in declaration order, defaults filled in; undefined when exclusive flags meet. */
function withDefaults(
  given: Record<string, string | boolean>,
  flagSpecs: Record<string, FlagSpec>,
): Record<string, string | boolean> | undefined {
  const flags: Record<string, string | boolean> = {};
  for (const [name, spec] of Object.entries(flagSpecs)) {
    if (name in given) {
      if (spec.exclusive?.some((other) => other in given)) return undefined; // oclif: cannot also be provided
      flags[name] = given[name]!;
    } else if (spec.type === 'option' && spec.default !== undefined) {
      flags[name] = spec.default;
    }
  }
  return flags;
}
