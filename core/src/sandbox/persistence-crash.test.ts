// Issue 11 point 10's reproduction: kill -9 a sandbox with --data while clients write, restart it,
// and check that no acknowledged write was lost and no resourceVersion was handed out twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROUNDS = Number(process.env.KUBERIK_KILL_ROUNDS ?? 100);
const WRITERS = 6;
const CM = '/api/v1/namespaces/default/configmaps';

let dir: string;
let childJs: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-crash-'));
  childJs = join(dir, 'child.mjs');
  // Bundled once so each of the 100 restarts takes milliseconds, not a TypeScript load.
  await build({
    entryPoints: [fileURLToPath(new URL('./test-support/data-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childJs,
    logLevel: 'silent',
    // CommonJS dependencies call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function start(dataFile: string): Promise<{ url: string; exited: Promise<void> }> {
  const c = spawn(process.execPath, [childJs, dataFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = c;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  let out = '';
  let err = '';
  c.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    c.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/\S+)\n/.exec(out);
      if (m) resolve({ url: m[1] as string, exited });
    });
    c.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${err}`)));
  });
}

interface ConfigMap {
  metadata: { name: string; resourceVersion?: string };
  data?: { v?: string };
}

interface Acked {
  rv: number;
  value?: string;
  deleted?: boolean;
  /** A DELETE was sent and not answered: it may or may not have landed. */
  deleting?: boolean;
}

async function send<T = ConfigMap>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T & { message?: string };
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
  return json;
}

describe('--data under kill -9', () => {
  it(
    `loses no acknowledged write and reuses no resourceVersion across ${ROUNDS} random kills`,
    async () => {
      const dataFile = join(dir, 'data.journal');
      const acked = new Map<string, Acked>();
      const ackedRvs = new Set<number>();
      let maxAckedRv = 0;
      let seq = 0;
      let totalAcks = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const { url, exited } = await start(dataFile);

        // Everything acknowledged before the kill is there (or a later, unacknowledged write of it).
        const list = await send<{ items: ConfigMap[] }>(url, 'GET', CM);
        const stored = new Map(list.items.map((o) => [o.metadata.name, o]));
        for (const [name, a] of acked) {
          const o = stored.get(name);
          if (!o && a.deleting) {
            acked.delete(name);
            continue;
          }
          if (a.deleted) {
            expect(o, `${name} was deleted at rv ${a.rv}`).toBeUndefined();
            continue;
          }
          expect(o, `${name} acknowledged at rv ${a.rv} (round ${round})`).toBeDefined();
          const rv = Number(o?.metadata.resourceVersion);
          expect(rv).toBeGreaterThanOrEqual(a.rv);
          if (rv === a.rv) expect(o?.data?.v).toBe(a.value);
          // A write in flight at the kill may have landed after all: adopt it.
          acked.set(name, { rv, value: o?.data?.v });
        }

        const writers = Array.from({ length: WRITERS }, async (_, w) => {
          const mine: string[] = [];
          for (;;) {
            const roll = Math.random();
            const value = `w${w}-${seq++}`;
            try {
              if (mine.length === 0 || roll < 0.3) {
                const name = `cm-${round}-${w}-${seq}`;
                const o = await send(url, 'POST', CM, {
                  apiVersion: 'v1',
                  kind: 'ConfigMap',
                  metadata: { name },
                  data: { v: value },
                });
                record(name, { rv: Number(o.metadata.resourceVersion), value });
                mine.push(name);
              } else if (roll < 0.85) {
                const name = mine[Math.floor(Math.random() * mine.length)] as string;
                const o = await send(url, 'PATCH', `${CM}/${name}`, { data: { v: value } });
                record(name, { rv: Number(o.metadata.resourceVersion), value });
              } else {
                const name = mine.splice(Math.floor(Math.random() * mine.length), 1)[0] as string;
                acked.set(name, { ...(acked.get(name) as Acked), deleting: true });
                const o = await send(url, 'DELETE', `${CM}/${name}`);
                // A delete answers a Status or the last state, not the delete's own rv.
                acked.set(name, { rv: Number(o.metadata?.resourceVersion ?? 0), deleted: true });
              }
            } catch {
              return; // killed: this write was never acknowledged
            }
          }
        });
        function record(name: string, a: Acked): void {
          expect(ackedRvs.has(a.rv), `resourceVersion ${a.rv} handed out twice`).toBe(false);
          expect(a.rv).toBeGreaterThan(maxAckedRv);
          ackedRvs.add(a.rv);
          maxAckedRv = a.rv;
          totalAcks++;
          acked.set(name, a);
        }

        await new Promise((r) => setTimeout(r, 50 + Math.random() * 300));
        child?.kill('SIGKILL');
        await exited;
        await Promise.all(writers);
      }

      // Writes were really acknowledged between the kills (the test cannot pass by doing nothing).
      expect(totalAcks).toBeGreaterThan(ROUNDS * 2);
      const { url, exited } = await start(dataFile);
      const list = await send<{ metadata: { resourceVersion: string } }>(url, 'GET', CM);
      expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(maxAckedRv);
      child?.kill('SIGKILL');
      await exited;
    },
    15 * 60_000,
  );
});
