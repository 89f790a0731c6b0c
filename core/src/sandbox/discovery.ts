// Legacy (/api, /apis, per group-version) and aggregated (apidiscovery.k8s.io v2/v2beta1) discovery.
import { createHash } from 'node:crypto';
import type { Registry, Resolved, ResourceType } from './registry.js';

const STATUS_VERBS = ['get', 'patch', 'update'];

export type AggregatedVersion = 'v2' | 'v2beta1';

/** Picks aggregated discovery only when the client asked for it first (the content type must be exact). */
export function aggregatedVersion(accept: string | undefined): AggregatedVersion | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (!p.includes('as=APIGroupDiscoveryList')) {
      if (p.startsWith('application/json') || p.startsWith('*/*')) return undefined;
      continue;
    }
    if (p.includes('v=v2beta1')) return 'v2beta1';
    if (p.includes('v=v2')) return 'v2';
  }
  return undefined;
}

export function aggregatedContentType(v: AggregatedVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;
}

/** As upstream: base64 (padded) of the first 8 bytes of sha256("group/version/kind"). */
function storageHash(t: ResourceType): string {
  return createHash('sha256')
    .update(`${t.group}/${t.storageVersion}/${t.kind}`)
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

export function apiVersions(hostPort: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }],
  };
}

function groupEntry(g: { group: string; versions: Array<{ version: string }> }): object {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v.version}`, version: v.version }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: Registry): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter((g) => g.group !== '')
      .map(groupEntry),
  };
}

export function apiGroup(registry: Registry, group: string): object | undefined {
  const g = registry.groups().find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) } : undefined;
}

export function apiResourceList(registry: Registry, group: string, version: string): object | undefined {
  const g = registry.groups().find((x) => x.group === group);
  const v = g?.versions.find((x) => x.version === version);
  if (!v) return undefined;
  const resources: object[] = [];
  for (const { type, version: vd } of v.types) {
    resources.push({
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
      ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length ? { categories: type.categories } : {}),
      ...(type.review ? {} : { storageVersionHash: storageHash(type) }),
    });
    if (vd.hasStatus) {
      resources.push({
        name: `${type.plural}/status`,
        singularName: '',
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: STATUS_VERBS,
      });
    }
  }
  return {
    kind: 'APIResourceList',
    // The core group's list carries no apiVersion upstream; the named groups' do.
    ...(group ? { apiVersion: 'v1' } : {}),
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function aggregatedResource(r: Resolved, version: string): object {
  const { type } = r;
  const responseKind = { group: type.group, version, kind: type.kind };
  return {
    resource: type.plural,
    responseKind,
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: type.verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
    ...(r.version.hasStatus
      ? { subresources: [{ subresource: 'status', responseKind, verbs: STATUS_VERBS }] }
      : {}),
  };
}

/** `/api` (core only) or `/apis` (every other group) in aggregated form. */
export function aggregatedDiscovery(registry: Registry, legacy: boolean, v: AggregatedVersion): object {
  const items = registry
    .groups()
    .filter((g) => (legacy ? g.group === '' : g.group !== ''))
    .map((g) => ({
      metadata: { name: g.group },
      versions: g.versions.map((ver) => ({
        version: ver.version,
        freshness: 'Current',
        resources: ver.types.map((r) => aggregatedResource(r, ver.version)),
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${v}`, metadata: {}, items };
}
