// Reads RBAC rules from the shipped YAML and maps sandbox request-log entries to RBAC attributes,
// so a test can check that the rules cover (and do not exceed) what the controller does.
import { readFileSync } from 'node:fs';
import type { PolicyRule, RequestLogEntry } from '@kuberik/core/sandbox';
import { parseAllDocuments } from 'yaml';

export function rulesOf(file: string, kind: 'ClusterRole' | 'Role', name: string): PolicyRule[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
  const role = docs.find(
    (d) => d?.kind === kind && (d.metadata as { name?: string } | undefined)?.name === name,
  ) as { rules: PolicyRule[] } | undefined;
  if (!role) throw new Error(`${file} has no ${kind} ${name}`);
  return role.rules.map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources }));
}

export interface Access {
  verb: string;
  group: string;
  /** With subresource: `rollouts/status`. */
  resource: string;
}

/** `GET /apis/kuberik.com/v1alpha1/namespaces/a/rollouts?watch=true` → watch kuberik.com rollouts. */
export function accessOf(e: RequestLogEntry): Access | undefined {
  const parts = e.path.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] as string;
    rest = parts.slice(3);
  } else {
    return undefined; // discovery, /version, /openapi
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  const [resource, name, sub] = rest;
  if (!resource) return undefined;
  const query = new URLSearchParams(e.query.replace(/^\?/, ''));
  const watching = query.get('watch') === 'true' || query.get('watch') === '1';
  const verb =
    e.method === 'GET'
      ? watching
        ? 'watch'
        : name
          ? 'get'
          : 'list'
      : e.method === 'POST'
        ? 'create'
        : e.method === 'PATCH'
          ? 'patch'
          : e.method === 'PUT'
            ? 'update'
            : e.method === 'DELETE'
              ? name
                ? 'delete'
                : 'deletecollection'
              : e.method.toLowerCase();
  return { verb, group, resource: sub ? `${resource}/${sub}` : resource };
}

/** Every (verb, group, resource) a rule grants, expanded; '*' entries stay as '*'. */
export function granted(rules: PolicyRule[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules)
    for (const g of r.apiGroups)
      for (const res of r.resources) for (const v of r.verbs) out.add(`${v} ${g}/${res}`);
  return out;
}

export const accessKey = (a: Access): string => `${a.verb} ${a.group}/${a.resource}`;
