// Object storage: per-bucket maps, one global resourceVersion counter, and the event history
// watches replay from. Stored objects are immutable; each carries its pre-serialised JSON.
import type { StoredObject, WatchEventType } from './types.js';

export interface Entry {
  readonly obj: StoredObject;
  /** JSON of `obj`, which always starts with `{"apiVersion":…` so the version can be swapped cheaply. */
  readonly json: string;
  /** Lazily cached UTF-8 of `json` (lists are a Buffer.concat) and JSON of the metadata (Table rows). */
  bytes?: Buffer;
  metadataJson?: string;
}

export interface StoreEvent {
  rv: number;
  storageKey: string;
  type: WatchEventType;
  entry: Entry;
  /** The previous state (MODIFIED), for selector transitions. */
  prev?: Entry;
}

class Bucket {
  readonly map = new Map<string, Entry>();
  private sorted: string[] | null = null;
  sortedKeys(): string[] {
    if (!this.sorted) this.sorted = [...this.map.keys()].sort();
    return this.sorted;
  }
  set(key: string, e: Entry): void {
    if (!this.map.has(key)) this.sorted = null;
    this.map.set(key, e);
  }
  delete(key: string): void {
    if (this.map.delete(key)) this.sorted = null;
  }
}

/** One write, handed to the journal before the store changes (persistence). */
export type JournalRecord =
  { rv: number; storageKey: string; entry: Entry } | { rv: number; storageKey: string; deleted: string };

export const objectKey = (namespace: string | undefined, name: string): string =>
  namespace ? `${namespace}/${name}` : name;

const serialised = new WeakMap<object, string>();

/** The stored JSON of an object that came straight out of the store (saves re-serialising responses). */
export function storedJson(obj: object): string | undefined {
  return serialised.get(obj);
}

/** Puts apiVersion, kind and metadata first, the order the API server uses. */
export function makeEntry(obj: StoredObject): Entry {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const ordered: StoredObject = { apiVersion, kind, metadata, ...rest };
  const json = JSON.stringify(ordered);
  serialised.set(ordered, json);
  return { obj: ordered, json };
}

export class ObjectStore {
  private rv = 0;
  /** Every event with rv > horizon is still in `history`. */
  private horizon = 0;
  private history: StoreEvent[] = [];
  private readonly buckets = new Map<string, Bucket>();
  private readonly subscribers = new Map<string, Set<(e: StoreEvent) => void>>();
  private readonly writeListeners: Array<() => void> = [];
  private journal: ((rec: JournalRecord) => void) | undefined;

  constructor(private historyLimit: number) {}

  currentRv(): number {
    return this.rv;
  }

  /** Oldest resourceVersion a watch can still start from. */
  oldestRetained(): number {
    return this.horizon;
  }

  /** Restore: keep RVs monotonic across restarts. */
  setRv(rv: number): void {
    if (rv > this.rv) this.rv = rv;
    this.horizon = this.rv;
  }

  compact(): void {
    this.history = [];
    this.horizon = this.rv;
  }

  /** Called with every write before it takes effect; a throw refuses the write (the store stays as it was). */
  setJournal(fn: (rec: JournalRecord) => void): void {
    this.journal = fn;
  }

  onWrite(fn: () => void): void {
    this.writeListeners.push(fn);
  }

  get(storageKey: string, namespace: string | undefined, name: string): Entry | undefined {
    return this.buckets.get(storageKey)?.map.get(objectKey(namespace, name));
  }

  /** Entries in namespace/name order, optionally one namespace only, starting after `after`. */
  list(storageKey: string, namespace?: string, after?: string): Entry[] {
    const bucket = this.buckets.get(storageKey);
    if (!bucket) return [];
    const keys = bucket.sortedKeys();
    let start = 0;
    if (after !== undefined) start = upperBound(keys, after);
    const out: Entry[] = [];
    const prefix = namespace ? `${namespace}/` : undefined;
    if (prefix && (after === undefined || after < prefix)) start = Math.max(start, lowerBound(keys, prefix));
    for (let i = start; i < keys.length; i++) {
      const k = keys[i] as string;
      if (prefix && !k.startsWith(prefix)) break;
      out.push(bucket.map.get(k) as Entry);
    }
    return out;
  }

  keyOf(entry: Entry): string {
    return objectKey(entry.obj.metadata?.namespace, entry.obj.metadata?.name ?? '');
  }

  bucketKeys(): string[] {
    return [...this.buckets.keys()];
  }

  /** Stores a new state, assigning the next resourceVersion. */
  put(storageKey: string, obj: StoredObject, type: 'ADDED' | 'MODIFIED'): Entry {
    const rv = ++this.rv;
    const meta = { ...(obj.metadata ?? {}), resourceVersion: String(rv) };
    const entry = makeEntry({ ...obj, metadata: meta });
    let bucket = this.buckets.get(storageKey);
    if (!bucket) this.buckets.set(storageKey, (bucket = new Bucket()));
    const key = objectKey(meta.namespace, meta.name ?? '');
    this.journal?.({ rv, storageKey, entry });
    const prev = bucket.map.get(key);
    bucket.set(key, entry);
    this.emit({ rv, storageKey, type, entry, ...(prev && type === 'MODIFIED' ? { prev } : {}) });
    return entry;
  }

  /** Removes an object; the DELETED event carries its final state at the deletion RV. */
  remove(storageKey: string, namespace: string | undefined, name: string): Entry | undefined {
    const bucket = this.buckets.get(storageKey);
    const key = objectKey(namespace, name);
    const prev = bucket?.map.get(key);
    if (!bucket || !prev) return undefined;
    const rv = ++this.rv;
    this.journal?.({ rv, storageKey, deleted: key });
    bucket.delete(key);
    const entry = makeEntry({ ...prev.obj, metadata: { ...prev.obj.metadata, resourceVersion: String(rv) } });
    this.emit({ rv, storageKey, type: 'DELETED', entry });
    return entry;
  }

  /** Restore without events (persistence). */
  load(storageKey: string, obj: StoredObject): void {
    let bucket = this.buckets.get(storageKey);
    if (!bucket) this.buckets.set(storageKey, (bucket = new Bucket()));
    bucket.set(objectKey(obj.metadata?.namespace, obj.metadata?.name ?? ''), makeEntry(obj));
  }

  dropBucket(storageKey: string): void {
    this.buckets.delete(storageKey);
  }

  /** Events after `rv` for one bucket, or undefined when `rv` is older than the history. */
  since(storageKey: string, rv: number): StoreEvent[] | undefined {
    if (rv < this.horizon) return undefined;
    const start = upperBoundRv(this.history, rv);
    const out: StoreEvent[] = [];
    for (let i = start; i < this.history.length; i++) {
      const e = this.history[i] as StoreEvent;
      if (e.storageKey === storageKey) out.push(e);
    }
    return out;
  }

  subscribe(storageKey: string, fn: (e: StoreEvent) => void): () => void {
    let set = this.subscribers.get(storageKey);
    if (!set) this.subscribers.set(storageKey, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    // Trim in batches so pushes stay O(1) amortised; at least `historyLimit` events stay.
    const slack = Math.min(1024, Math.floor(this.historyLimit / 10));
    if (this.history.length > this.historyLimit + slack) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.horizon = (dropped[dropped.length - 1] as StoreEvent).rv;
    }
    for (const fn of this.subscribers.get(e.storageKey) ?? []) fn(e);
    for (const fn of this.writeListeners) fn();
  }
}

function lowerBound(keys: string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(keys: string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundRv(events: StoreEvent[], rv: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as StoreEvent).rv <= rv) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
