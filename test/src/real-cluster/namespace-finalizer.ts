// A stand-in for kube-controller-manager's namespace controller, as an ordinary API client (like
// the Flux simulator): the real test cluster runs no controller-manager, so a deleted namespace
// would stay Terminating forever and test namespaces would pile up. For each namespace with a
// deletionTimestamp it deletes the namespaced objects of every served resource (discovery), and
// once none is left it removes the `kubernetes` finalizer through `/finalize`; the API server then
// deletes the namespace. Objects held by their own finalizers keep it Terminating, as upstream.
// Why not the real controller: docs/real-cluster.md, "Namespace finalizer".
import type { ApiResponse } from './https.js';

type Request = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export interface NamespaceFinalizer {
  /** Runs one pass now (tests and shutdown need not wait for the next tick). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

interface ApiResource {
  name: string;
  namespaced: boolean;
  verbs: string[];
}

const FINALIZER = 'kubernetes';

/** Collections of every namespaced resource the server serves (one version per group). */
async function namespacedCollections(request: Request): Promise<Array<{ base: string; res: ApiResource }>> {
  const bases = ['/api/v1'];
  const groups = (await request('GET', '/apis')).json as
    { groups?: Array<{ preferredVersion?: { groupVersion: string } }> } | undefined;
  for (const g of groups?.groups ?? [])
    if (g.preferredVersion) bases.push(`/apis/${g.preferredVersion.groupVersion}`);
  const out: Array<{ base: string; res: ApiResource }> = [];
  await Promise.all(
    bases.map(async (base) => {
      const list = (await request('GET', base)).json as { resources?: ApiResource[] } | undefined;
      for (const res of list?.resources ?? []) {
        if (
          res.namespaced &&
          !res.name.includes('/') &&
          res.verbs.includes('list') &&
          res.verbs.includes('delete')
        )
          out.push({ base, res });
      }
    }),
  );
  return out;
}

async function finalize(request: Request, ns: string, log: (l: string) => void): Promise<void> {
  let left = 0;
  for (const { base, res } of await namespacedCollections(request)) {
    const collection = `${base}/namespaces/${ns}/${res.name}`;
    if (res.verbs.includes('deletecollection')) await request('DELETE', collection);
    const items =
      (
        (await request('GET', collection)).json as
          { items?: Array<{ metadata: { name: string; deletionTimestamp?: string } }> } | undefined
      )?.items ?? [];
    for (const item of items) {
      if (!item.metadata.deletionTimestamp) await request('DELETE', `${collection}/${item.metadata.name}`);
    }
    left += items.length;
  }
  if (left > 0) return; // deleted now or held by finalizers: the next pass looks again
  const current = await request('GET', `/api/v1/namespaces/${ns}`);
  const obj = current.json as { spec?: { finalizers?: string[] } } | undefined;
  if (current.status !== 200 || !obj) return;
  obj.spec = { ...obj.spec, finalizers: (obj.spec?.finalizers ?? []).filter((f) => f !== FINALIZER) };
  const done = await request('PUT', `/api/v1/namespaces/${ns}/finalize`, obj);
  if (done.status >= 300 && done.status !== 404 && done.status !== 409)
    log(`namespace finalizer: ${ns}: ${done.status} ${done.text.slice(0, 200)}`);
}

/** Polls for Terminating namespaces every `intervalMs` (default 1 s) until stopped. */
export function startNamespaceFinalizer(
  request: Request,
  opts: { intervalMs?: number; log?: (line: string) => void } = {},
): NamespaceFinalizer {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const pass = async (): Promise<void> => {
    const list = (await request('GET', '/api/v1/namespaces?fieldSelector=status.phase%3DTerminating'))
      .json as { items?: Array<{ metadata: { name: string } }> } | undefined;
    for (const ns of list?.items ?? []) {
      if (stopped) return;
      await finalize(request, ns.metadata.name, log);
    }
  };
  const sweep = (): Promise<void> => {
    running = running.then(pass).catch((e: unknown) => {
      if (!stopped) log(`namespace finalizer: ${(e as Error).message}`);
    });
    return running;
  };
  const tick = (): void => {
    timer = setTimeout(() => {
      void sweep().then(() => {
        if (!stopped) tick();
      });
    }, opts.intervalMs ?? 1000);
    timer.unref();
  };
  tick();
  return {
    sweep,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
