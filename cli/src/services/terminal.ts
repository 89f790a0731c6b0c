// Whether to draw the live screen: a real terminal on both ends and not CI (Ink's CI mode would
// print only the last frame). Everything else gets the line log.
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function interactiveTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdout.isTTY) && !isCI(env) && env.TERM !== 'dumb';
}
