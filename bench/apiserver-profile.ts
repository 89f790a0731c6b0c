// CPU profiles of the real kube-apiserver while the controller bench settles (investigation only:
// `npm run bench -- controller --backend=real --apiserver-profile=DIR`). Back-to-back windows of
// /debug/pprof/profile are written as DIR/apiserver-NNN.pb.gz until the settle ends; read them
// together with `go tool pprof -top -cum DIR/apiserver-*.pb.gz` (pprof merges them).
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';

export interface ProfileTarget {
  url: string;
  ca: string;
  token: string;
}

/** One `seconds`-long CPU profile (gzipped protobuf, as Go's net/http/pprof serves it). */
export function cpuProfile(t: ProfileTarget, seconds: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`/debug/pprof/profile?seconds=${seconds}`, t.url),
      { ca: t.ca, headers: { authorization: `Bearer ${t.token}` }, timeout: (seconds + 30) * 1000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(
                new Error(
                  `pprof: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)} (is profiling on?)`,
                ),
              ),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('pprof: no answer')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Profiles in `windowSeconds` windows until `stop()` is true; resolves with the files written.
 * The last window may run past the stop by up to one window.
 */
export async function profileUntil(
  t: ProfileTarget,
  dir: string,
  stop: () => boolean,
  windowSeconds = 10,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  while (!stop()) {
    const file = join(dir, `apiserver-${String(files.length).padStart(3, '0')}.pb.gz`);
    await writeFile(file, await cpuProfile(t, windowSeconds));
    files.push(file);
  }
  return files;
}
