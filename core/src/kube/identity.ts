// Who the user is, for triggeredBy and Events: SelfSubjectReview where the server offers it,
// otherwise the kubeconfig user entry's name.
import { hostname } from 'node:os';
import type { Kube } from './client.js';

export async function whoAmI(kube: Kube): Promise<string> {
  try {
    const res = await kube.post<{ status?: { userInfo?: { username?: string } } }>(
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      { resource: 'selfsubjectreviews' },
    );
    const name = res?.status?.userInfo?.username;
    if (name) return name;
  } catch {
    // older servers or no permission: fall back below
  }
  return kube.config.userName ?? 'unknown';
}

/** Lease holder identity per spec §2.6: `user@host pid`. */
export function holderIdentity(user: string): string {
  return `${user}@${hostname()} ${process.pid}`;
}
