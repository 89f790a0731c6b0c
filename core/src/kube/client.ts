// Typed access to every kind we use. Every call maps failures to KubeError.
import type { KubeObject } from '../model/index.js';
import { type KubeConfigOptions, type LoadedKubeConfig, loadKubeConfig } from './config.js';
import { KubeError } from './errors.js';
import { type ResourceKind, apiVersionOf, resourcePath } from './kinds.js';
import { type RequestContext, toKubeError } from './map-error.js';
import { Transport, type TransportStats, type WatchHandle } from './transport.js';

export const FIELD_MANAGER = 'kuberik';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** kubectl's default --chunk-size. */
export const LIST_CHUNK = 500;

interface ListPage<T> {
  items?: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export interface ObjectList<T> {
  items: T[];
  resourceVersion: string;
}

export interface PatchOptions {
  /** Guards the write: 409 Conflict when the object changed since. */
  resourceVersion?: string;
  /** Write the status subresource. */
  status?: boolean;
  /** Field manager of the write (default `kuberik`); simulated controllers name themselves. */
  fieldManager?: string;
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
}

export interface Kube {
  readonly config: LoadedKubeConfig;
  /** The effective default namespace. */
  readonly namespace: string;
  readonly stats: TransportStats;
  get<T extends KubeObject>(kind: ResourceKind<T>, namespace: string | undefined, name: string): Promise<T>;
  /** get that answers undefined for NotFound. */
  find<T extends KubeObject>(
    kind: ResourceKind<T>,
    namespace: string | undefined,
    name: string,
  ): Promise<T | undefined>;
  list<T extends KubeObject>(kind: ResourceKind<T>, opts?: ListOptions): Promise<ObjectList<T>>;
  create<T extends KubeObject>(kind: ResourceKind<T>, obj: T): Promise<T>;
  /** Replace (PUT); metadata.resourceVersion in obj guards it. */
  replace<T extends KubeObject>(kind: ResourceKind<T>, obj: T): Promise<T>;
  /** RFC 7386 merge patch (application/merge-patch+json). */
  mergePatch<T extends KubeObject>(
    kind: ResourceKind<T>,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: PatchOptions,
  ): Promise<T>;
  /** RFC 6902 JSON patch; a `test` op on /metadata/resourceVersion is added when resourceVersion is given. */
  jsonPatch<T extends KubeObject>(
    kind: ResourceKind<T>,
    namespace: string | undefined,
    name: string,
    ops: Array<{ op: string; path: string; value?: unknown }>,
    opts?: PatchOptions,
  ): Promise<T>;
  /** Server-side apply with field manager `kuberik`. */
  apply<T extends KubeObject>(
    kind: ResourceKind<T>,
    obj: Partial<T> & { metadata: { name: string; namespace?: string } },
    opts?: { force?: boolean; status?: boolean },
  ): Promise<T>;
  delete(
    kind: ResourceKind,
    namespace: string | undefined,
    name: string,
    opts?: { resourceVersion?: string },
  ): Promise<void>;
  watch<T extends KubeObject>(
    kind: ResourceKind<T>,
    opts: WatchOptions,
    onEvent: (ev: WatchEvent<T>) => void,
    onEnd: (err?: KubeError | { code: 410 }) => void,
  ): Promise<WatchHandle>;
  /** Raw POST for review APIs (SelfSubjectReview, SelfSubjectAccessReview). */
  post<T>(path: string, body: unknown, ctx: { resource: string }): Promise<T>;
  close(): void;
}

export function createKube(opts: KubeConfigOptions | LoadedKubeConfig = {}): Kube {
  const config = 'kc' in opts ? opts : loadKubeConfig(opts);
  return new KubeClient(config);
}

class KubeClient implements Kube {
  private readonly t: Transport;
  constructor(readonly config: LoadedKubeConfig) {
    this.t = new Transport(config);
  }
  get namespace(): string {
    return this.config.namespace;
  }
  get stats(): TransportStats {
    return this.t.stats;
  }

