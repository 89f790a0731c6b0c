// startSandbox(): wires registry, store, HTTP front, persistence and faults into one handle.
import { writeFile } from 'node:fs/promises';
import { SEED_NAMESPACES, builtinTypes } from './builtins.js';
import { typeFromCrd } from './crd.js';
import { HttpFront } from './http/server.js';
import { WatchHub } from './http/watch.js';
import { inProcessStore } from './inprocess.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { deepEqual } from './meta.js';
import { Objects } from './objects.js';
import type { OpContext } from './objects.js';
import { OpenApi } from './openapi.js';
import { DataFileError, Journal, loadData } from './persistence.js';
import { DEFAULT_USER, Identities } from './rbac.js';
import { Registry } from './registry.js';
import { ObjectStore } from './store.js';
import type { Sandbox, SandboxOptions, StoredObject } from './types.js';

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const now = opts.now ?? (() => new Date());
  const registry = new Registry();
  for (const t of builtinTypes()) registry.add(t);
  const store = new ObjectStore(opts.watchHistory ?? 10_000);
  const objects = new Objects(registry, store, now);

  const journal = opts.dataFile
    ? openDataFile(opts.dataFile, registry, store, opts.dataCompactBytes)
    : undefined;

  const admin = (): OpContext => ({
    user: DEFAULT_USER,
    warnings: [],
    inProcess: true,
    fieldManager: 'sandbox',
    fieldValidation: 'Ignore',
  });
  const nsType = registry.resolve('', 'v1', 'namespaces');
  const crdType = registry.resolve('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  if (!nsType || !crdType) throw new Error('sandbox built-ins are missing');
  for (const name of SEED_NAMESPACES) {
    if (!objects.find(nsType, undefined, name))
      objects.create(nsType, undefined, { metadata: { name } }, admin());
  }
  for (const raw of opts.crds ?? []) {
    const crd = structuredClone(raw) as StoredObject;
    const name = crd.metadata?.name ?? '';
    const existing = objects.find(crdType, undefined, name);
    if (!existing) objects.create(crdType, undefined, crd, admin());
    else if (!deepEqual(existing.obj.spec, crd.spec)) {
      objects.update(
        crdType,
        undefined,
        name,
        { ...crd, metadata: { ...crd.metadata, resourceVersion: existing.obj.metadata?.resourceVersion } },
        admin(),
      );
    }
  }

  const openapi = new OpenApi(registry);
  const watches = new WatchHub(objects, now, opts.bookmarkIntervalMs ?? 60_000);
  let hostPort = '127.0.0.1:0';
  const front = new HttpFront(
    { registry, objects, openapi, watches, now, hostPort: () => hostPort },
    new Identities(opts.users ?? {}, opts.defaultUser ?? DEFAULT_USER),
    opts.requestLogSize ?? 2000,
    journal ? () => journal.durable() : undefined,
  );
  await front.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  const addr = front.address();
  hostPort = `${addr.host}:${addr.port}`;
  const url = `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}`;

  let closed = false;
  return {
    url,
    kubeconfig: (k) => kubeconfigYaml(url, k),
    writeKubeconfig: (path, k) => writeFile(path, kubeconfigYaml(url, k), { mode: 0o600 }),
    store: inProcessStore(objects),
    faults: {
      failNext: (count, o) => front.failNext(count, o),
      delay: (ms) => front.delay(ms),
      dropWatches: () => watches.dropAll(),
      endWatches: () => watches.endAll(),
      compact: () => store.compact(),
    },
    requests: front.requests,
    async close() {
      if (closed) return;
      closed = true;
      watches.endAll();
      await front.close();
      await journal?.close();
    },
  };
}

/** Restores the store from `--data` (validated, CRDs first) and journals every write from now on. */
function openDataFile(file: string, registry: Registry, store: ObjectStore, compactBytes?: number): Journal {
  const data = loadData(file);
  if (data) {
    for (const crd of data.buckets.get(CRD_KEY) ?? []) registry.add(typeFromCrd(crd));
    for (const key of data.buckets.keys()) {
      if (!registry.byStorageKey(key).length)
        throw new DataFileError(file, `objects of ${key}, a resource no CRD in the file defines`);
    }
    for (const [key, items] of data.buckets) for (const obj of items) store.load(key, obj);
    store.setRv(data.resourceVersion);
  }
  return new Journal(file, store, data, compactBytes);
}
