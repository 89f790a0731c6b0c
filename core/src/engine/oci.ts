// OCIRepository targets (spec §10.3): an OCIRepository in the rollout's namespace annotated
// `rollout.kuberik.com/rollout: <name>` is deployed by setting spec.ref.tag, and nothing else.
import { Annotations, type Kustomization, type OCIRepository, type Rollout } from '../model/index.js';
import type { EventRecord, ObjectPatch } from './plan.js';

const keyOf = (o: { metadata: { namespace?: string; name: string } }): string =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** OCIRepositories (sorted by name) in the rollout's namespace annotated for it. */
export function ociTargets(rollout: Rollout, repos: OCIRepository[] | undefined): OCIRepository[] {
  const ns = rollout.metadata.namespace ?? 'default';
  return (repos ?? [])
    .filter(
      (o) =>
        (o.metadata.namespace ?? ns) === ns &&
        o.metadata.annotations?.[Annotations.ociRollout]?.trim() === rollout.metadata.name,
    )
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

/** The tag the targets pull now (first by name), for adoption. */
export function ociRunning(targets: OCIRepository[]): string | undefined {
  for (const o of targets) {
    const tag = o.spec?.ref?.tag;
    if (typeof tag === 'string' && tag !== '') return tag;
  }
  return undefined;
}

/** Merge patches setting spec.ref.tag; digest and semver are kept (the user's choice). */
export function ociPatches(targets: OCIRepository[], tag: string, reason = `Deploy ${tag}`): ObjectPatch[] {
  return targets
    .filter((o) => o.spec?.ref?.tag !== tag)
    .map((o) => ({
      target: {
        apiVersion: o.apiVersion,
        kind: o.kind,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        name: o.metadata.name,
        ...(o.metadata.resourceVersion ? { resourceVersion: o.metadata.resourceVersion } : {}),
      },
      patch: { spec: { ref: { tag } } },
      reason: `${reason}: set spec.ref.tag`,
    }));
}

/** Like resumePatches: a tag still at the previous version (or unset) means the patch never landed. */
export function ociResumePatches(
  targets: OCIRepository[],
  tag: string,
  previousTag: string | undefined,
): ObjectPatch[] {
  const stale = targets.filter((o) => {
    const t = o.spec?.ref?.tag;
    return t === undefined || t === '' || (previousTag !== undefined && t === previousTag);
  });
  return ociPatches(stale, tag, `Resume deploy of ${tag}`);
}

/** A Warning per target whose digest or semver makes Flux ignore the tag we set. */
export function ociOverrideWarnings(targets: OCIRepository[], tag: string): EventRecord[] {
  const out: EventRecord[] = [];
  for (const o of targets) {
    const ref = o.spec?.ref ?? {};
    const fields = (['digest', 'semver'] as const).filter((f) => typeof ref[f] === 'string' && ref[f] !== '');
    if (fields.length === 0) continue;
    out.push({
      type: 'Warning',
      reason: 'TagOverridden',
      message: `OCIRepository ${keyOf(o)} sets ${fields.map((f) => `spec.ref.${f}`).join(' and ')}, which Flux uses instead of spec.ref.tag: ${tag} takes effect only once ${fields.length > 1 ? 'they are' : 'it is'} removed`,
    });
  }
  return out;
}

/**
 * Kustomizations (namespace/name) whose source is one of these OCIRepositories: after a deploy
 * their health counts only once Flux applied a revision of the new tag (`<tag>@sha256:…`).
 */
export function ociConsumers(targets: OCIRepository[], kustomizations: Kustomization[]): Set<string> {
  const repos = new Set(targets.map(keyOf));
  const out = new Set<string>();
  for (const k of kustomizations) {
    const ref = k.spec?.sourceRef;
    if (ref?.kind !== 'OCIRepository') continue;
    if (repos.has(`${ref.namespace ?? k.metadata.namespace ?? ''}/${ref.name}`)) out.add(keyOf(k));
  }
  return out;
}