  private async call<R>(ctx: Omit<RequestContext, 'server'>, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (e) {
      throw toKubeError(e, { ...ctx, server: this.config.server });
    }
  }

  private ns(kind: ResourceKind, namespace: string | undefined): string | undefined {
    return kind.namespaced ? (namespace ?? this.config.namespace) : undefined;
  }

  get<T extends KubeObject>(kind: ResourceKind<T>, namespace: string | undefined, name: string): Promise<T> {
    const ns = this.ns(kind, namespace);
    return this.call({ verb: 'get', kind, namespace: ns, name }, () =>
      this.t.request<T>('GET', resourcePath(kind, ns, name)),
    );
  }

  async find<T extends KubeObject>(
    kind: ResourceKind<T>,
    namespace: string | undefined,
    name: string,
  ): Promise<T | undefined> {
    try {
      return await this.get(kind, namespace, name);
    } catch (e) {
      if (e instanceof KubeError && e.kind === 'NotFound') return undefined;
      throw e;
    }
  }

  /**
   * Lists in pages of LIST_CHUNK (kubectl's --chunk-size), so --request-timeout bounds each page
   * rather than one answer of any size. The pages are one consistent snapshot; a continue token
   * that expires midway (410) falls back to one unpaged list, as client-go's pager does.
   */
  async list<T extends KubeObject>(kind: ResourceKind<T>, opts: ListOptions = {}): Promise<ObjectList<T>> {
    const ns = kind.namespaced ? opts.namespace : undefined;
    const page = (query: Record<string, string | undefined>) =>
      this.call({ verb: 'list', kind, namespace: ns }, () =>
        this.t.request<ListPage<T>>('GET', resourcePath(kind, ns), {
          query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, ...query },
        }),
      );
    const pages: ListPage<T>[] = [await page({ limit: String(LIST_CHUNK) })];
    for (let next = pages[0]?.metadata?.continue; next; next = pages.at(-1)?.metadata?.continue) {
      try {
        pages.push(await page({ limit: String(LIST_CHUNK), continue: next }));
      } catch (e) {
        if (!(e instanceof KubeError && (e.detail as { code?: unknown } | undefined)?.code === 410)) throw e;
        pages.splice(0, pages.length, await page({}));
      }
    }
    // Lists omit apiVersion/kind on items; put them back so objects are self-describing.
    const items = pages
      .flatMap((p) => p.items ?? [])
      .map((o) => ({ ...o, apiVersion: apiVersionOf(kind), kind: kind.kind }));
    return { items, resourceVersion: pages.at(-1)?.metadata?.resourceVersion ?? '' };
  }

  create<T extends KubeObject>(kind: ResourceKind<T>, obj: T): Promise<T> {
    const ns = this.ns(kind, obj.metadata.namespace);
    const body = { ...obj, apiVersion: apiVersionOf(kind), kind: kind.kind };
    return this.call({ verb: 'create', kind, namespace: ns, name: obj.metadata.name }, () =>
      this.t.request<T>('POST', resourcePath(kind, ns), { body, query: { fieldManager: FIELD_MANAGER } }),
    );
  }

  replace<T extends KubeObject>(kind: ResourceKind<T>, obj: T): Promise<T> {
    const ns = this.ns(kind, obj.metadata.namespace);
    return this.call({ verb: 'update', kind, namespace: ns, name: obj.metadata.name }, () =>
      this.t.request<T>('PUT', resourcePath(kind, ns, obj.metadata.name), {
        body: obj,
        query: { fieldManager: FIELD_MANAGER },
      }),
    );
  }

  mergePatch<T extends KubeObject>(
    kind: ResourceKind<T>,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts: PatchOptions = {},
  ): Promise<T> {
    const ns = this.ns(kind, namespace);
    let body = patch;
    if (opts.resourceVersion) {
      const meta = (patch.metadata ?? {}) as Record<string, unknown>;
      body = { ...patch, metadata: { ...meta, resourceVersion: opts.resourceVersion } };
    }
    return this.call({ verb: 'patch', kind, namespace: ns, name }, () =>
      this.t.request<T>('PATCH', resourcePath(kind, ns, name, opts.status ? 'status' : undefined), {
        body,
        contentType: 'application/merge-patch+json',
        query: { fieldManager: opts.fieldManager ?? FIELD_MANAGER },
      }),
    );
  }

