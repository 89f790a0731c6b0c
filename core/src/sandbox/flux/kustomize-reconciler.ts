// Simulated kustomize-controller: a spec change (metadata.generation > status.observedGeneration)
// goes Ready=Unknown/Progressing, then after a delay Ready=True/ReconciliationSucceeded, or
// Ready=False/HealthCheckFailed when a substituted value matches `sandbox.kuberik.com/fail-versions`.
import { parseDuration } from '../../engine/duration.js';
import type { StoredObject } from '../types.js';
import { KUSTOMIZATION_API, SimAnnotations, splitList } from './annotations.js';
import { rfc3339, type SimulatorClock, type TimerHandle } from './clock.js';
import { findCondition, withCondition } from './conditions.js';
import { fakeRevision } from './digest.js';
import { matchingGlob } from './glob.js';
import type { FluxStore } from './store.js';
import { ReconcileQueue } from './reconcile-queue.js';

export const DEFAULT_RECONCILE_DELAY_MS = 3000;

interface Pending {
  generation: number;
  timer: TimerHandle;
}

/** Go's Duration.String() for the delays we use: `3s`, `1.5s`, `250ms`, `0s`. */
const durationText = (ms: number): string => (ms > 0 && ms < 1000 ? `${ms}ms` : `${ms / 1000}s`);

const split = (key: string): [string, string] => {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
};

export class KustomizeReconciler {
  private readonly queue: ReconcileQueue;
  private readonly pending = new Map<string, Pending>();
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly store: FluxStore,
    private readonly clock: SimulatorClock,
    private readonly defaultDelayMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.queue = new ReconcileQueue((key) => this.reconcile(key), log);
  }

  start(): void {
    this.unwatch = this.store.watch(KUSTOMIZATION_API, 'Kustomization', (type, obj) => {
      const key = `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
      if (type === 'DELETED') this.cancel(key);
      else this.queue.add(key);
    });
    for (const k of this.store.list(KUSTOMIZATION_API, 'Kustomization')) {
      this.queue.add(`${k.metadata?.namespace ?? ''}/${k.metadata?.name ?? ''}`);
    }
  }

  settled(): Promise<void> {
    return this.queue.settled();
  }

  stop(): void {
    this.unwatch?.();
    this.queue.stop();
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private reconcile(key: string): void {
    const [namespace, name] = split(key);
    const k = this.store.get(KUSTOMIZATION_API, 'Kustomization', name, namespace);
    if (
      !k ||
      k.metadata?.deletionTimestamp ||
      (k.spec as { suspend?: unknown } | undefined)?.suspend === true
    ) {
      this.cancel(key);
      return;
    }
    const generation = k.metadata?.generation ?? 0;
    const status = (k.status ?? {}) as { observedGeneration?: unknown; conditions?: unknown };
    const observed = typeof status.observedGeneration === 'number' ? status.observedGeneration : -1;
    if (generation <= observed) {
      this.cancel(key);
      return;
    }
    if (this.pending.get(key)?.generation === generation) return;

    // A newer spec while an older one was still "applying": start over for the newest.
    this.cancel(key);
    const ready = findCondition(status.conditions, 'Ready');
    if (ready?.status !== 'Unknown' || ready.reason !== 'Progressing') {
      this.writeStatus(k, {
        conditions: withCondition(
          status.conditions,
          { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress' },
          rfc3339(this.clock.now()),
        ),
      });
    }
    const delayMs = this.delayFor(k);
    const timer = this.clock.setTimeout(() => {
      if (this.pending.get(key)?.timer !== timer) return;
      this.pending.delete(key);
      try {
        this.finish(key, generation, delayMs);
      } catch (err) {
        this.log(`flux simulator: Kustomization ${key}: ${(err as Error).message}`);
      }
    }, delayMs);
    this.pending.set(key, { generation, timer });
  }

  /** The applied outcome for `generation`, unless the object moved on meanwhile. */
  private finish(key: string, generation: number, delayMs: number): void {
    const [namespace, name] = split(key);
    const k = this.store.get(KUSTOMIZATION_API, 'Kustomization', name, namespace);
    if (!k || k.metadata?.deletionTimestamp) return;
    if ((k.metadata?.generation ?? 0) !== generation) {
      this.queue.add(key);
      return;
    }
    const status = (k.status ?? {}) as { conditions?: unknown };
    const revision = fakeRevision(k.spec);
    const failure = this.failure(k, delayMs);
    const now = rfc3339(this.clock.now());
    if (failure) {
      this.writeStatus(k, {
        observedGeneration: generation,
        lastAttemptedRevision: revision,
        conditions: withCondition(
          status.conditions,
          {
            type: 'Ready',
            status: 'False',
            reason: 'HealthCheckFailed',
            message: failure,
            observedGeneration: generation,
          },
          now,
        ),
      });
    } else {
      this.writeStatus(k, {
        observedGeneration: generation,
        lastAppliedRevision: revision,
        lastAttemptedRevision: revision,
        conditions: withCondition(
          status.conditions,
          {
            type: 'Ready',
            status: 'True',
            reason: 'ReconciliationSucceeded',
            message: `Applied revision: ${revision}`,
            observedGeneration: generation,
          },
          now,
        ),
      });
    }
  }

  /** Why health fails for this spec, or undefined when it passes. */
  private failure(k: StoredObject, delayMs: number): string | undefined {
    const globs = splitList(k.metadata?.annotations?.[SimAnnotations.failVersions]);
    if (globs.length === 0) return undefined;
    const substitute = (k.spec as { postBuild?: { substitute?: unknown } } | undefined)?.postBuild
      ?.substitute;
    if (!substitute || typeof substitute !== 'object') return undefined;
    for (const [variable, value] of Object.entries(substitute)) {
      if (typeof value !== 'string') continue;
      const glob = matchingGlob(value, globs);
      if (glob !== undefined) {
        return `health check failed after ${durationText(delayMs)}: ${variable}=${value} matches ${SimAnnotations.failVersions} "${glob}" (simulated)`;
      }
    }
    return undefined;
  }

  private delayFor(k: StoredObject): number {
    const text = k.metadata?.annotations?.[SimAnnotations.reconcileDelay];
    if (text === undefined) return this.defaultDelayMs;
    const ms = parseDuration(text.trim());
    if (ms === undefined || ms < 0) {
      this.log(
        `flux simulator: Kustomization ${k.metadata?.namespace}/${k.metadata?.name}: ${SimAnnotations.reconcileDelay} "${text}" is not a Go duration; using ${this.defaultDelayMs}ms`,
      );
      return this.defaultDelayMs;
    }
    return ms;
  }

  private writeStatus(k: StoredObject, status: Record<string, unknown>): void {
    this.store.patch(
      KUSTOMIZATION_API,
      'Kustomization',
      k.metadata?.name ?? '',
      k.metadata?.namespace,
      { status },
      {
        subresource: 'status',
        fieldManager: 'kustomize-controller',
      },
    );
  }

  private cancel(key: string): void {
    const p = this.pending.get(key);
    if (p) this.clock.clearTimeout(p.timer);
    this.pending.delete(key);
  }
}
