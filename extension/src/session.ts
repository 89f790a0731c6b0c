// One connection to one cluster context: the observing driver behind the tree, the actions API and
// the RBAC cache. Reconnects when the kubeconfig, context or namespace settings change. VS Code-free.
import type { RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import { errorMessage, isKubeError } from './errors.js';
import type { ClusterAccess, ClusterConnection } from './cluster/connection.js';
import { PermissionCache } from './cluster/permissionCache.js';
import type { Notice } from './live/notices.js';
import { RolloutFeed } from './live/rolloutFeed.js';
import type { Settings } from './settings.js';
import type { TreeState } from './tree/children.js';
import { RolloutIndex, type IndexChange } from './tree/rolloutIndex.js';

export interface SessionListener {
  changed(change: IndexChange | 'all'): void;
  notice(n: Notice): void;
  /** A one-line problem the user should see once (lost watch, denied list). */
  problem(message: string): void;
}

export class Session {
  connection: ClusterConnection | undefined;
  permissions: PermissionCache | undefined;
  private feed: RolloutFeed | undefined;
  private generation = 0;
  readonly state: TreeState = { index: new RolloutIndex(), namespaces: [], loading: true };

  constructor(
    private readonly access: ClusterAccess,
    private readonly listener: SessionListener,
  ) {}

  /** (Re)connects with these settings; resolves when the first list arrived or the error is shown. */
  async connect(settings: Settings): Promise<void> {
    const generation = ++this.generation;
    await this.disconnect();
    Object.assign(this.state, {
      index: new RolloutIndex(),
      namespaces: settings.namespaces,
      loading: true,
      error: undefined,
      context: undefined,
      server: undefined,
    });
    this.listener.changed('all');
    try {
      const connection = await this.access.connect({
        kubeconfig: settings.kubeconfig,
        context: settings.context,
      });
      if (generation !== this.generation) return connection.close();
      this.connection = connection;
      this.state.context = connection.context;
      this.state.server = connection.server;
      this.permissions = new PermissionCache(
        (check, ns) => connection.canI(check, ns),
        (ns) => this.listener.changed({ type: 'namespace', namespace: ns, namespaceAddedOrRemoved: false }),
      );
      const feed = new RolloutFeed(connection.observe(settings.namespaces), {
        changed: (c) => this.listener.changed(c),
        notice: (n) => this.listener.notice(n),
        error: (e) => this.listener.problem(errorMessage(e)),
      });
      this.feed = feed;
      this.state.index = feed.index;
      await feed.start();
    } catch (e) {
      if (generation !== this.generation) return;
      this.state.error = {
        text: errorMessage(e),
        detail: e instanceof Error ? e.message : undefined,
        noConfig: isKubeError(e, 'NoConfig'),
      };
    } finally {
      if (generation === this.generation) {
        this.state.loading = false;
        this.listener.changed('all');
      }
    }
  }

  snapshot(key: RolloutKey): RolloutSnapshot | undefined {
    return this.state.index.get(key);
  }

  async disconnect(): Promise<void> {
    const { feed, connection } = this;
    this.feed = undefined;
    this.connection = undefined;
    this.permissions = undefined;
    await feed?.stop().catch(() => undefined);
    connection?.close();
  }
}
