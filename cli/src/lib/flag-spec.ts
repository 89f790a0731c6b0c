// Flags and args as plain data, with no oclif import: the command classes turn them into oclif's
// flags (lib/flags.ts, oclifFlags), and the fast path's parser (fast/argv.ts) reads the same objects
// without loading oclif (docs/cli-startup.md, round 4). Only what both understand can be declared here:
// a string flag (optionally with options and a default) or a boolean flag, and plain string args.

export interface OptionFlagSpec {
  type: 'option';
  char?: string;
  summary: string;
  helpGroup?: string;
  options?: readonly string[];
  default?: string;
  exclusive?: string[];
}

export interface BooleanFlagSpec {
  type: 'boolean';
  char?: string;
  summary: string;
  helpGroup?: string;
  exclusive?: string[];
}

export type FlagSpec = OptionFlagSpec | BooleanFlagSpec;

export interface ArgSpec {
  description: string;
  required?: boolean;
  /** oclif reads a missing arg from a piped stdin unless this is set (kubectl never does). */
  ignoreStdin?: boolean;
}

export const optionFlag = <S extends Omit<OptionFlagSpec, 'type'>>(spec: S) => ({
  ...spec,
  type: 'option' as const,
});
export const booleanFlag = <S extends Omit<BooleanFlagSpec, 'type'>>(spec: S) => ({
  ...spec,
  type: 'boolean' as const,
});

// Flags every command shares. kubectl passes no global flags to plugins, so each command takes
// the kubectl connection flags itself.
export const connectionFlagSpecs = {
  kubeconfig: optionFlag({
    summary: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).',
    helpGroup: 'CONNECTION',
  }),
  context: optionFlag({ summary: 'The kubeconfig context to use.', helpGroup: 'CONNECTION' }),
  namespace: optionFlag({
    char: 'n',
    summary: "Namespace (default: the context's namespace, then default).",
    helpGroup: 'CONNECTION',
  }),
  'request-timeout': optionFlag({
    summary: 'Give up on a single API request after this long, like kubectl (e.g. 5s, 1m; 0: never).',
    default: '30s',
    helpGroup: 'CONNECTION',
  }),
};

/** Flags of commands that connect to no cluster (sandbox, demo, completion, version). */
export const localFlagSpecs = {
  'no-color': booleanFlag({
    summary: 'Plain output without colours (also: NO_COLOR=1).',
    helpGroup: 'GLOBAL',
  }),
  debug: booleanFlag({ summary: 'Show error details and causes.', helpGroup: 'GLOBAL' }),
};

export const globalFlagSpecs = { ...connectionFlagSpecs, ...localFlagSpecs };

export const listFlagSpecs = {
  'all-namespaces': booleanFlag({
    char: 'A',
    summary: 'List rollouts in every namespace.',
    exclusive: ['namespace'],
  }),
  selector: optionFlag({
    char: 'l',
    summary: 'Label selector, kubectl syntax (e.g. team=web,tier!=canary).',
  }),
};

export const OUTPUTS = ['table', 'wide', 'json', 'yaml', 'name'] as const;
export type OutputFormat = (typeof OUTPUTS)[number];

export const outputFlagSpec = {
  output: optionFlag({ char: 'o', summary: 'Output format.', options: OUTPUTS, default: 'table' }),
};
