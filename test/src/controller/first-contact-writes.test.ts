// What a controller writes per rollout, counted on the sandbox's request log (issue 14: settling
// 10,000 rollouts on a real API server is bound by the writes per rollout). From cold, a rollout
// whose Kustomization runs nothing yet costs exactly four writes (its Lease, one status patch, the
// Kustomization patch, one Deployed Event); one whose Kustomization already runs the version is
// adopted with three (no patch). A replica that takes over settled rollouts writes only their
// Leases. A count that grows back — a second status patch, a read-after-write GET, a Lease renewed
// per rollout — fails here. docs/controller.md has the table.
import type { RequestLogEntry, Sandbox } from '@kuberik/core/sandbox';
import { sampleApp } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLLOUT, ensureNamespace, leaseHolder, seedApp, waitFor } from './support/fixtures.js';
import { type RunningController, runInProcess, sandboxWithCrds } from './support/in-process.js';

const PER_NAMESPACE = 12;
const LEASE_NS = 'kuberik-system';
const names = Array.from({ length: PER_NAMESPACE }, (_, i) => `app-${i}`);

let sandbox: Sandbox | undefined;
const running: RunningController[] = [];
afterEach(async () => {
  for (const c of running.splice(0)) await c.stop();
  await sandbox?.close();
  sandbox = undefined;
});

/** Requests to one app namespace, as `METHOD resource[/subresource]` → count (lists and watches left out). */
function perNamespace(log: RequestLogEntry[], namespace: string): Record<string, number> {
  const out: Record<string, number> = {};
  const prefix = new RegExp(
    `^/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/${namespace}/([^/]+)(/[^/]+)?(/[^/]+)?$`,
  );
  for (const q of log) {
    const m = prefix.exec(q.path);
    if (!m) continue;
    if (q.method === 'GET' && !m[2]) continue; // a list or watch of the namespace, not per rollout
    const key = `${q.method} ${m[1]}${m[3] ?? ''}${m[2] && q.method === 'GET' ? ' (one object)' : ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const settledAt = (sb: Sandbox, namespace: string, version: string): boolean =>
  names.every((name) => {
    const st = sb.store.get(ROLLOUT.apiVersion, ROLLOUT.kind, name, namespace)?.status as
      { phase?: string; currentVersion?: string } | undefined;
    return st?.phase === 'Succeeded' && st.currentVersion === version;
  });

const eventReasons = (sb: Sandbox, namespace: string): string[] =>
  (sb.store.list('v1', 'Event', { namespace }) as Array<{ reason?: string }>)
    .map((e) => e.reason ?? '')
    .sort();

async function start(sb: Sandbox, identity: string): Promise<RunningController> {
  const c = runInProcess(sb, { identity, shardNamespace: LEASE_NS });
  running.push(c);
  await c.controller.ready;
  return c;
}

/** Waits until `done`, then until the driver has nothing queued or in flight. */
async function quiet(c: RunningController, what: string, done: () => boolean): Promise<void> {
  await waitFor(what, done, 60_000);
  await c.controller.driver.idle();
}

describe('writes per rollout on first contact (sandbox request log)', () => {
  it('deploy from cold: one Lease create, one status patch, one Kustomization patch, one Event', async () => {
    const sb = (sandbox = await sandboxWithCrds({ requestLogSize: 100_000 }));
    for (const ns of ['cold', LEASE_NS]) ensureNamespace(sb.store, ns);
    for (const name of names) seedApp(sb.store, { namespace: 'cold', name, tag: 'v1' });
    const c = await start(sb, 'ctl-a');
    await quiet(
      c,
      'every rollout deployed and its Event written',
      () => settledAt(sb, 'cold', 'v1') && eventReasons(sb, 'cold').length >= PER_NAMESPACE,
    );

    expect(perNamespace(sb.requests, 'cold')).toEqual({
      'POST leases': PER_NAMESPACE,
      'PATCH rollouts/status': PER_NAMESPACE,
      'PATCH kustomizations': PER_NAMESPACE,
      'POST events': PER_NAMESPACE,
    });
    expect(eventReasons(sb, 'cold')).toEqual(names.map(() => 'Deployed'));
  });

  it('adoption of a running version: no Kustomization patch; a takeover by another replica writes only Leases', async () => {
    const sb = (sandbox = await sandboxWithCrds({ requestLogSize: 100_000 }));
    for (const ns of ['adopt', LEASE_NS]) ensureNamespace(sb.store, ns);
    const at = new Date(Date.now() - 60_000);
    for (const name of names) {
      for (const obj of sampleApp({
        namespace: 'adopt',
        name,
        image: `registry.example/${name}`,
        published: 'v1',
        applied: { version: 'v1', at },
      })) {
        sb.store.create(obj);
      }
    }
    const first = await start(sb, 'ctl-a');
    await quiet(
      first,
      'every rollout adopted and its Event written',
      () => settledAt(sb, 'adopt', 'v1') && eventReasons(sb, 'adopt').length >= PER_NAMESPACE,
    );
    expect(perNamespace(sb.requests, 'adopt')).toEqual({
      'POST leases': PER_NAMESPACE,
      'PATCH rollouts/status': PER_NAMESPACE,
      'POST events': PER_NAMESPACE,
    });
    expect(eventReasons(sb, 'adopt')).toEqual(names.map(() => 'Adopted'));

    // A clean stop hands every Lease back (one patch each); a new replica takes them with one patch
    // each and finds nothing else to write: the status already says everything.
    await first.stop();
    const from = sb.requests.length;
    const second = await start(sb, 'ctl-b');
    await quiet(second, 'the second replica holds every Lease', () =>
      names.every((name) => leaseHolder(sb.store, 'adopt', name) === 'ctl-b'),
    );
    expect(perNamespace(sb.requests.slice(from), 'adopt')).toEqual({ 'PATCH leases': PER_NAMESPACE });
    expect(eventReasons(sb, 'adopt')).toHaveLength(PER_NAMESPACE);
  });
});
