// What the simulated Flux controllers need from a cluster: synchronous reads of a current view,
// writes, and change notifications. The sandbox's in-process store is one (sandbox path); an
// informer cache over any API server is the other (api-store.ts).
import type { StoredObject, WatchEventType } from '../types.js';

export interface FluxStore {
  get(apiVersion: string, kind: string, name: string, namespace?: string): StoredObject | undefined;
  list(apiVersion: string, kind: string): StoredObject[];
  /**
   * JSON merge patch of the object or (`subresource: 'status'`) its status. The sandbox applies it at
   * once; over an API the write is queued, and a failure is logged rather than thrown.
   */
  patch(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    opts?: { subresource?: 'status'; fieldManager?: string },
  ): unknown;
  /** Change notifications for one kind, all namespaces. Returns unsubscribe. */
  watch(apiVersion: string, kind: string, cb: (type: WatchEventType, obj: StoredObject) => void): () => void;
  /** Resolves once every write issued so far has landed (immediately for the sandbox). */
  flushed?(): Promise<void>;
}
