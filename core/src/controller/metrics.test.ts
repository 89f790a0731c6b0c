import { describe, expect, it } from 'vitest';
import type { RolloutSnapshot } from '../driver/api.js';
import { KubeError } from '../kube/errors.js';
import type { Rollout, RolloutStatus } from '../model/index.js';
import { ControllerMetrics } from './metrics.js';

const t0 = Date.UTC(2026, 10, 27, 12, 0, 0);
function snap(name: string, status: RolloutStatus, driving: boolean, sec = 0): RolloutSnapshot {
  const rollout = {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: 'default' },
    spec: { releasesImagePolicy: { name } },
    status,
  } as Rollout;
  return {
    key: { namespace: 'default', name },
    rollout,
    gates: [],
    healthChecks: [],
    lease: { driving, holder: driving ? 'me' : 'other' },
    observedAt: new Date(t0 + sec * 1000),
  };
}

async function scrape(m: ControllerMetrics): Promise<string> {
  return m.registry.metrics();
}

describe('ControllerMetrics', () => {
  it('exports phase only for driven rollouts and moves the series with the phase', async () => {
    const m = new ControllerMetrics({ processMetrics: false });
    m.onDriverEvent({ type: 'snapshot', snapshot: snap('a', { phase: 'WaitingForGates' }, true) });
    m.onDriverEvent({ type: 'snapshot', snapshot: snap('b', { phase: 'Baking' }, false) });
    let text = await scrape(m);
    expect(text).toContain(
      'kuberik_rollout_phase{namespace="default",rollout="a",phase="WaitingForGates"} 1',
    );
    expect(text).not.toContain('rollout="b"');
    expect(text).toContain('kuberik_leases_held 1');
    expect(text).toContain('kuberik_rollouts 2');

    m.onDriverEvent({ type: 'snapshot', snapshot: snap('a', { phase: 'Deploying' }, true) });
    m.onDriverEvent({ type: 'snapshot', snapshot: snap('b', { phase: 'Baking' }, true) });
    text = await scrape(m);
    expect(text).not.toContain('phase="WaitingForGates"');
    expect(text).toContain('kuberik_rollout_phase{namespace="default",rollout="a",phase="Deploying"} 1');
    expect(text).toContain('kuberik_rollout_phase{namespace="default",rollout="b",phase="Baking"} 1');
    expect(text).toContain('kuberik_leases_held 2');

    m.onDriverEvent({ type: 'snapshot', snapshot: snap('a', { phase: 'Deploying' }, false) });
    m.onDriverEvent({ type: 'removed', key: { namespace: 'default', name: 'b' } });
    text = await scrape(m);
    expect(text).not.toContain('kuberik_rollout_phase{');
    expect(text).toContain('kuberik_leases_held 0');
    expect(text).toContain('kuberik_rollouts 1');
  });

  it('observes approval waits and bake outcomes of driven rollouts', async () => {
    const m = new ControllerMetrics({ processMetrics: false });
    const gate = (decision: 'Pending' | 'Approved') => [
      { name: 'g', kind: 'RolloutGate' as const, decision, message: '' },
    ];
    const history = (bakeStatus: 'InProgress' | 'Succeeded') => [
      { id: 1, version: { tag: 'v1' }, timestamp: '', bakeStatus },
    ];
    m.onDriverEvent({
      type: 'snapshot',
      snapshot: snap(
        'a',
        { pendingVersion: 'v2', gates: gate('Pending'), history: history('InProgress') },
        true,
        0,
      ),
    });
    m.onDriverEvent({
      type: 'snapshot',
      snapshot: snap(
        'a',
        { pendingVersion: 'v2', gates: gate('Approved'), history: history('Succeeded') },
        true,
        90,
      ),
    });
    const text = await scrape(m);
    expect(text).toContain('kuberik_approval_wait_seconds_sum 90');
    expect(text).toContain('kuberik_approval_wait_seconds_count 1');
    expect(text).toContain('kuberik_approval_wait_seconds_bucket{le="60"} 0');
    expect(text).toContain('kuberik_approval_wait_seconds_bucket{le="300"} 1');
    expect(text).toContain('kuberik_bake_outcomes_total{result="Succeeded"} 1');
  });

  it('counts errors by kind, lifecycle events by reason, and reads reconciles from the driver at scrape time', async () => {
    let stats = { reconciles: 3, requests: 10, queueDepth: 4 };
    const m = new ControllerMetrics({ processMetrics: false, stats: () => stats });
    m.onDriverEvent({ type: 'error', error: new KubeError('Forbidden', 'no') });
    m.onDriverEvent({ type: 'error', error: new KubeError('Forbidden', 'no') });
    m.onDriverEvent({
      type: 'event',
      key: { namespace: 'default', name: 'a' },
      event: { type: 'Normal', reason: 'Deployed', message: 'v2' },
      at: new Date(t0),
    });
    let text = await scrape(m);
    expect(text).toContain('kuberik_reconcile_errors_total{kind="Forbidden"} 2');
    expect(text).toContain('kuberik_lifecycle_events_total{reason="Deployed"} 1');
    expect(text).toContain('kuberik_reconciles_total 3');
    expect(text).toContain('kuberik_api_requests_total 10');
    expect(text).toContain('kuberik_queue_depth 4');
    stats = { reconciles: 8, requests: 12, queueDepth: 0 };
    text = await scrape(m);
    expect(text).toContain('kuberik_reconciles_total 8');
    expect(text).toContain('kuberik_queue_depth 0');
  });

  it('includes Node process metrics unless asked not to', async () => {
    expect(await scrape(new ControllerMetrics())).toContain('kuberik_process_resident_memory_bytes');
  });
});
