// Flags every command shares. kubectl passes no global flags to plugins, so each command takes
// the kubectl connection flags itself.
import * as Flags from '@oclif/core/flags';

export const connectionFlags = {
  kubeconfig: Flags.string({
    summary: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).',
    helpGroup: 'CONNECTION',
  }),
  context: Flags.string({ summary: 'The kubeconfig context to use.', helpGroup: 'CONNECTION' }),
  namespace: Flags.string({
    char: 'n',
    summary: "Namespace (default: the context's namespace, then default).",
    helpGroup: 'CONNECTION',
  }),
  'request-timeout': Flags.string({
    summary: 'Give up on a single API request after this long, like kubectl (e.g. 5s, 1m; 0: never).',
    default: '30s',
    helpGroup: 'CONNECTION',
  }),
};

/** Flags of commands that connect to no cluster (sandbox, demo, completion, version). */
export const localFlags = {
  'no-color': Flags.boolean({
    summary: 'Plain output without colours (also: NO_COLOR=1).',
    helpGroup: 'GLOBAL',
  }),
  debug: Flags.boolean({ summary: 'Show error details and causes.', helpGroup: 'GLOBAL' }),
};

export const globalFlags = { ...connectionFlags, ...localFlags };

export const listFlags = {
  'all-namespaces': Flags.boolean({
    char: 'A',
    summary: 'List rollouts in every namespace.',
    exclusive: ['namespace'],
  }),
  selector: Flags.string({
    char: 'l',
    summary: 'Label selector, kubectl syntax (e.g. team=web,tier!=canary).',
  }),
};

export const OUTPUTS = ['table', 'wide', 'json', 'yaml', 'name'] as const;
export type OutputFormat = (typeof OUTPUTS)[number];

export const outputFlag = {
  output: Flags.string({ char: 'o', summary: 'Output format.', options: [...OUTPUTS], default: 'table' }),
};

export const messageFlag = {
  message: Flags.string({ char: 'm', summary: 'Why: recorded with the action (Event, history message).' }),
};

export const yesFlag = {
  yes: Flags.boolean({ char: 'y', summary: 'Do not ask for confirmation (scripts, CI).' }),
};
