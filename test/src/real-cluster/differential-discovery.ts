// Discovery and OpenAPI steps of the differential suite. A real server serves many more groups and
// resources than the sandbox, so these compare what both serve, in name order.
import { send } from './differential-client.js';
import type { Step } from './differential-script.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Groups both servers must serve; the sandbox serves a chosen subset of a real server's. */
export const SHARED_GROUPS = [
  '',
  'apps',
  'coordination.k8s.io',
  'kuberik.com',
  'image.toolkit.fluxcd.io',
  'kustomize.toolkit.fluxcd.io',
];

/** Core resources the sandbox serves (a real server serves some 40). */
const CORE_RESOURCES = [
  'configmaps',
  'events',
  'namespaces',
  'namespaces/status',
  'secrets',
  'serviceaccounts',
];

/** An APIResourceList, restricted to `only` (when given) and in name order (servers order differently). */
function resourceList(name: string, path: string, only?: string[]): Step {
  return {
    name,
    run: async (t) => {
      const r = await send(t, { name: '', method: 'GET', path });
      const b = r.body as { resources?: Array<{ name: string }> } & Record<string, unknown>;
      const resources = (b.resources ?? [])
        .filter((x) => !only || only.includes(x.name))
        .sort((x, y) => x.name.localeCompare(y.name));
      return { status: r.status, body: { ...b, resources } };
    },
  };
}

interface AggregatedVersion {
  version: string;
  resources: Array<{ resource: string }>;
}

/** Resources the sandbox serves in the shared groups: built-ins it chose, every CRD's. */
const SHARED_RESOURCES = new Set([
  'configmaps',
  'events',
  'namespaces',
  'secrets',
  'serviceaccounts',
  'deployments',
  'leases',
]);
function sharedResourcesOf(v: AggregatedVersion): AggregatedVersion {
  const builtinGroup = v.resources.some((r) => SHARED_RESOURCES.has(r.resource));
  return {
    ...v,
    resources: v.resources
      .filter((r) => !builtinGroup || SHARED_RESOURCES.has(r.resource))
      .sort((x, y) => x.resource.localeCompare(y.resource)),
  };
}

export function discoverySteps(): Step[] {
  return [
    // --- discovery and OpenAPI
    {
      name: 'discovery /api',
      run: async (t) => {
        const r = await send(t, { name: '', method: 'GET', path: '/api' });
        const b = r.body as Record<string, unknown>;
        return { status: r.status, kind: b.kind, versions: b.versions };
      },
    },
    {
      name: 'discovery /apis (shared groups)',
      run: async (t) => {
        const r = await send(t, { name: '', method: 'GET', path: '/apis' });
        const b = r.body as { kind: string; groups: Array<{ name: string }> };
        return {
          status: r.status,
          kind: b.kind,
          groups: b.groups.filter((g) => SHARED_GROUPS.includes(g.name)),
        };
      },
    },
    resourceList('discovery /api/v1 (shared resources)', '/api/v1', CORE_RESOURCES),
    resourceList('discovery /apis/apps/v1 (shared resources)', '/apis/apps/v1', [
      'deployments',
      'deployments/status',
    ]),
    resourceList('discovery /apis/kuberik.com/v1alpha1', '/apis/kuberik.com/v1alpha1'),
    resourceList('discovery /apis/kustomize.toolkit.fluxcd.io/v1', '/apis/kustomize.toolkit.fluxcd.io/v1'),
    resourceList('discovery /apis/image.toolkit.fluxcd.io/v1', '/apis/image.toolkit.fluxcd.io/v1'),
    {
      name: 'aggregated discovery /apis (shared groups)',
      run: async (t) => {
        const r = await send(t, { name: '', method: 'GET', path: '/apis', accept: AGGREGATED });
        const b = r.body as {
          kind: string;
          items: Array<{ metadata: { name: string }; versions: AggregatedVersion[] }>;
          apiVersion: string;
        };
        return {
          status: r.status,
          contentType: r.contentType
            .split(';')
            .filter((p) => !p.trim().startsWith('charset'))
            .join(';'),
          kind: b.kind,
          apiVersion: b.apiVersion,
          items: b.items
            .filter((i) => SHARED_GROUPS.includes(i.metadata.name ?? ''))
            .sort((x, y) => (x.metadata.name ?? '').localeCompare(y.metadata.name ?? ''))
            .map((i) => ({ ...i, versions: i.versions.map((v) => sharedResourcesOf(v)) })),
        };
      },
    },
    {
      name: 'openapi v3 index (shared groups)',
      run: async (t) => {
        const r = await send(t, { name: '', method: 'GET', path: '/openapi/v3' });
        const paths = Object.keys((r.body as { paths: Record<string, unknown> }).paths ?? {});
        const wanted = [
          'api/v1',
          'apis/kuberik.com/v1alpha1',
          'apis/kustomize.toolkit.fluxcd.io/v1',
          'apis/image.toolkit.fluxcd.io/v1',
          'apis/apps/v1',
        ];
        return { status: r.status, paths: wanted.filter((p) => paths.includes(p)) };
      },
    },
  ];
}
