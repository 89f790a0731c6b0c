// Issue 9 point 3: differential fidelity. The same script of requests (differential-script.ts) goes
// to the sandbox and to a real kube-apiserver, each in a namespace of its own run; the normalized
// answers are compared path by path. A difference fails the test unless the allow-list below names
// it with its reason (docs/sandbox-fidelity.md explains each). The counts are printed and asserted.
import { startSandbox, type Sandbox } from '@kuberik/core/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crdsToInstall, ADMIN_TOKEN, type RealCluster } from './cluster.js';
import type { Target } from './differential-client.js';
import {
  allowedBy,
  compare,
  describe as describeDiff,
  normalize,
  type Allowed,
  type Difference,
} from './differential-compare.js';
import { RESTRICTED, RESTRICTED_TOKEN, script, type Step } from './differential-script.js';
import { sharedRealCluster } from './shared.js';

const NS = `differential-${process.pid}`;
let real: RealCluster;
let sandbox: Sandbox;

beforeAll(async () => {
  real = await sharedRealCluster();
  await real.ensureNamespace(NS);
  await real.grant(RESTRICTED, [
    { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'], namespaces: [NS] },
  ]);
  sandbox = await startSandbox({
    crds: crdsToInstall(real.controlPlane),
    users: {
      [RESTRICTED_TOKEN]: {
        username: RESTRICTED,
        rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'], namespaces: [NS] }],
      },
    },
  });
  const res = await fetch(`${sandbox.url}/api/v1/namespaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }),
  });
  expect(res.status).toBe(201);
}, 3_600_000);

afterAll(async () => {
  await sandbox?.close();
  await real?.request('DELETE', `/api/v1/namespaces/${NS}`);
});

/** Known, documented differences (docs/sandbox-fidelity.md, "Differential suite"). */
const ALLOWED: Allowed[] = [];

/** A step that throws (e.g. a request that never answers) is an outcome to compare, not a crash. */
async function outcome(s: Step, t: Target, ctx: Record<string, string>): Promise<unknown> {
  try {
    return await s.run(t, ctx);
  } catch (e) {
    return { error: (e as Error).message.replace(`${t.name} `, '') };
  }
}

it('answers the differential script like a real kube-apiserver', async () => {
  const targets: Target[] = [
    {
      name: 'real',
      url: real.url,
      ca: real.ca,
      tokens: { admin: ADMIN_TOKEN, [RESTRICTED]: RESTRICTED_TOKEN, unknown: 'no-such-token' },
    },
    {
      name: 'sandbox',
      url: sandbox.url,
      tokens: { admin: undefined, [RESTRICTED]: RESTRICTED_TOKEN, unknown: 'no-such-token' },
    },
  ];
  const steps = script(NS);
  const ctx = { real: {}, sandbox: {} } as Record<Target['name'], Record<string, string>>;
  const diffs: Difference[] = [];
  for (const s of steps) {
    const realOut = normalize(await outcome(s, targets[0]!, ctx.real));
    const sandboxOut = normalize(await outcome(s, targets[1]!, ctx.sandbox));
    diffs.push(...compare(s.name, realOut, sandboxOut));
  }
  const unexpected = diffs.filter((d) => !allowedBy(ALLOWED, d));
  const unused = ALLOWED.filter((a) => !diffs.some((d) => allowedBy([a], d)));
  process.stdout.write(
    `differential: ${steps.length} exchanges compared, ${diffs.length} differences (${diffs.length - unexpected.length} allow-listed, ${unexpected.length} unexpected)\n` +
      unexpected.map((d) => `  ${describeDiff(d)}\n`).join(''),
  );
  expect(steps.length).toBeGreaterThanOrEqual(70);
  expect(unexpected.map(describeDiff)).toEqual([]);
  // An allow-list entry nothing matches any more is stale: the sandbox got closer, tighten the list.
  expect(unused.map((a) => `${String(a.step)} ${String(a.path)}`)).toEqual([]);
});
