// "Can I?" through SelfSubjectAccessReview, so UIs can hide or explain actions up front.
import type { Kube } from './client.js';
import { KubeError } from './errors.js';
import type { ResourceKind } from './kinds.js';

export interface AccessAnswer {
  allowed: boolean;
  reason?: string;
}

export async function canI(
  kube: Kube,
  verb: string,
  resource: ResourceKind | string,
  namespace?: string,
  opts: { name?: string; subresource?: string } = {},
): Promise<AccessAnswer> {
  const attrs =
    typeof resource === 'string'
      ? { resource, group: '' }
      : { resource: resource.plural, group: resource.group };
  // Real clusters let every authenticated user ask (system:basic-user); if this one does not,
  // the honest answer is "not known to be allowed".
  const res = await kube
    .post<{ status?: { allowed?: boolean; reason?: string; denied?: boolean } }>(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: { verb, namespace, name: opts.name, subresource: opts.subresource, ...attrs },
        },
      },
      { resource: 'selfsubjectaccessreviews' },
    )
    .catch((e: unknown) => {
      if (e instanceof KubeError && e.kind === 'Forbidden')
        return { status: { allowed: false, reason: e.message } };
      throw e;
    });
  return { allowed: res?.status?.allowed === true, reason: res?.status?.reason };
}
