// A list+watch cache of one kind in one scope. Unlike client-node's informer it never gives up:
// any failure (network, 5xx, 403, a dead stream) is reported and retried with backoff; 410 Gone
// re-lists at once; a watch that stays silent past its own timeout is presumed dead and restarted.
import type { KubeObject } from '../model/index.js';
import type { Kube, ListOptions } from './client.js';
import { KubeError } from './errors.js';
import type { ResourceKind } from './kinds.js';
import type { WatchHandle } from './transport.js';

export interface InformerHandlers<T> {
  add?(obj: T): void;
  update?(obj: T, old: T): void;
  delete?(obj: T): void;
  /** A failure the informer is retrying; never fatal. */
  error?(err: KubeError): void;
}

export interface InformerOptions extends ListOptions {
  /** Server-side watch timeout; the server ends the stream cleanly after it and we re-watch. */
  watchTimeoutSeconds?: number;
  /** Restart the watch when nothing (event or bookmark) arrived for this long. Default: timeout + 15 s. */
  watchdogMs?: number;
  maxBackoffMs?: number;
  /**
   * The kind may not be installed (an optional CRD such as Flux's OCIRepository): a 404 on the
   * list means "none", not an error; the informer asks again once a minute, quietly.
   */
  optional?: boolean;
}

export const objectKey = (o: { metadata: { namespace?: string; name: string } }): string =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Numeric compare where both resourceVersions are numbers (etcd revisions); otherwise "newer". */
export function isNewer(candidate?: string, current?: string): boolean {
  if (!current || !candidate) return true;
  const a = Number(candidate);
  const b = Number(current);
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : candidate !== current;
}

export class Informer<T extends KubeObject> {
  private readonly store = new Map<string, T>();
  private readonly indexes = new Map<string, { fn: (obj: T) => string[]; map: Map<string, Set<string>> }>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private rv?: string;
  private stopped = true;
  private watch?: WatchHandle;
  private cancelWatch?: () => void;
  private backoffMs = 0;
  private sleepTimer?: NodeJS.Timeout;
  private wakeSleep?: () => void;
  private syncedFlag = false;
  private deniedError?: KubeError;
  private firstAttempt?: { resolve(): void; promise: Promise<void> };
  /** Number of LIST calls made (tests and bench read it). */
  lists = 0;

  constructor(
    private readonly kube: Kube,
    readonly kind: ResourceKind<T>,
    private readonly opts: InformerOptions = {},
  ) {}

