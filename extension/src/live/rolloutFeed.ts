// Applies a driver's event stream to the tree's index and turns transitions into notices.
// Live (informer-fed) updates only: there is no polling anywhere in the extension.
import type { Driver, DriverEvent } from '@kuberik/core/driver';
import type { KubeError } from '@kuberik/core/kube';
import { RolloutIndex, type IndexChange } from '../tree/rolloutIndex.js';
import { noticesFor, type Notice } from './notices.js';

export interface FeedListener {
  changed(change: IndexChange | 'all'): void;
  notice(n: Notice): void;
  error(e: KubeError): void;
}

export class RolloutFeed {
  readonly index = new RolloutIndex();
  private started = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly driver: Driver,
    private readonly listener: FeedListener,
  ) {}

  async start(): Promise<void> {
    // Subscribe first so nothing between the first list and start() resolving is lost.
    this.unsubscribe = this.driver.subscribe((e) => this.apply(e));
    await this.driver.start();
    this.index.clear();
    for (const s of this.driver.snapshots()) this.index.put(s);
    this.started = true;
    this.listener.changed('all');
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.driver.stop();
  }

  private apply(e: DriverEvent): void {
    if (e.type === 'error') {
      this.listener.error(e.error);
      return;
    }
    if (!this.started) return; // the first list is read in one go by start()
    if (e.type === 'snapshot') {
      const prev = this.index.get(e.snapshot.key);
      const change = this.index.put(e.snapshot);
      this.listener.changed(change);
      for (const n of noticesFor(prev, e.snapshot)) this.listener.notice(n);
    } else if (e.type === 'removed') {
      const change = this.index.remove(e.key);
      if (change) this.listener.changed(change);
    }
  }
}
