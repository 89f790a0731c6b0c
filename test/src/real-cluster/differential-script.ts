// The request script of the differential suite: the same ordered steps run against each target.
// A step returns what a client observes (status + body, or a watch's events); the suite normalizes
// and compares those. Steps may read values an earlier step saw on the same target (`ctx`), e.g.
// the current resourceVersion, since those legitimately differ between servers.
import { send, watch, type Exchange, type Target } from './differential-client.js';
import { discoverySteps } from './differential-discovery.js';
import { microTimeSteps } from './differential-microtime.js';
import { timeSteps } from './differential-time.js';

export interface Step {
  name: string;
  run(t: Target, ctx: Record<string, string>): Promise<unknown>;
}

export const RESTRICTED = 'tester-19';
export const RESTRICTED_TOKEN = 'tester-19-token';

const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const APPLY = 'application/apply-patch+yaml';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

const req =
  (ex: Exchange, keep?: (body: Record<string, unknown>, ctx: Record<string, string>) => void): Step['run'] =>
  async (t, ctx) => {
    const r = await send(t, ex);
    if (keep && r.body && typeof r.body === 'object') keep(r.body as Record<string, unknown>, ctx);
    return { status: r.status, body: r.body };
  };

const step = (ex: Exchange, keep?: Parameters<typeof req>[1]): Step => ({
  name: ex.name,
  run: req(ex, keep),
});
const rvOf = (b: Record<string, unknown>): string =>
  ((b.metadata as Record<string, string> | undefined)?.resourceVersion as string | undefined) ?? '';

const cm = (ns: string, name: string, data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
  data,
});