  on(h: InformerHandlers<T>): () => void {
    this.handlers.push(h);
    return () => {
      const i = this.handlers.indexOf(h);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  get synced(): boolean {
    return this.syncedFlag;
  }

  /**
   * The 403 of the last list or watch, until a list works again: the cache may be empty or stale
   * because RBAC forbids reading it, which callers must not mistake for "no objects".
   */
  get denied(): KubeError | undefined {
    return this.deniedError;
  }

  /** The namespace this informer lists (undefined: cluster scope or all namespaces). */
  get namespace(): string | undefined {
    return this.opts.namespace;
  }

  list(): T[] {
    return [...this.store.values()];
  }

  /**
   * A secondary index (like client-go's indexers): `fn` names the index values of an object;
   * byIndex() answers the objects with a value in O(matches), not O(cache).
   */
  addIndex(name: string, fn: (obj: T) => string[]): void {
    const map = new Map<string, Set<string>>();
    this.indexes.set(name, { fn, map });
    for (const [key, obj] of this.store) this.indexAdd(key, obj);
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indexes.get(name)?.map.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.store.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  private indexAdd(key: string, obj: T): void {
    for (const { fn, map } of this.indexes.values()) {
      for (const v of fn(obj)) {
        let set = map.get(v);
        if (!set) map.set(v, (set = new Set()));
        set.add(key);
      }
    }
  }

  private indexRemove(key: string, obj: T): void {
    for (const { fn, map } of this.indexes.values()) {
      for (const v of fn(obj)) {
        const set = map.get(v);
        set?.delete(key);
        if (set?.size === 0) map.delete(v);
      }
    }
  }

  private setObj(key: string, obj: T): void {
    const old = this.store.get(key);
    if (old) this.indexRemove(key, old);
    this.store.set(key, obj);
    this.indexAdd(key, obj);
  }

  private deleteObj(key: string): void {
    const old = this.store.get(key);
    if (!old) return;
    this.indexRemove(key, old);
    this.store.delete(key);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(`${this.kind.namespaced ? (namespace ?? '') : ''}/${name}`);
  }

  /** Write-through: put an object we just wrote (or re-read) into the cache if it is newer. */
  upsert(obj: T): void {
    const key = objectKey(this.kind.namespaced ? obj : { metadata: { name: obj.metadata.name } });
    const old = this.store.get(key);
    if (old && !isNewer(obj.metadata.resourceVersion, old.metadata.resourceVersion)) return;
    this.setObj(key, obj);
    this.emit(old ? 'update' : 'add', obj, old);
  }

  /** Write-through delete: drop an object we found gone (a GET answered 404). */
  forget(namespace: string | undefined, name: string): void {
    const key = `${this.kind.namespaced ? (namespace ?? '') : ''}/${name}`;
    const old = this.store.get(key);
    if (!old) return;
    this.deleteObj(key);
    this.emit('delete', old);
  }

  /**
   * Starts the loop; resolves after the first LIST attempt, whether it worked or not (a failure is
   * reported through `error` and retried), so a caller never hangs on an unreachable server.
   */
  start(): Promise<void> {
    if (!this.stopped) return this.firstAttempt?.promise ?? Promise.resolve();
    this.stopped = false;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.firstAttempt = { resolve, promise };
    void this.run();
    return promise;
  }

  stop(): void {
    this.stopped = true;
    this.cancelWatch?.();
    this.watch?.abort();
    this.watch = undefined;
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wakeSleep?.();
    this.firstAttempt?.resolve();
  }

  private emit(type: 'add' | 'update' | 'delete', obj: T, old?: T): void {
    for (const h of [...this.handlers]) {
      try {
        if (type === 'add') h.add?.(obj);
        else if (type === 'update') h.update?.(obj, old as T);
        else h.delete?.(obj);
      } catch {
        // a handler's bug must not stop the cache
      }
    }
  }

  private emitError(err: KubeError): void {
    for (const h of [...this.handlers]) h.error?.(err);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.rv) await this.relist();
        this.firstAttempt?.resolve();
        const outcome = await this.watchOnce();
        if (outcome === 'expired') this.rv = undefined;
        else if (outcome === 'clean') this.backoffMs = 0;
      } catch (e) {
        if (this.stopped) break;
        if (this.opts.optional && e instanceof KubeError && e.kind === 'NotFound') {
          this.notInstalled();
          await this.sleep(60_000);
          continue;
        }
        if (e instanceof KubeError && e.kind === 'Forbidden') this.deniedError = e;
        this.emitError(e instanceof KubeError ? e : new KubeError('Unreachable', String(e), e));
        this.firstAttempt?.resolve();
        this.backoffMs = Math.min(
          this.opts.maxBackoffMs ?? 10_000,
          this.backoffMs ? this.backoffMs * 2 : 100,
        );
        // RBAC rarely changes by itself: ask again once a minute, not every few seconds.
        if (e instanceof KubeError && e.kind === 'Forbidden')
          this.backoffMs = Math.max(this.backoffMs, 60_000);
        await this.sleep(this.backoffMs * (0.75 + Math.random() * 0.5));
      }
    }
  }