  jsonPatch<T extends KubeObject>(
    kind: ResourceKind<T>,
    namespace: string | undefined,
    name: string,
    ops: Array<{ op: string; path: string; value?: unknown }>,
    opts: PatchOptions = {},
  ): Promise<T> {
    const ns = this.ns(kind, namespace);
    const body = opts.resourceVersion
      ? [{ op: 'test', path: '/metadata/resourceVersion', value: opts.resourceVersion }, ...ops]
      : ops;
    return this.call({ verb: 'patch', kind, namespace: ns, name }, () =>
      this.t.request<T>('PATCH', resourcePath(kind, ns, name, opts.status ? 'status' : undefined), {
        body,
        contentType: 'application/json-patch+json',
        query: { fieldManager: FIELD_MANAGER },
      }),
    );
  }

  apply<T extends KubeObject>(
    kind: ResourceKind<T>,
    obj: Partial<T> & { metadata: { name: string; namespace?: string } },
    opts: { force?: boolean; status?: boolean } = {},
  ): Promise<T> {
    const ns = this.ns(kind, obj.metadata.namespace);
    const body = { ...obj, apiVersion: apiVersionOf(kind), kind: kind.kind };
    return this.call({ verb: 'patch', kind, namespace: ns, name: obj.metadata.name }, () =>
      this.t.request<T>(
        'PATCH',
        resourcePath(kind, ns, obj.metadata.name, opts.status ? 'status' : undefined),
        {
          body,
          contentType: 'application/apply-patch+yaml',
          query: { fieldManager: FIELD_MANAGER, force: opts.force ? true : undefined },
        },
      ),
    );
  }

  async delete(
    kind: ResourceKind,
    namespace: string | undefined,
    name: string,
    opts: { resourceVersion?: string } = {},
  ): Promise<void> {
    const ns = this.ns(kind, namespace);
    await this.call({ verb: 'delete', kind, namespace: ns, name }, () =>
      this.t.request('DELETE', resourcePath(kind, ns, name), {
        body: opts.resourceVersion
          ? {
              kind: 'DeleteOptions',
              apiVersion: 'v1',
              preconditions: { resourceVersion: opts.resourceVersion },
            }
          : undefined,
      }),
    );
  }

  async watch<T extends KubeObject>(
    kind: ResourceKind<T>,
    opts: WatchOptions,
    onEvent: (ev: WatchEvent<T>) => void,
    onEnd: (err?: KubeError | { code: 410 }) => void,
  ): Promise<WatchHandle> {
    const ns = kind.namespaced ? opts.namespace : undefined;
    const ctx = { verb: 'watch', kind, namespace: ns, server: this.config.server };
    try {
      return await this.t.watch(
        resourcePath(kind, ns),
        {
          resourceVersion: opts.resourceVersion,
          labelSelector: opts.labelSelector,
          fieldSelector: opts.fieldSelector,
          timeoutSeconds: opts.timeoutSeconds,
          allowWatchBookmarks: opts.allowWatchBookmarks,
        },
        (ev) => onEvent(ev as WatchEvent<T>),
        (err) => {
          if (err === undefined) onEnd();
          else if ((err as { code?: unknown }).code === 410) onEnd({ code: 410 });
          else onEnd(toKubeError(err, ctx));
        },
      );
    } catch (e) {
      throw toKubeError(e, ctx);
    }
  }

  post<T>(path: string, body: unknown, ctx: { resource: string }): Promise<T> {
    return this.call({ verb: 'create', resource: ctx.resource }, () =>
      this.t.request<T>('POST', path, { body }),
    );
  }

  close(): void {
    this.t.close();
  }
}
