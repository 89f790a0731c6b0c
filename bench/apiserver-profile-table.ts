// `node --conditions=@kuberik/source --import tsx bench/apiserver-profile-table.ts --rollouts=10000 DIR/apiserver-*.pb.gz`:
// where kube-apiserver's CPU went in the profiles `npm run bench -- controller --backend=real
// --apiserver-profile=DIR` saved (needs Go for `go tool pprof`). Each sample is put in one request
// kind (from its goroutine's stack) and one phase (the first marker of PHASES found on the stack),
// printed per rollout. The filter chain's goroutine (routing, authn/authz, response encoding) does
// not name the resource, so its share is given for all requests together. docs/controller.md has the
// table and how to read it.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

interface Sample {
  seconds: number;
  /** Leaf first. */
  frames: string[];
}

const KINDS: Array<[string, string[]]> = [
  ['Go GC (background)', ['runtime.gcBgMarkWorker', 'runtime.bgsweep', 'runtime.bgscavenge']],
  ['PATCH rollouts/status', ['StatusREST).Update']],
  ['PATCH kustomizations', ['patcher).patchResource']],
  ['POST leases, events', ['createHandler']],
  ['watch: send to watchers', ['cacheWatcher', 'WatchServer', 'serveWatch']],
  [
    'watch cache: decode written objects',
    ['Cacher).dispatchEvent', 'watchCache', 'Cacher).processEvent', 'etcd3.(*watchChan)', 'cacher.(*Cacher)'],
  ],
  ['GET / LIST', ['ListResource', 'getResourceHandler', 'GetResource']],
  [
    'filter chain of every request',
    ['withAuthentication', 'DefaultBuildHandlerChain', 'director.ServeHTTP', 'proxyHandler'],
  ],
  ['TLS / HTTP outside handlers', ['net/http.(*conn).serve']],
  ['etcd client (other)', ['go.etcd.io', 'grpc']],
];

const PHASES: Array<[string, string[]]> = [
  ['CEL rules', ['schema/cel', 'cel-go', 'apiserver/pkg/cel']],
  ['managedFields (structured-merge-diff)', ['managedfields', 'structured-merge-diff']],
  ['admission', ['admission']],
  [
    'schema validation',
    ['apiserver/validation', 'kube-openapi/pkg/validation', 'ValidateCustomResource', 'validation.Validate'],
  ],
  [
    'pruning, defaulting, coercion',
    ['pruning', 'defaulting', 'SchemaCoercer', 'schemaCoercing', 'objectmeta'],
  ],
  ['merge patch apply', ['applyJSPatch', 'json-patch']],
  ['etcd client (gRPC)', ['go.etcd.io/etcd/client', 'google.golang.org/grpc']],
  [
    'encode for / decode from etcd',
    ['etcd3.decode', 'etcd3.(*store).getState', 'runtime.Encode', 'transformer'],
  ],
  ['response encoding', ['responsewriters', 'WriteObjectNegotiated', 'SerializeObject']],
  ['JSON encode (watch event)', ['watchEncoder', 'cachingObject', 'Serializer).Encode', 'MarshalJSON']],
  ['request body decode', ['limitedReadBody', 'Decode', 'readBody']],
  [
    'authn/authz',
    ['authentication/token', 'authenticator', 'rbac.', 'authorizerfactory', 'authorization/union'],
  ],
  [
    'routing, metrics, stack growth',
    ['go-restful', 'director.ServeHTTP', 'component-base/metrics', 'MonitorRequest'],
  ],
  [
    'TLS / HTTP',
    ['crypto/', 'net/http.(*conn)', 'net/http.(*response)', 'bufio', 'internal/poll', 'syscall'],
  ],
];

const first = (frames: string[], table: Array<[string, string[]]>, fallback: string): string =>
  table.find(([, marks]) => marks.some((m) => frames.some((f) => f.includes(m))))?.[0] ?? fallback;

/** Parses `go tool pprof -traces` output. */
export function parseTraces(text: string): Sample[] {
  const out: Sample[] = [];
  let cur: Sample | undefined;
  const unit: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6 };
  for (const line of text.split('\n')) {
    if (line.startsWith('-----------+')) {
      if (cur) out.push(cur);
      cur = undefined;
      continue;
    }
    const m = /^\s+([0-9.]+)(ms|s|us)\s+(\S.*)$/.exec(line);
    if (m) cur = { seconds: Number(m[1]) * (unit[m[2] as string] ?? 0), frames: [(m[3] as string).trim()] };
    else if (cur && line.trim()) cur.frames.push(line.trim());
  }
  if (cur) out.push(cur);
  return out;
}

export function attribute(samples: Sample[]): Map<string, Map<string, number>> {
  const byKind = new Map<string, Map<string, number>>();
  for (const s of samples) {
    const kind = first(s.frames, KINDS, 'unattributed (cut stacks)');
    const phase = kind.startsWith('Go GC') ? '' : first(s.frames, PHASES, 'other');
    const phases = byKind.get(kind) ?? new Map<string, number>();
    phases.set(phase, (phases.get(phase) ?? 0) + s.seconds);
    byKind.set(kind, phases);
  }
  return byKind;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    options: { rollouts: { type: 'string' } },
    allowPositionals: true,
  });
  const n = Number(values.rollouts ?? 10_000);
  const text = execFileSync('go', ['tool', 'pprof', '-traces', ...positionals], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const byKind = attribute(parseTraces(text));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const total = [...byKind.values()].reduce((a, m) => a + sum(m), 0);
  const row = (label: string, s: number) =>
    `| ${label} | ${((s * 1000) / n).toFixed(2)} | ${((100 * s) / total).toFixed(1)}% |`;
  console.log(`${total.toFixed(1)} s of samples = ${((total * 1000) / n).toFixed(2)} ms per rollout\n`);
  console.log('| request kind / phase | ms per rollout | share |\n|---|---|---|');
  for (const [kind, phases] of [...byKind].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    console.log(row(`**${kind}**`, sum(phases)));
    for (const [phase, s] of [...phases].sort((a, b) => b[1] - a[1])) {
      if (phase && s / total >= 0.003) console.log(row(`&nbsp;&nbsp;${phase}`, s));
    }
  }
  const byPhase = new Map<string, number>();
  for (const [kind, phases] of byKind) {
    for (const [phase, s] of phases) {
      const key = phase || kind;
      byPhase.set(key, (byPhase.get(key) ?? 0) + s);
    }
  }
  console.log('\n| phase, all request kinds | ms per rollout | share |\n|---|---|---|');
  for (const [phase, s] of [...byPhase].sort((a, b) => b[1] - a[1])) console.log(row(phase, s));
}