  /** An optional kind that is not installed: an empty, synced cache. */
  private notInstalled(): void {
    for (const [key, old] of [...this.store]) {
      this.deleteObj(key);
      this.emit('delete', old);
    }
    this.rv = undefined;
    this.syncedFlag = true;
    this.deniedError = undefined;
    this.firstAttempt?.resolve();
  }

  private async relist(): Promise<void> {
    this.lists++;
    const res = await this.kube.list(this.kind, this.opts);
    if (this.stopped) return;
    const seen = new Set<string>();
    for (const obj of res.items) {
      const key = objectKey(this.kind.namespaced ? obj : { metadata: { name: obj.metadata.name } });
      seen.add(key);
      const old = this.store.get(key);
      this.setObj(key, obj);
      if (!old) this.emit('add', obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('update', obj, old);
    }
    for (const [key, old] of [...this.store]) {
      if (!seen.has(key)) {
        this.deleteObj(key);
        this.emit('delete', old);
      }
    }
    this.rv = res.resourceVersion || undefined;
    this.syncedFlag = true;
    this.deniedError = undefined;
  }

  private watchOnce(): Promise<'clean' | 'expired'> {
    const timeoutSeconds = this.opts.watchTimeoutSeconds ?? 240 + Math.floor(Math.random() * 120);
    const watchdogMs = this.opts.watchdogMs ?? (timeoutSeconds + 15) * 1000;
    return new Promise((resolve, reject) => {
      let dog: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        if (dog) clearTimeout(dog);
        this.watch?.abort();
        this.watch = undefined;
        fn();
      };
      const pet = (): void => {
        if (dog) clearTimeout(dog);
        dog = setTimeout(
          () =>
            finish(() =>
              reject(new KubeError('Unreachable', `watch of ${this.kind.plural} went silent; restarting it`)),
            ),
          watchdogMs,
        );
      };
      pet();
      this.cancelWatch = () => finish(() => resolve('clean'));
      this.kube
        .watch<T>(
          this.kind,
          { ...this.opts, resourceVersion: this.rv, timeoutSeconds, allowWatchBookmarks: true },
          (ev) => {
            if (settled) return;
            pet();
            const obj = ev.object;
            if (ev.type === 'ERROR') {
              const code = (obj as unknown as { code?: number }).code;
              finish(() =>
                code === 410
                  ? resolve('expired')
                  : reject(
                      new KubeError(
                        'Unreachable',
                        `watch of ${this.kind.plural} failed: ${(obj as unknown as { message?: string }).message ?? code}`,
                      ),
                    ),
              );
              return;
            }
            if (obj?.metadata?.resourceVersion) this.rv = obj.metadata.resourceVersion;
            if (ev.type === 'BOOKMARK') return;
            if (!obj.apiVersion)
              (obj as KubeObject).apiVersion = this.kind.group
                ? `${this.kind.group}/${this.kind.version}`
                : this.kind.version;
            if (!obj.kind) (obj as KubeObject).kind = this.kind.kind;
            const key = objectKey(this.kind.namespaced ? obj : { metadata: { name: obj.metadata.name } });
            const old = this.store.get(key);
            if (ev.type === 'DELETED') {
              this.deleteObj(key);
              if (old) this.emit('delete', obj);
            } else if (!old || isNewer(obj.metadata.resourceVersion, old.metadata.resourceVersion)) {
              this.setObj(key, obj);
              this.emit(old ? 'update' : 'add', obj, old);
            }
          },
          (err) => {
            if (err === undefined) finish(() => resolve('clean'));
            else if ('code' in err && err.code === 410) finish(() => resolve('expired'));
            else finish(() => reject(err));
          },
        )
        .then(
          (h) => {
            if (settled || this.stopped) h.abort();
            else this.watch = h;
            if (this.stopped) finish(() => resolve('clean'));
          },
          (e: unknown) => finish(() => reject(e)),
        );
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => {
      this.wakeSleep = r;
      this.sleepTimer = setTimeout(r, ms);
    });
  }
}
