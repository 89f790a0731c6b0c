// `npm run bench -- controller-requests [--requests=1000] [--in-flight=16] [--watchers=4]`: what each request the
// controller makes while settling costs the real kube-apiserver + etcd (docs/real-cluster.md), as
// CPU per request read from /proc (the rate is printed too, but on a shared machine the load bends
// it; CPU per request is what tells how many rollouts two cores can settle per second). The writes
// are those of one rollout's first deployment: Lease create, Rollout status merge patch,
// Kustomization merge patch, Event create; a GET of one Rollout is the yardstick. Then the same
// status change (to the next version) four ways: a merge patch, a JSON patch, server-side apply, and a merge patch
// while `--watchers` informers watch the Rollouts (what one more watcher costs per write).
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { microTime } from '@kuberik/core/driver';
import { Informer, Kinds, createKube } from '@kuberik/core/kube';
import { appObjects } from '../test/src/controller/support/fixtures.js';
import { startRealCluster } from '../test/src/support/real-cluster.js';
import { childCpuSeconds } from './process-cpu.js';

const NS = 'bench-requests';
const SERVER = ['kube-apiserver', 'etcd'];

/** A status like the first reconcile of the controller bench writes (history, releases, five conditions). */
const firstStatus = (tag: string) => ({
  phase: 'Succeeded',
  currentVersion: tag,
  observedGeneration: 1,
  history: [
    {
      id: 1,
      version: { tag },
      timestamp: '2026-12-03T13:18:23Z',
      message: 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
      bakeStatus: 'Succeeded',
      bakeStatusMessage: 'No bake time configured, deployment completed immediately.',
    },
  ],
  availableReleases: [{ tag }],
  releaseCandidates: [],
  gates: [],
  gatesSummary: '0/0',
  conditions: ['Ready', 'ReleasesUpdated', 'GatesPassing', 'DeploymentBlocked', 'BakeFailureDisabled'].map(
    (type) => ({
      type,
      status: 'True',
      reason: 'Reason',
      message: `condition ${type} for ${tag}`,
      lastTransitionTime: '2026-12-03T13:18:23Z',
    }),
  ),
});

export async function run(opts = cliOptions()): Promise<Record<string, unknown>> {
  const n = opts.requests;
  const cluster = await startRealCluster({ log: (l) => process.stderr.write(`real cluster: ${l}\n`) });
  const kube = createKube({ kubeconfigText: cluster.kubeconfig() });
  const results: Record<string, unknown> = {
    requests: n,
    inFlight: opts.inFlight,
    loadAverageStart: loadavg(),
  };
  try {
    await cluster.ensureNamespace(NS);
    const apps = Array.from({ length: n }, (_, i) =>
      appObjects({ namespace: NS, name: `app-${i}`, tag: 'v1' }),
    );
    const of = (i: number, kind: string) => apps[i]!.find((o) => o.kind === kind) as never;
    const phase = async (label: string, op: (i: number) => Promise<unknown>) => {
      const cpu0 = childCpuSeconds(SERVER);
      const t0 = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < n) await op(next++);
      };
      await Promise.all(Array.from({ length: opts.inFlight }, worker));
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = childCpuSeconds(SERVER);
      results[label] = {
        perSecond: Math.round(n / seconds),
        ...Object.fromEntries(
          SERVER.map((k) => [
            `${k}MsPerRequest`,
            Math.round((((cpu1[k] ?? 0) - (cpu0[k] ?? 0)) * 1e5) / n) / 100,
          ]),
        ),
      };
    };
    await phase('Rollout create', (i) => kube.create(Kinds.Rollout, of(i, 'Rollout')));
    await phase('Kustomization create', (i) => kube.create(Kinds.Kustomization, of(i, 'Kustomization')));
    await phase('Lease create', (i) =>
      kube.create(Kinds.Lease, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: `kuberik-rollout-app-${i}`, namespace: NS },
        spec: { holderIdentity: 'bench', leaseDurationSeconds: 3600, renewTime: microTime(new Date()) },
      }),
    );
    await phase('Rollout status merge patch', (i) =>
      kube.mergePatch(Kinds.Rollout, NS, `app-${i}`, { status: firstStatus('v1') }, { status: true }),
    );
    await phase('Kustomization merge patch', (i) =>
      kube.mergePatch(Kinds.Kustomization, NS, `app-${i}`, {
        spec: { postBuild: { substitute: { APP_VERSION: 'v1' } } },
      }),
    );
    await phase('Event create', (i) =>
      kube.create(Kinds.Event, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `app-${i}.deployed`, namespace: NS },
        involvedObject: {
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'Rollout',
          name: `app-${i}`,
          namespace: NS,
        },
        reason: 'Deployed',
        message: 'Deployed v1 (Automatic deployment)',
        type: 'Normal',
        firstTimestamp: '2026-12-03T13:18:23Z',
        lastTimestamp: '2026-12-03T13:18:23Z',
        count: 1,
      } as never),
    );
    await phase('Rollout GET', (i) => kube.get(Kinds.Rollout, NS, `app-${i}`));
    // The same status change, as a merge patch and as a JSON patch (each replaces every field).
    await phase('Rollout status merge patch, next version', (i) =>
      kube.mergePatch(Kinds.Rollout, NS, `app-${i}`, { status: firstStatus('v2') }, { status: true }),
    );
    await phase('Rollout status JSON patch, next version', (i) =>
      kube.jsonPatch(
        Kinds.Rollout,
        NS,
        `app-${i}`,
        [{ op: 'replace', path: '/status', value: firstStatus('v3') }],
        {
          status: true,
        },
      ),
    );
    await phase('Rollout status server-side apply, next version', (i) =>
      kube.apply(
        Kinds.Rollout,
        {
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'Rollout',
          metadata: { name: `app-${i}`, namespace: NS },
          status: firstStatus('v5'),
        } as never,
        { status: true, force: true },
      ),
    );
    // What watchers cost per write: the same patch while `watchers` informers watch every Rollout.
    const informers = Array.from({ length: opts.watchers }, () => new Informer(kube, Kinds.Rollout));
    await Promise.all(informers.map((w) => w.start()));
    try {
      await phase(`Rollout status merge patch, ${opts.watchers} watchers`, (i) =>
        kube.mergePatch(Kinds.Rollout, NS, `app-${i}`, { status: firstStatus('v4') }, { status: true }),
      );
    } finally {
      for (const w of informers) w.stop();
    }
    results.loadAverageEnd = loadavg();
    return results;
  } finally {
    kube.close();
    await cluster.close();
  }
}

function cliOptions(): { requests: number; inFlight: number; watchers: number } {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a.startsWith('--')),
    options: { requests: { type: 'string' }, 'in-flight': { type: 'string' }, watchers: { type: 'string' } },
    strict: false,
  });
  const num = (v: unknown, d: number) => (typeof v === 'string' && v !== '' ? Number(v) : d);
  return {
    requests: num(values.requests, 1000),
    inFlight: num(values['in-flight'], 16),
    watchers: num(values.watchers, 4),
  };
}
