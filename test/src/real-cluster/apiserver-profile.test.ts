// The kube-apiserver profiling opt-in of the test cluster (docs/real-cluster.md): off by default, as
// a production control plane runs it here; on, it serves the CPU profiles that
// `npm run bench -- controller --apiserver-profile=DIR` saves, and bench/apiserver-profile-table.ts
// attributes their samples to request kinds and phases.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cpuProfile } from '../../../bench/apiserver-profile.js';
import { attribute, parseTraces } from '../../../bench/apiserver-profile-table.js';
import { makeTempDir } from '../support/tmp.js';
import { ADMIN_TOKEN, startRealCluster, type RealCluster } from './cluster.js';
import { sharedRealCluster } from './shared.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let profiled: RealCluster | undefined;
afterAll(async () => {
  await profiled?.close();
});

describe('kube-apiserver profiling (investigation only)', () => {
  it('is off on the shared test cluster', async () => {
    const cluster = await sharedRealCluster();
    await expect(cpuProfile({ url: cluster.url, ca: cluster.ca, token: ADMIN_TOKEN }, 1)).rejects.toThrow(
      /pprof: 404/,
    );
  });

  it('when asked for, serves a CPU profile that the table attributes to the requests made meanwhile', async () => {
    profiled = await startRealCluster({ profiling: true, installCrds: false, log: () => {} });
    const c = profiled;
    const profile = cpuProfile({ url: c.url, ca: c.ca, token: ADMIN_TOKEN }, 3);
    // Load to sample: Lease creates (a built-in POST) while the profile runs.
    await c.ensureNamespace('profiled');
    const deadline = Date.now() + 2_500;
    for (let i = 0; Date.now() < deadline; i++) {
      await c.request('POST', '/apis/coordination.k8s.io/v1/namespaces/profiled/leases', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: `l-${i}` },
        spec: { holderIdentity: 'test' },
      });
    }
    const bytes = await profile;
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]); // gzipped protobuf, as Go serves it
    const file = join(makeTempDir('apiserver-profile'), 'apiserver-000.pb.gz');
    writeFileSync(file, bytes);
    const traces = execFileSync('go', ['tool', 'pprof', '-traces', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const kinds = attribute(parseTraces(traces));
    expect([...kinds.keys()]).toContain('POST leases, events');
  });
});

describe('attributing profile samples', () => {
  const trace = (ms: number, frames: string[]) =>
    `-----------+-------------------------------------------------------\n      ${ms}ms   ${frames.join('\n             ')}\n`;
  it('puts each sample in one request kind and one phase, leaf to root', () => {
    const text =
      trace(30, [
        'sigs.k8s.io/structured-merge-diff/v6/typed.(*compareWalker).visitMapItem',
        'k8s.io/apimachinery/pkg/util/managedfields/internal.(*FieldManager).Update',
        'k8s.io/apiextensions-apiserver/pkg/registry/customresource.(*StatusREST).Update',
        'k8s.io/apiserver/pkg/endpoints/handlers/finisher.finishRequest.func1',
      ]) +
      trace(20, ['runtime.scanobject', 'runtime.gcDrain', 'runtime.gcBgMarkWorker']) +
      trace(10, [
        'k8s.io/apiserver/pkg/endpoints/handlers.(*jsonPatcher).applyJSPatch',
        'k8s.io/apiserver/pkg/endpoints/handlers.(*patcher).patchResource.func2',
      ]) +
      '-----------+-------------------------------------------------------\n';
    const kinds = attribute(parseTraces(text));
    expect(Object.fromEntries([...kinds].map(([k, p]) => [k, Object.fromEntries(p)]))).toEqual({
      'PATCH rollouts/status': { 'managedFields (structured-merge-diff)': 0.03 },
      'Go GC (background)': { '': 0.02 },
      'PATCH kustomizations': { 'merge patch apply': 0.01 },
    });
  });
});
