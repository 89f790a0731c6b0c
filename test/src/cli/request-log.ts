// What one run of the built CLI asked the API server: the sandbox's request log between start and
// exit. Only meaningful while nothing else talks to the sandbox over HTTP (no driver in the test;
// the Flux simulator writes to the store in-process).
import type { RequestLogEntry } from '@kuberik/core/sandbox';
import { kuberik, type CliResult, type TestCluster } from './support.js';

export interface CountedRun extends CliResult {
  /** "GET /apis/kuberik.com/v1alpha1/namespaces/default/rollouts/my-app", in order; watches end in "?watch". */
  requests: string[];
}

const line = (r: RequestLogEntry): string =>
  `${r.method} ${r.path}${/(^|&)watch=(true|1)/.test(r.query) ? '?watch' : ''}`;

/** Runs the CLI against `c` and returns its result with the requests it made. */
export async function countRequests(c: TestCluster, args: string[]): Promise<CountedRun> {
  const log = c.sandbox.requests;
  const last = log.at(-1);
  const result = await kuberik(args, { kubeconfig: c.kubeconfig });
  const from = last ? log.lastIndexOf(last) + 1 : 0;
  if (last && from === 0) throw new Error('the request log overflowed: raise requestLogSize');
  return { ...result, requests: log.slice(from).map(line) };
}

/** The requests that appear more than once (watches and writes excepted: only repeated reads). */
export function repeatedReads(requests: string[]): string[] {
  const reads = requests.filter((r) => r.startsWith('GET ') && !r.endsWith('?watch'));
  return [...new Set(reads.filter((r, i) => reads.indexOf(r) !== i))];
}
