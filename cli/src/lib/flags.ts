// oclif's flags and args for the command classes. The flags the fast path parses too are declared as
// plain data in flag-spec.ts and turned into oclif's here, so both read one declaration.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { Arg, BooleanFlag, OptionFlag } from '@oclif/core/interfaces';
import {
  connectionFlagSpecs,
  listFlagSpecs,
  localFlagSpecs,
  outputFlagSpec,
  type ArgSpec,
  type FlagSpec,
} from './flag-spec.js';

export { OUTPUTS, type OutputFormat } from './flag-spec.js';

type OclifFlag<S> = S extends { type: 'boolean' }
  ? BooleanFlag<boolean>
  : S extends { default: string }
    ? OptionFlag<string>
    : OptionFlag<string | undefined>;
type OclifArg<S> = S extends { required: true } ? Arg<string> : Arg<string | undefined>;

/** oclif's flags (Flags.string / Flags.boolean) for plain flag specs. */
export function oclifFlags<T extends Record<string, FlagSpec>>(
  specs: T,
): { [K in keyof T]: OclifFlag<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const options = { ...spec, char: spec.char as 'a' | undefined };
    out[name] =
      spec.type === 'boolean'
        ? Flags.boolean(options as never)
        : Flags.string({ ...options, options: spec.options && [...spec.options] } as never);
  }
  return out as never;
}

/** oclif's args (Args.string) for plain arg specs. */
export function oclifArgs<T extends Record<string, ArgSpec>>(specs: T): { [K in keyof T]: OclifArg<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = Args.string(spec as never);
  return out as never;
}

export const connectionFlags = oclifFlags(connectionFlagSpecs);
export const localFlags = oclifFlags(localFlagSpecs);
export const globalFlags = { ...connectionFlags, ...localFlags };
export const listFlags = oclifFlags(listFlagSpecs);
export const outputFlag = oclifFlags(outputFlagSpec);

export const messageFlag = {
  message: Flags.string({ char: 'm', summary: 'Why: recorded with the action (Event, history message).' }),
};

export const yesFlag = {
  yes: Flags.boolean({ char: 'y', summary: 'Do not ask for confirmation (scripts, CI).' }),
};