export function script(ns: string): Step[] {
  const cms = `/api/v1/namespaces/${ns}/configmaps`;
  const rollouts = `/apis/kuberik.com/v1alpha1/namespaces/${ns}/rollouts`;
  const ks = `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${ns}/kustomizations`;
  const deploys = `/apis/apps/v1/namespaces/${ns}/deployments`;
  const rollout = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: ns },
    spec,
  });

  return [
    // --- create / get / list, selectors, chunking, Table
    step(
      { name: 'create cm a', method: 'POST', path: cms, body: cm(ns, 'a', { k: 'v' }, { app: 'x' }) },
      (b, c) => {
        c.aRv = rvOf(b);
      },
    ),
    step({ name: 'create cm b', method: 'POST', path: cms, body: cm(ns, 'b', { k: 'v' }, { app: 'y' }) }),
    step({ name: 'create cm c', method: 'POST', path: cms, body: cm(ns, 'c', {}, { app: 'x', tier: 'z' }) }),
    step({ name: 'create cm a again (409)', method: 'POST', path: cms, body: cm(ns, 'a', {}) }),
    step({
      name: 'create cm with generateName',
      method: 'POST',
      path: cms,
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } },
    }),
    step({ name: 'create cm invalid name (422)', method: 'POST', path: cms, body: cm(ns, 'Bad_Name', {}) }),
    step({
      name: 'create cm namespace mismatch (400)',
      method: 'POST',
      path: cms,
      body: cm('other-namespace', 'm', {}),
    }),
    step({ name: 'get cm a', method: 'GET', path: `${cms}/a` }),
    step({ name: 'get cm missing (404)', method: 'GET', path: `${cms}/missing` }),
    step({
      name: 'get in missing namespace (404)',
      method: 'GET',
      path: `/api/v1/namespaces/${ns}-nope/configmaps/a`,
    }),
    step({ name: 'list label app=x', method: 'GET', path: `${cms}?labelSelector=app%3Dx` }),
    step({
      name: 'list label app in (x,y),!tier',
      method: 'GET',
      path: `${cms}?labelSelector=app%20in%20(x%2Cy)%2C!tier`,
    }),
    step({ name: 'list label invalid (400)', method: 'GET', path: `${cms}?labelSelector=app%3D%3D%3Dx` }),
    step({
      name: 'list field metadata.name=b',
      method: 'GET',
      path: `${cms}?fieldSelector=metadata.name%3Db`,
    }),
    step({ name: 'list field unsupported (400)', method: 'GET', path: `${cms}?fieldSelector=data.k%3Dv` }),
    step({ name: 'list limit=2', method: 'GET', path: `${cms}?labelSelector=app&limit=2` }, (b, c) => {
      c.cont = (b.metadata as Record<string, string>).continue ?? '';
    }),
    {
      name: 'list continue',
      run: (t, c) =>
        req({
          name: '',
          method: 'GET',
          path: `${cms}?labelSelector=app&limit=2&continue=${encodeURIComponent(c.cont ?? '')}`,
        })(t, c),
    },
    step({ name: 'list bad continue (400)', method: 'GET', path: `${cms}?limit=2&continue=garbage` }),
    step({ name: 'table get cm a', method: 'GET', path: `${cms}/a`, accept: TABLE }),
    step({ name: 'table list label app', method: 'GET', path: `${cms}?labelSelector=app`, accept: TABLE }),
    // --- update, patches
    step({
      name: 'update stale resourceVersion (409)',
      method: 'PUT',
      path: `${cms}/a`,
      body: { ...cm(ns, 'a', { k: 'stale' }), metadata: { name: 'a', namespace: ns, resourceVersion: '1' } },
    }),
    {
      name: 'update current resourceVersion',
      run: (t, c) =>
        req({
          name: '',
          method: 'PUT',
          path: `${cms}/a`,
          body: {
            ...cm(ns, 'a', { k: 'v2' }, { app: 'x' }),
            metadata: { name: 'a', namespace: ns, labels: { app: 'x' }, resourceVersion: c.aRv },
          },
        })(t, c),
    },
    step({ name: 'update name mismatch (400)', method: 'PUT', path: `${cms}/a`, body: cm(ns, 'zz', {}) }),
    step({
      name: 'update missing (404)',
      method: 'PUT',
      path: `${cms}/missing`,
      body: cm(ns, 'missing', {}),
    }),
    step({
      name: 'merge patch',
      method: 'PATCH',
      path: `${cms}/a`,
      contentType: MERGE,
      body: { data: { m: '1', k: null } },
    }),
    step({
      name: 'json patch',
      method: 'PATCH',
      path: `${cms}/a`,
      contentType: JSONPATCH,
      body: [
        { op: 'add', path: '/data/j', value: '2' },
        { op: 'replace', path: '/metadata/labels/app', value: 'x' },
      ],
    }),
    step({
      name: 'json patch failed test (422)',
      method: 'PATCH',
      path: `${cms}/a`,
      contentType: JSONPATCH,
      body: [{ op: 'test', path: '/data/j', value: 'nope' }],
    }),
    step({
      name: 'json patch not a list (400)',
      method: 'PATCH',
      path: `${cms}/a`,
      contentType: JSONPATCH,
      body: { op: 'add' },
    }),
    step({
      name: 'strategic patch cm',
      method: 'PATCH',
      path: `${cms}/a`,
      contentType: STRATEGIC,
      body: { data: { s: '3' } },
    }),
    step({
      name: 'patch missing (404)',
      method: 'PATCH',
      path: `${cms}/missing`,
      contentType: MERGE,
      body: { data: {} },
    }),
    step({
      name: 'patch unsupported content type (415)',
      method: 'PATCH',
      path: `${cms}/a`,
      contentType: 'text/plain',
      body: 'x',
    }),
    step({
      name: 'create deployment',
      method: 'POST',
      path: deploys,
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: ns },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                { name: 'app', image: 'nginx:1' },
                { name: 'side', image: 'busybox:1' },
              ],
            },
          },
        },
      },
    }),
    step({
      name: 'strategic patch deployment containers by name',
      method: 'PATCH',
      path: `${deploys}/web`,
      contentType: STRATEGIC,
      body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } } } },
    }),
    step({
      name: 'strategic patch $patch delete',
      method: 'PATCH',
      path: `${deploys}/web`,
      contentType: STRATEGIC,
      body: { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } },
    }),
    step({
      name: 'strategic patch on a custom resource (415)',
      method: 'PATCH',
      path: `${rollouts}/r1`,
      contentType: STRATEGIC,
      body: { spec: {} },
    }),
    // --- server-side apply
    step({
      name: 'apply create (manager one)',
      method: 'PATCH',
      path: `${cms}/ssa?fieldManager=one`,
      contentType: APPLY,
      body: cm(ns, 'ssa', { owned: 'one' }),
    }),
    step({
      name: 'apply conflict (manager two, 409)',
      method: 'PATCH',
      path: `${cms}/ssa?fieldManager=two`,
      contentType: APPLY,
      body: cm(ns, 'ssa', { owned: 'two' }),
    }),
    step({
      name: 'apply force (manager two)',
      method: 'PATCH',
      path: `${cms}/ssa?fieldManager=two&force=true`,
      contentType: APPLY,
      body: cm(ns, 'ssa', { owned: 'two' }),
    }),
    step({
      name: 'apply without fieldManager (400)',
      method: 'PATCH',
      path: `${cms}/ssa`,
      contentType: APPLY,
      body: cm(ns, 'ssa', { owned: 'x' }),
    }),
    step({
      name: 'apply drops a field the manager owned',
      method: 'PATCH',
      path: `${cms}/ssa?fieldManager=one`,
      contentType: APPLY,
      body: cm(ns, 'ssa', { other: '1' }),
    }),
    // --- dryRun
    step({
      name: 'dryRun create',
      method: 'POST',
      path: `${cms}?dryRun=All`,
      body: cm(ns, 'dry', { k: 'v' }),
    }),
    step({ name: 'dryRun create left nothing (404)', method: 'GET', path: `${cms}/dry` }),
    step({ name: 'dryRun delete', method: 'DELETE', path: `${cms}/b?dryRun=All` }),
    step({ name: 'dryRun delete left it', method: 'GET', path: `${cms}/b` }),
    step({
      name: 'dryRun invalid value (400)',
      method: 'POST',
      path: `${cms}?dryRun=Some`,
      body: cm(ns, 'dry', {}),
    }),
    // --- custom resources: defaulting, validation, status subresource
    step({
      name: 'rollout create (defaulting)',
      method: 'POST',
      path: rollouts,
      body: rollout('r1', { releasesImagePolicy: { name: 'p' } }),
    }),
    step({
      name: 'rollout invalid (422 causes)',
      method: 'POST',
      path: rollouts,
      body: rollout('r2', { versionHistoryLimit: 0, bakeTime: 'soon' }),
    }),
    step({
      name: 'rollout unknown field Strict (400)',
      method: 'POST',
      path: `${rollouts}?fieldValidation=Strict`,
      body: rollout('r3', { releasesImagePolicy: { name: 'p' }, bogus: 1 }),
    }),
    step({
      name: 'rollout unknown field Ignore (pruned)',
      method: 'POST',
      path: `${rollouts}?fieldValidation=Ignore`,
      body: rollout('r4', { releasesImagePolicy: { name: 'p' }, bogus: 1 }),
    }),
    step({
      name: 'rollout status via main resource is ignored',
      method: 'PATCH',
      path: `${rollouts}/r1`,
      contentType: MERGE,
      body: { status: { currentVersion: '1.0.0' }, metadata: { labels: { l: '1' } } },
    }),
    step({
      name: 'rollout status subresource patch',
      method: 'PATCH',
      path: `${rollouts}/r1/status`,
      contentType: MERGE,
      body: { status: { currentVersion: '1.0.0' }, spec: { wantedVersion: 'ignored' } },
    }),
    step({ name: 'rollout status subresource get', method: 'GET', path: `${rollouts}/r1/status` }),
    step({ name: 'rollout table', method: 'GET', path: rollouts, accept: TABLE }),
    step({
      name: 'kustomization create (flux defaulting)',
      method: 'POST',
      path: ks,
      body: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'k1', namespace: ns },
        spec: { interval: '5m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' } },
      },
    }),
    step({
      name: 'kustomization invalid (422)',
      method: 'POST',
      path: ks,
      body: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'k2', namespace: ns },
        spec: { interval: 'often', sourceRef: { kind: 'Helm', name: 'repo' } },
      },
    }),
    step({ name: 'kind mismatch in body (400)', method: 'POST', path: rollouts, body: cm(ns, 'x', {}) }),
    step({
      name: 'unknown resource (404)',
      method: 'GET',
      path: `/apis/kuberik.com/v1alpha1/namespaces/${ns}/nothings`,
    }),
    ...microTimeSteps(ns),
    ...timeSteps(ns),
    // --- authorization
    step({ name: 'restricted get cm (allowed)', method: 'GET', path: `${cms}/a`, as: RESTRICTED }),
    step({
      name: 'restricted get secret (403)',
      method: 'GET',
      path: `/api/v1/namespaces/${ns}/secrets/s`,
      as: RESTRICTED,
    }),
    step({
      name: 'restricted create cm (403)',
      method: 'POST',
      path: cms,
      body: cm(ns, 'no', {}),
      as: RESTRICTED,
    }),
    step({
      name: 'restricted list rollouts cluster-wide (403)',
      method: 'GET',
      path: '/apis/kuberik.com/v1alpha1/rollouts',
      as: RESTRICTED,
    }),
    step({ name: 'unknown token (401)', method: 'GET', path: `${cms}/a`, as: 'unknown' }),
    // --- watch
    {
      name: 'watch create/update/delete',
      run: async (t, c) => {
        const list = await send(t, { name: '', method: 'GET', path: `${cms}?labelSelector=w` });
        const rv = rvOf(list.body as Record<string, unknown>);
        const res = await watch(
          t,
          `${cms}?watch=true&labelSelector=w&resourceVersion=${rv}`,
          (ev) => ev.length >= 3,
          async () => {
            await send(t, {
              name: '',
              method: 'POST',
              path: cms,
              body: cm(ns, 'w1', { n: '1' }, { w: '1' }),
            });
            await send(t, {
              name: '',
              method: 'PATCH',
              path: `${cms}/w1`,
              contentType: MERGE,
              body: { data: { n: '2' } },
            });
            await send(t, { name: '', method: 'DELETE', path: `${cms}/w1` });
          },
        );
        c.watchRv = rv;
        return res;
      },
    },
    {
      name: 'watch initial events end bookmark',
      run: (t) =>
        watch(
          t,
          `${cms}?watch=true&labelSelector=app%3Dx&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
          (ev) => ev.some((e) => e.type === 'BOOKMARK' || e.type === 'ERROR' || e.type === 'HTTP'),
        ),
    },
    // A fresh real server has not compacted etcd yet (every 5 min), so both replay the history here;
    // the 410 path is compared only when the real server's store was compacted (docs/sandbox-fidelity.md).
    {
      name: 'watch from resourceVersion 1 (replay, or 410 once compacted)',
      run: (t) =>
        watch(
          t,
          `${cms}?watch=true&resourceVersion=1`,
          (ev) => ev.some((e) => e.type === 'ERROR' || e.type === 'HTTP'),
          undefined,
          15_000,
        ),
    },
    {
      name: 'watch with resourceVersionMatch invalid (400)',
      run: (t) =>
        watch(
          t,
          `${cms}?watch=true&resourceVersion=1&resourceVersionMatch=Exact`,
          (ev) => ev.length > 0,
          undefined,
          10_000,
        ),
    },
    // --- delete, deletecollection
    step({ name: 'delete cm a', method: 'DELETE', path: `${cms}/a` }),
    step({ name: 'delete cm a again (404)', method: 'DELETE', path: `${cms}/a` }),
    step({
      name: 'delete with preconditions uid mismatch (409)',
      method: 'DELETE',
      path: `${cms}/c`,
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        preconditions: { uid: '00000000-0000-0000-0000-000000000000' },
      },
    }),
    step({ name: 'deletecollection label app', method: 'DELETE', path: `${cms}?labelSelector=app` }),
    step({ name: 'list after deletecollection', method: 'GET', path: `${cms}?labelSelector=app` }),
    step({ name: 'delete rollout', method: 'DELETE', path: `${rollouts}/r1` }),
    ...discoverySteps(),
  ];
}
