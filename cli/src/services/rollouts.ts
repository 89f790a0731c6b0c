// Reading rollouts for get/history/why: an observe-only driver gives the same snapshot (gates,
// selected health checks, lease) the TUI shows, so every command tells one story.
import type { EngineDriver, RolloutSnapshot } from '@kuberik/core/driver';
import type { KubeError } from '@kuberik/core/kube';
import { CliError } from '../lib/cli-error.js';
import { ExitCode } from '../lib/exit-codes.js';
import { closeNames, didYouMean } from '@kuberik/core/present';
import type { Session } from './session.js';

export interface ReadScope {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  name?: string;
}

export interface Observation {
  snapshots: RolloutSnapshot[];
  /** Problems the driver reported (a list it could not make, a forbidden kind). */
  errors: KubeError[];
  driver: EngineDriver;
}

/** Starts an observe-only driver over the scope and waits until its first snapshots are in. */
export async function observe(session: Session, scope: ReadScope): Promise<Observation> {
  const { createDriver } = await import('@kuberik/core/driver');
  const namespace = scope.allNamespaces ? undefined : (scope.namespace ?? session.namespace);
  const driver = createDriver({
    kube: session.kube,
    scope: { namespace, name: scope.name, labelSelector: scope.selector },
    identity: 'kubectl-kuberik',
    observe: true,
  });
  const errors: KubeError[] = [];
  driver.subscribe((e) => {
    if (e.type === 'error') errors.push(e.error);
  });
  await driver.start();
  await driver.idle();
  const snapshots = driver
    .snapshots()
    .filter((s) => !scope.name || s.key.name === scope.name)
    .sort((a, b) => a.key.namespace.localeCompare(b.key.namespace) || a.key.name.localeCompare(b.key.name));
  return { snapshots, errors, driver };
}

/** The error to report when a read came back empty because the API refused it. */
export function fatalReadError(o: Pick<Observation, 'errors'>): KubeError | undefined {
  return (
    o.errors.find((e) => e.kind === 'Forbidden' && /\brollouts\b/.test(e.message)) ??
    o.errors.find((e) => e.kind === 'Unreachable' || e.kind === 'NoConfig') ??
    o.errors.find((e) => e.kind === 'Forbidden')
  );
}

/** Observes and returns exactly one rollout, or throws NotFound with close names. */
export async function observeOne(
  session: Session,
  name: string,
  namespace?: string,
): Promise<{ snapshot: RolloutSnapshot; observation: Observation }> {
  const ns = namespace ?? session.namespace;
  const o = await observe(session, { namespace: ns, name });
  const snapshot = o.snapshots.find((s) => s.key.name === name && s.key.namespace === ns);
  if (snapshot) return { snapshot, observation: o };
  await o.driver.stop();
  const fatal = fatalReadError(o);
  if (fatal) throw fatal;
  throw await rolloutNotFound(session, name, ns);
}

export async function rolloutNotFound(session: Session, name: string, namespace: string): Promise<CliError> {
  const { Kinds } = await import('@kuberik/core/kube');
  let names: string[] = [];
  try {
    names = (await session.kube.list(Kinds.Rollout, { namespace })).items.map((r) => r.metadata.name);
  } catch {
    // the suggestion is a courtesy; the not-found message stands without it
  }
  const hint = didYouMean(closeNames(name, names));
  const tail = hint ? '' : names.length ? ` — list them with: kubectl kuberik get -n ${namespace}` : '';
  return new CliError(
    `rollout "${name}" not found in namespace ${namespace}${hint}${tail}`,
    ExitCode.NotFound,
  );
}
