// SelfSubjectReview (who am I) and SelfSubjectAccessReview (can I), answered from the identity table.
import { badRequest } from './http/status.js';
import { isPlainObject } from './patch/merge.js';
import { isAllowed, userGroups } from './rbac.js';
import type { ResourceType } from './registry.js';
import type { SandboxUser } from './types.js';

export function answerReview(type: ResourceType, version: string, body: unknown, user: SandboxUser): object {
  if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON object');
  const apiVersion = `${type.group}/${version}`;
  const base = { apiVersion, kind: type.kind, metadata: { creationTimestamp: null } };
  if (type.review === 'selfsubjectreview') {
    return { ...base, status: { userInfo: { username: user.username, groups: userGroups(user) } } };
  }
  const spec = isPlainObject(body.spec) ? body.spec : {};
  const ra = isPlainObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  if (!ra) {
    // Non-resource URLs (/healthz, /version, …) are open to everyone here.
    return { ...base, spec, status: { allowed: true } };
  }
  const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const attrs = {
    verb: s(ra.verb) ?? '',
    group: s(ra.group) ?? '',
    resource: s(ra.resource) ?? '',
    ...(s(ra.subresource) ? { subresource: s(ra.subresource) as string } : {}),
    ...(s(ra.name) ? { name: s(ra.name) as string } : {}),
    ...(s(ra.namespace) ? { namespace: s(ra.namespace) as string } : {}),
  };
  const allowed = isAllowed(user, attrs);
  return {
    ...base,
    spec,
    status: allowed ? { allowed: true, reason: 'allowed by sandbox rules' } : { allowed: false },
  };
}
