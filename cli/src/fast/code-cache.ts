// Runs one of the fast-path bundles (dist/fast-path/*.cjs: one CommonJS file each, no oclif) with a
// V8 code cache, so the next start deserializes compiled code instead of parsing and compiling the
// bundle again (docs/cli-startup.md). Node 20 has no module.enableCompileCache, so the file is run
// the way Node runs a CommonJS module, through vm.Script, which accepts and produces cached data.
//
// The cache lives in $XDG_CACHE_HOME/kuberik/v8 (~/.cache), one file per bundle, and starts with the
// key it was made for: the Node version and its flags, and the bundle's size and mtime. V8 itself
// checks its version and flags but not the source (only its length), so a rebuilt bundle must
// never meet an old cache: the key decides. A missing, stale or rejected cache is written again when
// the process exits (temp file + rename); an unwritable cache dir only means no cache.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';

/** What happened to the code cache: NODE_DEBUG=kuberik prints it (tests read it). */
export type CacheUse = 'accepted' | 'rejected' | 'stale' | 'none';

const log = debuglog('kuberik');

/** Loads `file` (a CommonJS bundle) and returns its exports. */
export function runBundle(file: string, env: NodeJS.ProcessEnv = process.env): Record<string, never> {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const key = [
    process.version,
    process.arch,
    process.execArgv.join(' '),
    env.NODE_OPTIONS ?? '',
    size,
    mtimeMs,
  ].join('|');
  const cacheFile = join(
    env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'),
    'kuberik',
    'v8',
    `${basename(file, '.cjs')}-${fnv1a(file)}.bin`,
  );
  let use: CacheUse = 'none';
  let cachedData: Buffer | undefined;
  try {
    const bytes = readFileSync(cacheFile);
    const end = bytes.indexOf(10);
    if (end > 0 && bytes.toString('utf8', 0, end) === key) cachedData = bytes.subarray(end + 1);
    else use = 'stale';
  } catch {
    // no cache yet (or unreadable): compile from source
  }
  // Node's own CommonJS wrapper, so the bundle sees exports, require, module, __filename, __dirname
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cachedData) use = script.cachedDataRejected ? 'rejected' : 'accepted';
  log('code cache for %s: %s', basename(file), use);
  // after the run, so the cache also holds the functions this command compiled lazily
  if (use !== 'accepted') process.once('exit', () => save(script, cacheFile, key));
  const module = { exports: {} as Record<string, never> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

function save(script: Script, cacheFile: string, key: string): void {
  try {
    const data = script.createCachedData();
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${key}\n`), data]));
    renameSync(tmp, cacheFile); // atomic: a concurrent start reads the old file or the new one
  } catch {
    // a read-only or full cache dir: the next start compiles from source, as this one did
  }
}

/** A short stable name per bundle path (two installs never share a cache file); not a security hash. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
