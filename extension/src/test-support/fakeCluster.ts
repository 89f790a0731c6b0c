// A fake cluster behind the ClusterAccess seam, for unit tests and the benchmark: a driver whose events
// the test emits, actions that record their calls (or fail with a given KubeError), canI verdicts by table.
import {
  createActions,
  type ActionRequest,
  type ActionResult,
  type ApproveOptions,
  type PreparedAction,
  type PrepareOptions,
  type RolloutActions,
} from '@kuberik/core/actions';
import type { Kube } from '@kuberik/core/kube';
import type { Driver, DriverEvent, RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import type {
  DeploymentHistoryEntry,
  HealthCheck,
  Rollout,
  RolloutGateSummary,
  RolloutPhase,
  RolloutStatus,
} from '@kuberik/core/model';
import type { ClusterAccess, ClusterConnection } from '../cluster/connection.js';
import type { AccessCheck, Verdict } from '../cluster/permissions.js';

export class FakeDriver implements Driver {
  private readonly listeners = new Set<(e: DriverEvent) => void>();
  private readonly byKey = new Map<string, RolloutSnapshot>();
  started = false;
  stopped = false;
  constructor(initial: RolloutSnapshot[] = []) {
    for (const s of initial) this.byKey.set(`${s.key.namespace}/${s.key.name}`, s);
  }
  async start(): Promise<void> {
    this.started = true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  subscribe(l: (e: DriverEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  snapshots(): RolloutSnapshot[] {
    return [...this.byKey.values()];
  }
  snapshot(key: RolloutKey): RolloutSnapshot | undefined {
    return this.byKey.get(`${key.namespace}/${key.name}`);
  }
  emit(e: DriverEvent): void {
    if (e.type === 'snapshot')
      this.byKey.set(`${e.snapshot.key.namespace}/${e.snapshot.key.name}`, e.snapshot);
    if (e.type === 'removed') this.byKey.delete(`${e.key.namespace}/${e.key.name}`);
    for (const l of [...this.listeners]) l(e);
  }
}

/** Core's actions over a Kube that refuses every request: only checks that need none can pass. */
const offlineCore = createActions({
  kube: new Proxy({} as Kube, {
    get: () => () => Promise.reject(new Error('the fake cluster makes no requests')),
  }),
  identity: 'fake',
});

export type ActionCall = { action: keyof RolloutActions; key: RolloutKey; args: unknown[] };

export class FakeActions implements RolloutActions {
  readonly calls: ActionCall[] = [];
  /** When set, the next call rejects with it (e.g. a KubeError('Forbidden', …)). */
  failWith: Error | undefined;
  private async record(
    action: keyof RolloutActions,
    key: RolloutKey,
    args: unknown[],
    summary: string,
  ): Promise<ActionResult> {
    this.calls.push({ action, key, args });
    const err = this.failWith;
    this.failWith = undefined;
    if (err) throw err;
    return { summary, changed: ['x'] };
  }
  /**
   * Checks like core on the given rollout (core's own checks: those need no request) except for
   * approve/deny, which would list gates; its commit records the call instead of writing.
   */
  async prepare(key: RolloutKey, request: ActionRequest, opts: PrepareOptions = {}): Promise<PreparedAction> {
    const verdict = request.action === 'approve' || request.action === 'deny';
    const checked = opts.rollout && !verdict ? await offlineCore.prepare(key, request, opts) : undefined;
    const asked = 'version' in request ? request.version : 'to' in request ? request.to : undefined;
    const version = checked?.version ?? asked;
    const resolved = request.action === 'rollback' ? { ...request, to: version } : request;
    return {
      rollout: opts.rollout ?? ({ metadata: { name: key.name, namespace: key.namespace } } as Rollout),
      version,
      commit: async () => ({ result: await this.dispatch(key, resolved) }),
    };
  }
  private dispatch(key: RolloutKey, r: ActionRequest): Promise<ActionResult> {
    switch (r.action) {
      case 'approve':
      case 'deny':
        return this[r.action](key, { version: r.version, gate: r.gate, message: r.message });
      case 'deploy':
      case 'bypassGates':
        return this[r.action](key, r.version, { message: r.message });
      case 'pin':
        return this.pin(key, r.version, { message: r.message, allowUnknown: r.allowUnknown });
      case 'rollback':
        return this.rollback(key, { to: r.to, message: r.message });
      default:
        return this[r.action](key);
    }
  }
  approve(key: RolloutKey, opts?: ApproveOptions) {
    return this.record(
      'approve',
      key,
      [opts],
      `${opts?.version} approved${opts?.gate ? ` on ${opts.gate}` : ''}`,
    );
  }
  deny(key: RolloutKey, opts?: ApproveOptions) {
    return this.record('deny', key, [opts], `${opts?.version} denied${opts?.gate ? ` on ${opts.gate}` : ''}`);
  }
  deploy(key: RolloutKey, version: string, opts?: { message?: string }) {
    return this.record('deploy', key, [version, opts], `${version} will be deployed on ${key.name}`);
  }
  bypassGates(key: RolloutKey, version: string, opts?: { message?: string }) {
    return this.record('bypassGates', key, [version, opts], `gates bypassed for ${version} on ${key.name}`);
  }
  pin(key: RolloutKey, version: string, opts?: { message?: string; allowUnknown?: boolean }) {
    return this.record('pin', key, [version, opts], `${key.name} pinned to ${version}`);
  }
  unpin(key: RolloutKey) {
    return this.record('unpin', key, [], `${key.name} unpinned`);
  }
  rollback(key: RolloutKey, opts?: { to?: string; message?: string }) {
    return this.record('rollback', key, [opts], `${key.name} rolled back to ${opts?.to}`);
  }
  retry(key: RolloutKey) {
    return this.record('retry', key, [], `${key.name} retrying`);
  }
  unblock(key: RolloutKey) {
    return this.record('unblock', key, [], `${key.name} unblocked`);
  }
}

export interface FakeClusterOptions {
  snapshots?: RolloutSnapshot[];
  /** `namespace verb resource` → verdict; absent = allowed. */
  denied?: Record<string, string>;
  context?: string;
  connectError?: Error;
  namespaces?: string[];
}

export class FakeCluster implements ClusterAccess {
  readonly driver: FakeDriver;
  readonly actions = new FakeActions();
  readonly driven: FakeDriver[] = [];
  readonly observedScopes: (readonly string[])[] = [];
  connects = 0;
  constructor(private readonly opts: FakeClusterOptions = {}) {
    this.driver = new FakeDriver(opts.snapshots);
  }
  async connect(): Promise<ClusterConnection> {
    this.connects++;
    if (this.opts.connectError) throw this.opts.connectError;
    return {
      context: this.opts.context ?? 'kind-dev',
      server: 'https://127.0.0.1:6443',
      observe: (namespaces) => {
        this.observedScopes.push(namespaces);
        return this.driver;
      },
      drive: (key) => {
        const d = new FakeDriver([this.driver.snapshot(key)].filter((s): s is RolloutSnapshot => !!s));
        this.driven.push(d);
        return d;
      },
      actions: this.actions,
      canI: async (check: AccessCheck, namespace: string): Promise<Verdict> => {
        const reason = this.opts.denied?.[`${namespace} ${check.verb} ${check.resource}`];
        return reason ? { allowed: false, reason } : { allowed: true };
      },
      listNamespaces: async () => this.opts.namespaces ?? ['team-a', 'team-b'],
      close: () => undefined,
    };
  }
  async contexts() {
    return { names: ['kind-dev', 'prod'], current: 'kind-dev' };
  }
}

export interface SnapshotSpec {
  namespace?: string;
  name?: string;
  phase?: RolloutPhase;
  current?: string;
  pending?: string;
  gates?: RolloutGateSummary[];
  history?: DeploymentHistoryEntry[];
  releases?: string[];
  healthChecks?: HealthCheck[];
  wantedVersion?: string;
  bakeTime?: string;
  deployTimeout?: string;
  status?: Partial<RolloutStatus>;
  driving?: boolean;
  holder?: string;
}

export function snapshot(spec: SnapshotSpec = {}): RolloutSnapshot {
  const namespace = spec.namespace ?? 'team-a';
  const name = spec.name ?? 'my-app';
  const rollout: Rollout = {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace, resourceVersion: '1' },
    spec: {
      releasesImagePolicy: { name },
      wantedVersion: spec.wantedVersion,
      bakeTime: spec.bakeTime,
      deployTimeout: spec.deployTimeout,
    },
    status: {
      phase: spec.phase,
      currentVersion: spec.current,
      pendingVersion: spec.pending,
      gates: spec.gates,
      history: spec.history,
      availableReleases: (spec.releases ?? []).map((tag) => ({ tag })),
      ...spec.status,
    },
  };
  return {
    key: { namespace, name },
    rollout,
    gates: [],
    healthChecks: spec.healthChecks ?? [],
    lease: { driving: spec.driving ?? false, holder: spec.holder },
    observedAt: new Date('2026-01-01T00:00:00Z'),
  };
}

export const gate = (
  name: string,
  decision: RolloutGateSummary['decision'],
  extra: Partial<RolloutGateSummary> = {},
): RolloutGateSummary => ({
  name,
  namespace: 'team-a',
  kind: 'RolloutGate',
  decision,
  message: `${decision}`,
  ...extra,
});

export const entry = (
  id: number,
  tag: string,
  extra: Partial<DeploymentHistoryEntry> = {},
): DeploymentHistoryEntry => ({
  id,
  version: { tag },
  timestamp: '2026-01-01T10:00:00Z',
  ...extra,
});
