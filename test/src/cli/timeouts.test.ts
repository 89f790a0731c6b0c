// Issue 11 point 3 (nothing hangs) and point 8's empty kubeconfig, on the built binary: an API
// server that accepts connections and never answers.
import { createServer, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tmp.js';
import { ensureBuilt, kuberik } from './support.js';

let server: Server;
const sockets = new Set<Socket>();
let kubeconfig: string;
let url: string;

beforeAll(async () => {
  await ensureBuilt();
  server = createServer((s) => {
    sockets.add(s); // accepted, read, never answered
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  url = `http://127.0.0.1:${port}`;
  kubeconfig = join(makeTempDir('silent-server'), 'config');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: silent, cluster: {server: "' + url + '", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: silent, context: {cluster: silent, user: u, namespace: default}}]',
      'current-context: silent',
    ].join('\n'),
  );
}, 240_000);
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server?.close(r));
});

describe('against a server that never answers (issue 11 point 3)', () => {
  it('get fails after the request timeout with one line naming the server and the request', async () => {
    const r = await kuberik(['get', '--request-timeout', '2s'], { kubeconfig, timeoutMs: 60_000 });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`the API server at ${url} did not answer`);
    expect(r.stderr).toContain('within 2s (--request-timeout)');
  });

  it('watch --until succeeded --timeout 10s exits 11 with what timed out', async () => {
    const r = await kuberik(['watch', 'my-app', '--until', 'succeeded', '--timeout', '10s'], {
      kubeconfig,
      timeoutMs: 120_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(11);
    expect(r.stderr).toContain('timed out after 10s (--timeout)');
    expect(r.stderr).toContain(url);
  });

  it('a bad --request-timeout is a one-line usage error', async () => {
    const r = await kuberik(['get', '--request-timeout', 'soon'], { kubeconfig });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: --request-timeout "soon" is not a duration — use e.g. 5s, 1m, or 0 for none\n',
    );
  });
});

describe('an empty kubeconfig (issue 11 point 8)', () => {
  it('says the file is empty instead of a JavaScript error', async () => {
    const empty = join(makeTempDir('empty-kubeconfig'), 'config');
    writeFileSync(empty, '');
    const r = await kuberik(['get'], { kubeconfig: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: kubeconfig file ${empty} \\(KUBECONFIG\\) is empty — `));
    expect(r.stderr).not.toContain('undefined');
  });
});
