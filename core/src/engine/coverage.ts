// Issue 10 point 9: a kustomization-class HealthCheck is only as good as its Kustomization's Ready.
// Without spec.wait: true or spec.healthChecks, Flux marks it Ready once the manifests are applied,
// whatever the workloads do: a broken Deployment would bake and succeed. Say so on the rollout.
import type { HealthCheck, Kustomization } from '../model/index.js';
import type { ConditionValue } from './conditions.js';
import { isKustomizationClass, kustomizationRef } from './health.js';

/** `namespace/name` of the Kustomizations behind selected checks whose Ready ignores workloads, sorted. */
export function blindKustomizations(checks: HealthCheck[], kustomizations: Kustomization[]): string[] {
  const out = new Set<string>();
  for (const hc of checks) {
    if (!isKustomizationClass(hc)) continue;
    const ref = kustomizationRef(hc);
    if ('error' in ref) continue;
    const k = kustomizations.find(
      (x) => x.metadata.name === ref.name && (x.metadata.namespace ?? '') === ref.namespace,
    );
    if (!k) continue; // reported as Unhealthy already
    const spec = k.spec ?? {};
    const checked = spec.wait === true || (Array.isArray(spec.healthChecks) && spec.healthChecks.length > 0);
    if (!checked) out.add(`${ref.namespace}/${ref.name}`);
  }
  return [...out].sort();
}

/** The warning condition, or undefined when every such Kustomization waits for its workloads. */
export function coverageCondition(blind: string[]): ConditionValue | undefined {
  if (blind.length === 0) return undefined;
  const which =
    blind.length === 1 ? `Kustomization ${blind[0]} has` : `Kustomizations ${blind.join(', ')} have`;
  return {
    status: 'False',
    reason: 'KustomizationReadyIgnoresWorkloads',
    message: `${which} neither spec.wait: true nor spec.healthChecks, so Ready does not cover the workloads: a broken Deployment would bake and succeed; set spec.wait: true`,
  };
}
