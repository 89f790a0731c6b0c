// Habits from Argo Rollouts' plugin and kubectl, mapped onto our commands, so a wrong first guess
// gets the right command instead of a bare "unknown command".

/** Commands other tools have, and ours that do the job. `{r}` is the rollout, when one was given. */
const COMMAND_HABITS: Record<string, (r: string) => string> = {
  promote: (r) => `kubectl kuberik approve ${r}`,
  undo: (r) => `kubectl kuberik rollback ${r}`,
  status: (r) => `kubectl kuberik watch ${r} --until done`,
  abort: (r) => `kubectl kuberik deny ${r}`,
  describe: (r) => `kubectl kuberik why ${r}`,
  pause: (r) => `kubectl kuberik deploy ${r} VERSION --pin`,
  'set:image': (r) => `kubectl kuberik deploy ${r} VERSION`,
};

/** For an unknown command (oclif joins words with ':'), our command for the same habit. */
export function unknownCommandHint(id: string): string | undefined {
  const words = id.split(':');
  for (const n of [2, 1]) {
    const habit = COMMAND_HABITS[words.slice(0, n).join(':')];
    if (habit && words.length >= n) return habit(words[n] ?? 'ROLLOUT');
  }
  return undefined;
}

const ROLLOUT_WORDS = new Set(['rollout', 'rollouts', 'ro', 'rollout.kuberik.com']);

/**
 * For a command that failed to parse, a hint when the argv shows a habit: `get -w`, `get rollout NAME`,
 * `get rollout/NAME`. Undefined when nothing matches.
 */
export function parseHabitHint(command: string, argv: string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (command === 'get') {
    if (argv.some((a) => a === '-w' || a === '--watch' || /^-\w*w/.test(a))) {
      const name = words.find((w) => !ROLLOUT_WORDS.has(w));
      return `to follow a rollout live, use: kubectl kuberik watch ${name ?? 'ROLLOUT'}`;
    }
    if (words[0] && ROLLOUT_WORDS.has(words[0]) && words[1])
      return `get lists only rollouts, so name it alone: kubectl kuberik get ${words[1]}`;
  }
  const slashed = words.find((w) => /^(rollouts?|ro)\//.test(w));
  if (slashed) {
    const rest = argv.map((a) => (a === slashed ? slashed.split('/')[1] : a)).join(' ');
    return `name the rollout alone: kubectl kuberik ${command} ${rest}`;
  }
  return undefined;
}
