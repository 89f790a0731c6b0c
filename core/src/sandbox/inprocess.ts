// The in-process SandboxStore: same rules as HTTP (RV bumps, generation, finalizers, events),
// used to seed objects with status and by simulators running inside the sandbox process.
import type { Objects, OpContext } from './objects.js';
import { DEFAULT_USER } from './rbac.js';
import type { Resolved } from './registry.js';
import { ApiError } from './http/status.js';
import type { ListOptions, SandboxStore, StoredObject, WatchEventType } from './types.js';

export function inProcessStore(objects: Objects): SandboxStore {
  const resolve = (apiVersion: string, kind: string): Resolved => {
    const r = objects.registry.byKind(apiVersion, kind);
    if (!r)
      throw new ApiError(404, 'NotFound', `no kind "${kind}" is registered for version "${apiVersion}"`);
    return r;
  };
  const ctx = (extra: Partial<OpContext> = {}): OpContext => ({
    user: DEFAULT_USER,
    warnings: [],
    inProcess: true,
    fieldManager: 'sandbox',
    fieldValidation: 'Ignore',
    ...extra,
  });
  const copy = (o: StoredObject): StoredObject => structuredClone(o);
  const ns = (r: Resolved, namespace: string | undefined): string | undefined =>
    r.type.namespaced ? (namespace ?? 'default') : undefined;
  const refOf = (input: object): { r: Resolved; name: string; namespace: string | undefined } => {
    const obj = input as StoredObject;
    const r = resolve(obj.apiVersion ?? '', obj.kind ?? '');
    return { r, name: obj.metadata?.name ?? '', namespace: ns(r, obj.metadata?.namespace) };
  };

  return {
    get(apiVersion, kind, name, namespace) {
      const r = resolve(apiVersion, kind);
      const e = objects.find(r, ns(r, namespace), name);
      return e ? copy(objects.external(r, e)) : undefined;
    },
    list(apiVersion, kind, opts: ListOptions = {}) {
      const r = resolve(apiVersion, kind);
      const { entries } = objects.list(r, opts.namespace, {
        ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
        ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}),
      });
      return entries.map((e) => copy(objects.external(r, e)));
    },
    create(obj) {
      const { r, namespace } = refOf(obj);
      return copy(objects.create(r, namespace, obj, ctx()));
    },
    update(obj) {
      const { r, name, namespace } = refOf(obj);
      return copy(objects.update(r, namespace, name, obj, ctx()));
    },
    patch(apiVersion, kind, name, namespace, patch, opts = {}) {
      const r = resolve(apiVersion, kind);
      const c = ctx({
        ...(opts.subresource ? { subresource: opts.subresource } : {}),
        ...(opts.fieldManager ? { fieldManager: opts.fieldManager } : {}),
      });
      return copy(
        objects.patch(r, ns(r, namespace), name, 'application/merge-patch+json', JSON.stringify(patch), c)
          .obj,
      );
    },
    updateStatus(obj) {
      const { r, name, namespace } = refOf(obj);
      return copy(objects.update(r, namespace, name, obj, ctx({ subresource: 'status' })));
    },
    delete(apiVersion, kind, name, namespace) {
      const r = resolve(apiVersion, kind);
      objects.delete(r, ns(r, namespace), name, {}, ctx());
    },
    watch(apiVersion, kind, cb: (type: WatchEventType, obj: StoredObject) => void) {
      const r = resolve(apiVersion, kind);
      return objects.store.subscribe(r.type.storageKey, (ev) =>
        cb(ev.type, copy(objects.external(r, ev.entry))),
      );
    },
    resourceVersion() {
      return String(objects.store.currentRv());
    },
  };
}
