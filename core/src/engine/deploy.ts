// Deploying = setting spec.postBuild.substitute.<VAR> on every Kustomization annotated for this
// rollout (spec §2.5, §9.6), and nothing else.
import { SUBSTITUTE_ANNOTATION, type Kustomization, type Rollout } from '../model/index.js';
import type { ObjectPatch } from './plan.js';

export interface SubstituteTarget {
  kustomization: Kustomization;
  /** Variable names, sorted, that this rollout sets on that Kustomization. */
  variables: string[];
}

export interface SubstituteTargets {
  targets: SubstituteTarget[];
  /** Annotations aimed at this rollout that cannot be honoured, each with what to fix. */
  problems: string[];
}

const PREFIX = 'rollout.kuberik.com/substitute.';
const SUFFIX = '.from';

/** Does an annotation value (`name` or `namespace/name`) on an object in `ns` name this rollout? */
function namesRollout(value: string, ns: string, rollout: Rollout): boolean {
  const rns = rollout.metadata.namespace ?? 'default';
  const parts = value.trim().split('/');
  if (parts.length === 1) return ns === rns && parts[0] === rollout.metadata.name;
  return parts.length === 2 && parts[0] === rns && parts[1] === rollout.metadata.name;
}

const keyOf = (k: Kustomization): string => `${k.metadata.namespace ?? ''}/${k.metadata.name}`;

/** Kustomizations (sorted by namespace/name) whose substitute annotations name this rollout. */
export function substituteTargets(rollout: Rollout, kustomizations: Kustomization[]): SubstituteTargets {
  const targets: SubstituteTarget[] = [];
  const problems: string[] = [];
  const sorted = [...kustomizations].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  for (const k of sorted) {
    const ns = k.metadata.namespace ?? rollout.metadata.namespace ?? 'default';
    const variables: string[] = [];
    for (const [key, value] of Object.entries(k.metadata.annotations ?? {})) {
      if (!key.startsWith(PREFIX) || !key.endsWith(SUFFIX) || typeof value !== 'string') continue;
      if (!namesRollout(value, ns, rollout)) continue;
      const variable = SUBSTITUTE_ANNOTATION.exec(key)?.[1];
      if (!variable || !/^[_a-zA-Z][_a-zA-Z0-9]*$/.test(variable)) {
        problems.push(
          `Kustomization ${keyOf(k)} has annotation "${key}", which names no valid variable; use ${PREFIX}<VAR>${SUFFIX} with a variable name of letters, digits and underscores`,
        );
        continue;
      }
      variables.push(variable);
    }
    if (variables.length > 0) targets.push({ kustomization: k, variables: variables.sort() });
  }
  return { targets, problems };
}

/** What to tell the user when nothing can be patched. */
export function noTargetMessage(rollout: Rollout): string {
  const ns = rollout.metadata.namespace ?? 'default';
  return `No Kustomization is annotated ${PREFIX}<VAR>${SUFFIX}: ${rollout.metadata.name} (in namespace ${ns}, or with value ${ns}/${rollout.metadata.name}), and no OCIRepository in ${ns} is annotated rollout.kuberik.com/rollout: ${rollout.metadata.name}; annotate the Kustomization or OCIRepository that deploys this app`;
}

/** The value currently substituted by the targets, if any (first target in name order). */
export function runningVersion(targets: SubstituteTarget[]): string | undefined {
  for (const t of targets) {
    for (const v of t.variables) {
      const value = t.kustomization.spec?.postBuild?.substitute?.[v];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return undefined;
}

/** Merge patches setting every variable to `tag`; Kustomizations already at `tag` are left alone. */
export function substitutePatches(targets: SubstituteTarget[], tag: string): ObjectPatch[] {
  const patches: ObjectPatch[] = [];
  for (const { kustomization: k, variables } of targets) {
    const current = k.spec?.postBuild?.substitute ?? {};
    const changes = variables.filter((v) => current[v] !== tag);
    if (changes.length === 0) continue;
    patches.push({
      target: {
        apiVersion: k.apiVersion,
        kind: k.kind,
        ...(k.metadata.namespace ? { namespace: k.metadata.namespace } : {}),
        name: k.metadata.name,
        ...(k.metadata.resourceVersion ? { resourceVersion: k.metadata.resourceVersion } : {}),
      },
      patch: { spec: { postBuild: { substitute: Object.fromEntries(changes.map((v) => [v, tag])) } } },
      reason: `Deploy ${tag}: set ${changes.map((v) => `spec.postBuild.substitute.${v}`).join(', ')}`,
    });
  }
  return patches;
}

/**
 * The rollout status is the intent record: it is written before the Kustomization patches. When
 * history[0] records a deploy of `tag` but a target's variable still holds the previous version
 * (`previousTag`) or nothing, that patch never landed (a failed write, a crash): patch it again.
 * A variable holding any other value was set by someone else and is left alone.
 */
export function resumePatches(
  targets: SubstituteTarget[],
  tag: string,
  previousTag: string | undefined,
): ObjectPatch[] {
  const stale = targets.map((t) => ({
    ...t,
    variables: t.variables.filter((v) => {
      const value = t.kustomization.spec?.postBuild?.substitute?.[v];
      return value === undefined || value === '' || (previousTag !== undefined && value === previousTag);
    }),
  }));
  return substitutePatches(
    stale.filter((t) => t.variables.length > 0),
    tag,
  ).map((p) => ({ ...p, reason: p.reason.replace(/^Deploy /, 'Resume deploy of ') }));
}
