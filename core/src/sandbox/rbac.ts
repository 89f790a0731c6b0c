// Identities and a small RBAC: bearer token → user, rules with '*' wildcards, real 403 messages.
import { ApiError, qualifiedResource } from './http/status.js';
import type { PolicyRule, SandboxUser } from './types.js';

export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

export const DEFAULT_USER: SandboxUser = { username: 'sandbox-admin', groups: ['system:masters'] };

export class Identities {
  constructor(
    private readonly users: Record<string, SandboxUser>,
    private readonly anonymous: SandboxUser,
  ) {}

  /** The caller of a request; unknown tokens are 401 like a real server. */
  resolve(authorization: string | undefined): SandboxUser {
    const m = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
    if (!m) return this.anonymous;
    const user = this.users[(m[1] as string).trim()];
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return user;
  }

  /**
   * `Impersonate-User` (kubectl --as): kubectl never sends bearer tokens over plain http, so
   * impersonation is how kubectl acts as another identity here. Needs the `impersonate` verb.
   */
  impersonate(caller: SandboxUser, username: string, groups: string[]): SandboxUser {
    if (!isAllowed(caller, { verb: 'impersonate', group: '', resource: 'users', name: username })) {
      throw new ApiError(
        403,
        'Forbidden',
        `users "${username}" is forbidden: User "${caller.username}" cannot impersonate resource "users" in API group "" at the cluster scope`,
        {
          name: username,
          kind: 'users',
        },
      );
    }
    const known = Object.values(this.users).find((u) => u.username === username);
    if (known) return groups.length ? { ...known, groups } : known;
    // Unknown identities have no rules granted: like a real cluster without bindings for them.
    return { username, groups, rules: [] };
  }
}

export function userGroups(user: SandboxUser): string[] {
  const groups = user.groups ?? [];
  return groups.includes('system:authenticated') ? groups : [...groups, 'system:authenticated'];
}

const matches = (list: string[], v: string): boolean => list.includes('*') || list.includes(v);

function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (!matches(rule.verbs, a.verb) || !matches(rule.apiGroups, a.group)) return false;
  if (!matches(rule.resources, resource) && !(a.subresource && rule.resources.includes(`${a.resource}/*`)))
    return false;
  if (rule.namespaces) {
    // Namespace-limited rules (a RoleBinding) never grant cluster-scoped or all-namespace requests.
    if (!a.namespace || !matches(rule.namespaces, a.namespace)) return false;
  }
  return true;
}

export function isAllowed(user: SandboxUser, a: RequestAttributes): boolean {
  if ((user.groups ?? []).includes('system:masters') || user.rules === undefined) return true;
  return user.rules.some((r) => ruleAllows(r, a));
}

export function forbidden(user: SandboxUser, a: RequestAttributes): ApiError {
  const what = qualifiedResource(a.resource, a.group);
  const subject = a.name ? `${what} "${a.name}"` : what;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
  return new ApiError(403, 'Forbidden', message, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.group ? { group: a.group } : {}),
    kind: a.resource,
  });
}

export function authorize(user: SandboxUser, a: RequestAttributes): void {
  if (!isAllowed(user, a)) throw forbidden(user, a);
}
