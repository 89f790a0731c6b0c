// Simulated image-reflector-controller: moves an ImagePolicy to a new tag, on request (publish()),
// from kubectl (`sandbox.kuberik.com/publish`), or as a timed series (`every` + `tags`).
import { parseDuration } from '../../engine/duration.js';
import type { StoredObject } from '../types.js';
import { IMAGE_POLICY_API, IMAGE_REPOSITORY_API, SimAnnotations, splitList } from './annotations.js';
import { rfc3339, type SimulatorClock, type TimerHandle } from './clock.js';
import { withCondition } from './conditions.js';
import { fakeDigest } from './digest.js';
import type { FluxStore } from './store.js';
import { ReconcileQueue } from './reconcile-queue.js';

export interface PolicyRef {
  namespace: string;
  name: string;
}

/** Docker's tag grammar; anything else is refused rather than written into status. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

interface Series {
  signature: string;
  timer?: TimerHandle;
}

const keyOf = (ref: PolicyRef): string => `${ref.namespace}/${ref.name}`;
const refOf = (key: string): PolicyRef => {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
};

export class ImageReflector {
  private readonly queue: ReconcileQueue;
  private readonly series = new Map<string, Series>();
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly store: FluxStore,
    private readonly clock: SimulatorClock,
    private readonly log: (message: string) => void,
  ) {
    this.queue = new ReconcileQueue((key) => this.reconcile(refOf(key)), log);
  }

  start(): void {
    this.unwatch = this.store.watch(IMAGE_POLICY_API, 'ImagePolicy', (type, obj) => {
      const ref = { namespace: obj.metadata?.namespace ?? '', name: obj.metadata?.name ?? '' };
      if (type === 'DELETED') this.cancelSeries(keyOf(ref));
      else this.queue.add(keyOf(ref));
    });
    for (const policy of this.store.list(IMAGE_POLICY_API, 'ImagePolicy')) {
      this.queue.add(
        keyOf({ namespace: policy.metadata?.namespace ?? '', name: policy.metadata?.name ?? '' }),
      );
    }
  }

  settled(): Promise<void> {
    return this.queue.settled();
  }

  stop(): void {
    this.unwatch?.();
    this.queue.stop();
    for (const key of [...this.series.keys()]) this.cancelSeries(key);
  }

  /** Sets status.latestRef to `tag` (Flux's v1 ImagePolicy; v1beta2 is no longer served). */
  publish(ref: PolicyRef, tag: string): void {
    if (typeof tag !== 'string' || !TAG.test(tag)) {
      throw new Error(
        `cannot publish ${JSON.stringify(tag)} to ImagePolicy ${keyOf(ref)}: not a valid image tag`,
      );
    }
    const policy = this.store.get(IMAGE_POLICY_API, 'ImagePolicy', ref.name, ref.namespace);
    if (!policy) throw new Error(`ImagePolicy ${keyOf(ref)} not found`);
    const image = this.imageName(policy);
    const status = (policy.status ?? {}) as Record<string, unknown>;
    const latestRef = { name: image, tag, digest: fakeDigest(tag) };
    const conditions = withCondition(
      status.conditions,
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: `Latest image tag for ${image} resolved to ${tag}`,
        ...(policy.metadata?.generation !== undefined
          ? { observedGeneration: policy.metadata.generation }
          : {}),
      },
      rfc3339(this.clock.now()),
    );
    const patch = {
      status: {
        latestRef,
        ...(policy.metadata?.generation !== undefined
          ? { observedGeneration: policy.metadata.generation }
          : {}),
        conditions,
      },
    };
    this.store.patch(IMAGE_POLICY_API, 'ImagePolicy', ref.name, ref.namespace, patch, {
      subresource: 'status',
      fieldManager: 'image-reflector-controller',
    });
  }

  /** The image a policy's tags belong to: its ImageRepository's spec.image, else a name for it. */
  private imageName(policy: StoredObject): string {
    const spec = (policy.spec ?? {}) as { imageRepositoryRef?: { name?: unknown; namespace?: unknown } };
    const repoRef = spec.imageRepositoryRef;
    const repoName = typeof repoRef?.name === 'string' ? repoRef.name : undefined;
    if (repoName) {
      const repoNs = typeof repoRef?.namespace === 'string' ? repoRef.namespace : policy.metadata?.namespace;
      const repo = this.store.get(IMAGE_REPOSITORY_API, 'ImageRepository', repoName, repoNs);
      const image = (repo?.spec as { image?: unknown } | undefined)?.image;
      return typeof image === 'string' && image ? image : repoName;
    }
    return policy.metadata?.name ?? 'image';
  }

  private reconcile(ref: PolicyRef): void {
    const policy = this.store.get(IMAGE_POLICY_API, 'ImagePolicy', ref.name, ref.namespace);
    if (!policy || policy.metadata?.deletionTimestamp) {
      this.cancelSeries(keyOf(ref));
      return;
    }
    const annotations = policy.metadata?.annotations ?? {};
    const requested = annotations[SimAnnotations.publish];
    if (requested !== undefined) {
      try {
        if (this.currentTag(policy) !== requested.trim()) this.publish(ref, requested.trim());
      } catch (err) {
        this.log(
          `flux simulator: ${SimAnnotations.publish} on ImagePolicy ${keyOf(ref)}: ${(err as Error).message}`,
        );
      }
      // Removed even when refused, so a bad value does not stay around looking pending.
      this.store.patch(IMAGE_POLICY_API, 'ImagePolicy', ref.name, ref.namespace, {
        metadata: { annotations: { [SimAnnotations.publish]: null } },
      });
    }
    this.syncSeries(ref, policy);
  }

  private currentTag(policy: StoredObject): string | undefined {
    const tag = (policy.status as { latestRef?: { tag?: unknown } } | undefined)?.latestRef?.tag;
    return typeof tag === 'string' ? tag : undefined;
  }

  /** Starts, restarts or cancels the timed series to match the annotations. */
  private syncSeries(ref: PolicyRef, policy: StoredObject): void {
    const key = keyOf(ref);
    const annotations = policy.metadata?.annotations ?? {};
    const every = annotations[SimAnnotations.every];
    const tags = splitList(annotations[SimAnnotations.tags]);
    if (every === undefined || tags.length === 0) {
      this.cancelSeries(key);
      return;
    }
    const signature = `${every}|${tags.join(',')}`;
    if (this.series.get(key)?.signature === signature) return;
    this.cancelSeries(key);
    const series: Series = { signature };
    this.series.set(key, series);
    const interval = parseDuration(every);
    if (interval === undefined || interval <= 0) {
      this.log(
        `flux simulator: ImagePolicy ${key}: ${SimAnnotations.every} "${every}" is not a positive Go duration`,
      );
      return;
    }
    // Resume after the tag already published, so a restarted sandbox does not replay the series.
    const current = this.currentTag(policy);
    const next = current === undefined ? 0 : tags.lastIndexOf(current) + 1;
    const step = (index: number): void => {
      if (index >= tags.length) return;
      series.timer = this.clock.setTimeout(() => {
        series.timer = undefined;
        if (this.series.get(key) !== series) return;
        try {
          this.publish(ref, tags[index] as string);
        } catch (err) {
          this.log(`flux simulator: series on ImagePolicy ${key}: ${(err as Error).message}`);
        }
        step(index + 1);
      }, interval);
    };
    step(next);
  }

  private cancelSeries(key: string): void {
    const series = this.series.get(key);
    if (series?.timer !== undefined) this.clock.clearTimeout(series.timer);
    this.series.delete(key);
  }
}
