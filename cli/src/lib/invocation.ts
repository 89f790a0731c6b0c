// How the user can run this CLI again from their shell, for hints we print ("run X next").
// Inside an npm script, PATH holds node_modules/.bin, which the user's shell does not: say npx.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface InvocationEnv {
  env?: NodeJS.ProcessEnv;
  /** Path of the running entry script (process.argv[1]). */
  script?: string;
}

export function cliInvocation(o: InvocationEnv = {}): string {
  const env = o.env ?? process.env;
  if (env.npm_lifecycle_event) return 'npx kubectl-kuberik';
  const path = env.PATH ?? '';
  if (onPath('kubectl-kuberik', path)) return onPath('kubectl', path) ? 'kubectl kuberik' : 'kubectl-kuberik';
  return `node ${o.script ?? process.argv[1] ?? 'cli/bin/run.js'}`;
}

function onPath(name: string, path: string): boolean {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}
